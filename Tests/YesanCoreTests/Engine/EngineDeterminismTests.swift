import Testing
@testable import YesanCore
import _YesanKernels

/// SPEC 5's consequences: bit-identical results for any thread count, shard split, order of
/// programs and drivers in the file, and batch draws equal to the sequential samplers.
@Suite("Engine: determinism (SPEC 5)")
struct EngineDeterminismTests {
    typealias S = EngineSupport

    static func q(_ identity: String, _ d: Distribution, _ recurrence: Recurrence = .perTrial) -> Quantity {
        .random(RandomQuantity(d, recurrence: recurrence, identity: identity))
    }

    /// A scenario with every kind of randomness: correlated per-year drivers with rho, a per-trial
    /// driver, inline distributions per trial and per year, a compounding cap with drawn growth
    /// (priority), a fund with drawn contribution (pro-rata), probabilistic events with drawn years,
    /// a successor.
    static var scenario: Scenario {
        let growth = try! Distribution.normal(mean: 0.02, sd: 0.01).clipped(lower: -0.5, upper: nil)
        return Scenario(
            name: "determinism", years: 2025...2030, trials: 1000, seed: 42,
            sources: [
                FundingSource(name: "국비"), FundingSource(name: "도비"),
                FundingSource(name: "시비", cap: .compounding(base: .constant(3500), growth: q("source:시비:cap.growth", growth, .perYear(rho: 0)))),
                FundingSource(name: "일자리기금", cut: .prorata, fund: Fund(
                    balance: .constant(1200),
                    contribution: q("source:일자리기금:fund.contribution", try! .uniform(min: 300, max: 600), .perYear(rho: 0)),
                    interest: .constant(0.02))),
                FundingSource(name: "기금"), FundingSource(name: "기타"),
            ],
            drivers: [
                Driver(name: "임금상승률", distribution: growth, recurrence: .perYear(rho: 0.5)),
                Driver(name: "물가상승률", distribution: try! .normal(mean: 0.02, sd: 0.005), recurrence: .perYear(rho: 0)),
                Driver(name: "국비증가율", distribution: try! .triangular(min: -0.05, mode: 0, max: 0.03), recurrence: .perYear(rho: 0.3)),
                Driver(name: "집행률", distribution: try! .beta(mean: 0.92, sd: 0.03)),
            ],
            correlations: [DriverCorrelation("임금상승률", "물가상승률", 0.6), DriverCorrelation("국비증가율", "물가상승률", -0.2)],
            programs: [
                S.program("신중년경력형", category: "직접일자리", group: "중장년", participants: .constant(176), unitCost: .constant(14.2),
                          costGrowth: .driver("임금상승률"), execution: q("program:신중년경력형:execution", try! .beta(mean: 0.92, sd: 0.03)),
                          placementRate: q("program:신중년경력형:placement_rate", try! .beta(mean: 0.3, sd: 0.06)),
                          shares: [("국비", 0.5), ("도비", 0.1), ("시비", 0.4)], priority: 2,
                          events: [S.at(2025, S.cut([("국비", 1.0)], absorb: [("시비", 0.35)]))]),
                S.program("지역주도형청년", budget: .constant(900), unitCost: .constant(24), growth: .driver("국비증가율"),
                          execution: .driver("집행률"), placementRate: .constant(0.45),
                          shares: [("국비", 0.5), ("도비", 0.25), ("시비", 0.25)], priority: 4,
                          events: [(.drawn(try! .integerUniform(min: 2026, max: 2027)), 0.8, .terminate(successor: "청년미래패키지"))]),
                S.program("청년미래패키지", budget: .constant(1300), unitCost: .constant(26), execution: .constant(0.9),
                          placementRate: .constant(0.5), shares: [("일자리기금", 0.7), ("시비", 0.3)], priority: 3),
                S.program("공공근로", group: "취약계층", participants: .constant(80),
                          unitCost: q("program:공공근로:unit_cost", try! .pert(min: 8, mode: 9.6, max: 12)),
                          costGrowth: .driver("물가상승률"), placementRate: .constant(0.05), shares: [("시비", 1)], priority: 7,
                          events: [(.drawn(try! .discrete(values: [2027, 2028], weights: [1, 3])), 0.5, .scale(.constant(0.7)))]),
                S.program("어르신일자리", group: "노인",
                          participants: q("program:어르신일자리:participants", try! Distribution.normal(ci90: 900, 1100).clipped(lower: 0, upper: nil)),
                          unitCost: q("program:어르신일자리:unit_cost", try! .lognormal(mean: 3.2, sd: 0.2)),
                          execution: q("program:어르신일자리:execution", try! Distribution.normal(mean: 0.95, sd: 0.02).clipped(lower: 0.5, upper: 1), .perYear(rho: 0)),
                          shares: [("국비", 0.5), ("도비", 0.15), ("시비", 0.35)], priority: 1,
                          events: [(.fixed(2028), 0.3, S.shares([("국비", 0.4), ("도비", 0.15), ("시비", 0.45)]))]),
                S.program("고용센터", category: "고용서비스", group: "전계층",
                          budget: q("program:고용센터:budget", try! .gamma(mean: 300, sd: 30)),
                          growth: q("program:고용센터:growth", growth, .perYear(rho: 0.7)), shares: [("시비", 1)], priority: 6),
            ],
            targets: [Target(name: "직접일자리 참여자", metric: "participants", filter: TargetFilter(categories: ["직접일자리"]),
                             year: 2027, atLeast: 1200),
                      Target(name: "시비 부족", metric: "shortfall.시비", year: nil, atMost: 1000)])
    }

    static func run(_ scenario: Scenario, trials: Range<Int>, threads: Int) throws -> SimulationResult {
        let simulation = try Simulation(scenario)
        return simulation.run(keys: simulation.metricKeys(includePrograms: true), trials: trials, threads: threads)
    }

    static func sameValues(_ a: SimulationResult, _ b: SimulationResult) -> Bool {
        a.keys == b.keys && a.keys.allSatisfy { S.identical(a.values($0), b.values($0)) }
    }

    @Test("threads 1, 2 and 5 give the same values bit for bit; two runs are identical")
    func threadCounts() throws {
        let one = try Self.run(Self.scenario, trials: 0..<1000, threads: 1)
        let two = try Self.run(Self.scenario, trials: 0..<1000, threads: 2)
        let five = try Self.run(Self.scenario, trials: 0..<1000, threads: 5)
        let again = try Self.run(Self.scenario, trials: 0..<1000, threads: 2)
        #expect(Self.sameValues(one, two))
        #expect(Self.sameValues(one, five))
        #expect(Self.sameValues(two, again))
        #expect(one.summaries(threads: 1) == five.summaries(threads: 3))
        // Not degenerate: the values vary across trials.
        #expect(Set(one.values(MetricKey("spend.시비", year: 2027))).count > 900)
    }

    @Test("programs, drivers and correlations in another order give the same values")
    func fileOrder() throws {
        var shuffled = Self.scenario
        shuffled.programs = [shuffled.programs[3], shuffled.programs[5], shuffled.programs[0], shuffled.programs[4],
                             shuffled.programs[2], shuffled.programs[1]]
        shuffled.drivers.reverse()
        shuffled.correlations = shuffled.correlations.reversed().map { DriverCorrelation($0.second, $0.first, $0.r) }
        let a = try Self.run(Self.scenario, trials: 0..<400, threads: 2)
        let b = try Self.run(shuffled, trials: 0..<400, threads: 1)
        #expect(Self.sameValues(a, b))
    }

    @Test("a shard (trials 300..<700) equals the same slice of the full run")
    func shards() throws {
        let full = try Self.run(Self.scenario, trials: 0..<1000, threads: 2)
        let part = try Self.run(Self.scenario, trials: 300..<700, threads: 3)
        for key in full.keys {
            #expect(S.identical(Array(full.values(key)[300..<700]), part.values(key)), "\(key)")
        }
    }

    @Test("a run large enough for huge-page storage (≥ 8 MiB of values) equals its small shards")
    func largeStorage() throws {
        let simulation = try Simulation(Self.scenario)
        let keys = simulation.metricKeys(includePrograms: true)
        let trials = (8 << 20) / (8 * keys.count) + 1000
        #expect(Simulation.estimatedBytes(keys: keys.count, trials: trials) > 8 << 20)
        let full = simulation.run(keys: keys, trials: 0..<trials, threads: 2)
        let head = simulation.run(keys: keys, trials: 0..<300, threads: 1)
        let tail = simulation.run(keys: keys, trials: (trials - 300)..<trials, threads: 1)
        for key in keys {
            let values = full.values(key)
            #expect(values.count == trials)
            #expect(S.identical(Array(values[0..<300]), head.values(key)), "\(key)")
            #expect(S.identical(Array(values[(trials - 300)...]), tail.values(key)), "\(key)")
        }
    }

    @Test("counted keys: the tally equals the count over the kept values, for any thread count")
    func tallies() throws {
        let simulation = try Simulation(Self.scenario)
        let counted = [MetricKey("shortfall.시비", year: nil), MetricKey("shortfall.시비", year: 2027),
                       MetricKey("target.직접일자리 참여자", year: 2027), MetricKey("cost_per_placement", year: 2026)]
        let kept = try simulation.select(["spend@total"])
        let full = simulation.run(keys: kept + counted, trials: 0..<2000, threads: 1)
        for threads in [1, 3] {
            let run = simulation.run(keys: kept, counting: counted, trials: 0..<2000, threads: threads)
            #expect(S.identical(run.values(kept[0]), full.values(kept[0])))
            for key in counted {
                let values = full.values(key)
                let t = try #require(run.tally(key), "\(key)")
                #expect(t.positive == values.filter { $0 > 0 }.count, "\(key)")
                #expect(t.defined == values.filter { !$0.isNaN }.count && t.undefined == 2000 - t.defined, "\(key)")
                #expect(run.values(key).isEmpty)
                // A kept key's tally is counted over its values: the same.
                #expect(full.tally(key) == t, "\(key)")
            }
        }
        // Not degenerate: the shortfall is positive in some trials and not in others.
        let shortfall = try #require(full.values(counted[0]).filter { $0 > 0 }.count as Int?)
        #expect(shortfall > 0 && shortfall < 2000)
        let t = try #require(simulation.run(keys: [], counting: [counted[0]], trials: 0..<2000, threads: 2).tally(counted[0]))
        #expect(t.positive == shortfall)
        let p = Double(shortfall) / 2000
        #expect(t.probability == p && t.standardError == (2000.0 / 1999 * p * (1 - p) / 2000).squareRoot())
    }

    static let families: [(String, Distribution)] = [
        ("normal", try! .normal(mean: 1, sd: 2)),
        ("normal clipped", try! Distribution.normal(mean: 0.9, sd: 0.1).clipped(lower: 0.5, upper: 1)),
        ("lognormal", try! .lognormal(mean: 3.2, sd: 0.2)),
        ("uniform", try! .uniform(min: 300, max: 600)),
        ("triangular", try! .triangular(min: 8, mode: 9, max: 12)),
        ("pert", try! .pert(min: 8, mode: 9.6, max: 12)),
        ("pert skewed", try! .pert(min: 0, mode: 0, max: 1)),
        ("beta large shapes", try! .beta(mean: 0.92, sd: 0.03)),
        ("beta clipped", try! Distribution.beta(mean: 0.9, sd: 0.05).clipped(lower: 0.85, upper: 0.95)),
        ("pert clipped", try! Distribution.pert(min: 8, mode: 9.6, max: 12).clipped(lower: 9, upper: nil)),
        // Both shapes round to 1 (a tiny lambda): Jöhnk's method, as `standardBeta` decides.
        ("pert shapes rounding to 1", try! .pert(min: 0, mode: 0.5, max: 1, lambda: 1e-17)),
        ("beta one shape below 1", try! .beta(alpha: 0.5, beta: 3)),
        ("beta second shape below 1", try! .beta(mean: 0.97, sd: 0.035)),
        ("beta both below 1", try! .beta(alpha: 0.4, beta: 0.7)),
        ("gamma", try! .gamma(mean: 300, sd: 30)),
        ("gamma shape near 1", try! .gamma(shape: 1, scale: 2)),
        ("gamma shape below 1", try! .gamma(shape: 0.3, scale: 2)),
        ("bernoulli", try! .bernoulli(p: 0.3)),
        ("discrete", try! .discrete(values: [2027, 2028], weights: [1, 3])),
        ("fixed", try! .fixed(4)),
    ]

    /// Every family drawn in a batch (odd first trial, 1 001 trials, a later year) equals
    /// `sample(using: RandomStream(key:trial:year:))` trial by trial, to the bit.
    @Test("batch draws equal the sequential samplers", arguments: 0..<20)
    func batchDraws(index: Int) {
        let (name, d) = Self.families[index]
        let key = StreamKey(seed: 7, identity: "test:batch:\(name)")
        let trials: Range<UInt64> = 5..<1006, n = trials.count
        let stride = 1024
        let scratch = UnsafeMutablePointer<UInt64>.allocate(capacity: 16 * stride)
        defer { scratch.deallocate() }
        var out = [Double](repeating: .nan, count: n)
        out.withUnsafeMutableBufferPointer {
            BatchDraws.sample(d, key, trials: trials, year: 3, scratch: scratch, stride: stride, into: $0.baseAddress!)
        }
        var mismatches = 0
        for (b, trial) in trials.enumerated() {
            var s = RandomStream(key: key, trial: trial, year: 3)
            if d.sample(using: &s).bitPattern != out[b].bitPattern { mismatches += 1 }
        }
        #expect(mismatches == 0, "\(name): \(mismatches) of \(n) differ")
    }

    @Test("the normal and beta kernels give the same draws on every vector path (AVX-512, AVX2, none)")
    func samplerPaths() {
        // Lowering the level changes which instructions run, never a value, so the other tests
        // running meanwhile are unaffected.
        defer { yesan_set_sampler_level(3) }
        let cases: [(String, Distribution)] = [("normal", try! .normal(mean: 1, sd: 2)), ("beta", try! .beta(mean: 0.92, sd: 0.03)),
                                               ("pert", try! .pert(min: 8, mode: 9.6, max: 12))]
        let stride = 1024
        let scratch = UnsafeMutablePointer<UInt64>.allocate(capacity: 16 * stride)
        defer { scratch.deallocate() }
        for (name, d) in cases {
            let key = StreamKey(seed: 11, identity: "test:paths:\(name)")
            var results: [[Double]] = []
            for level: Int32 in [3, 2, 0] {
                yesan_set_sampler_level(level)
                var out = [Double](repeating: .nan, count: 1001)
                out.withUnsafeMutableBufferPointer {
                    BatchDraws.sample(d, key, trials: 3..<1004, year: 1, scratch: scratch, stride: stride, into: $0.baseAddress!)
                }
                results.append(out)
            }
            #expect(S.identical(results[0], results[1]) && S.identical(results[0], results[2]), "\(name)")
            var s = RandomStream(key: key, trial: 3, year: 1)
            #expect(results[0][0].bitPattern == d.sample(using: &s).bitPattern)
        }
    }

    @Test("batch normals equal the sequential ziggurat on every vector path, wedges and tails included")
    func normalPaths() {
        defer { yesan_set_sampler_level(3) }
        let key = StreamKey(seed: 7, identity: "driver:물가상승률")
        let trials: Range<UInt64> = 5..<20_005
        let table = ZigguratNormal.shared
        // Which trials leave the rectangle, and through which door: the test must see both.
        var wedges = 0, tails = 0
        for t in trials {
            let w = key.word(trial: t, year: 6, draw: 0)
            let i = Int(w & 0xFF)
            guard uniformHalfOpen(w) * table.x[i] >= table.x[i + 1] else { continue }
            if i == 0 { tails += 1 } else { wedges += 1 }
        }
        #expect(tails >= 1 && wedges >= 100, "tails \(tails), wedges \(wedges)")
        let expected = trials.map { t -> Double in
            var s = RandomStream(key: key, trial: t, year: 6)
            return standardNormal(using: &s)
        }
        for level: Int32 in [3, 2, 0] {
            yesan_set_sampler_level(level)
            for (start, count) in [(0, 20_000), (3, 129), (1, 7)] {
                var out = [Double](repeating: .nan, count: count)
                let range = trials.lowerBound + UInt64(start)..<trials.lowerBound + UInt64(start + count)
                out.withUnsafeMutableBufferPointer { BatchDraws.normals(key, trials: range, year: 6, into: $0.baseAddress!) }
                let mismatches = (0..<count).filter { out[$0].bitPattern != expected[start + $0].bitPattern }.count
                #expect(mismatches == 0, "level \(level), start \(start): \(mismatches) differ")
            }
        }
    }

    @Test("every Philox path (AVX-512F, AVX2, scalar; those this CPU has) gives the stream's words")
    func philoxPaths() {
        let key = StreamKey(seed: 20_251_123, identity: "program:사업001:execution")
        for level: Int32 in [0, 2, 3] {
            for (start, count) in [(0, 1), (1, 31), (0, 32), (3, 33), (2, 100), (1_000_001, 333)] {
                let trials = UInt64(start)..<UInt64(start + count)
                var words = [UInt64](repeating: 0, count: count)
                words.withUnsafeMutableBufferPointer {
                    BatchDraws.words(key, trials: trials, year: 4, draw: 9, level: level, into: $0.baseAddress!)
                }
                let expected = trials.map { key.word(trial: $0, year: 4, draw: 9) }
                #expect(words == expected, "level \(level), start \(start), count \(count)")
            }
        }
    }

    @Test("batch words, normals and uniforms equal the stream's, for any start and length")
    func batchWords() {
        let key = StreamKey(seed: 20_251_123, identity: "driver:임금상승률")
        for (start, count) in [(0, 1), (1, 1), (0, 16), (1, 16), (3, 17), (7, 1000), (1_000_001, 333), (0, 0)] {
            let trials = UInt64(start)..<UInt64(start + count)
            var words = [UInt64](repeating: 0, count: count)
            var normals = [Double](repeating: 0, count: count), uniforms = normals
            words.withUnsafeMutableBufferPointer { BatchDraws.words(key, trials: trials, year: 4, draw: 9, into: $0.baseAddress!) }
            normals.withUnsafeMutableBufferPointer { BatchDraws.normals(key, trials: trials, year: 2, into: $0.baseAddress!) }
            uniforms.withUnsafeMutableBufferPointer { BatchDraws.uniforms(key, trials: trials, year: 1, into: $0.baseAddress!) }
            for (b, trial) in trials.enumerated() {
                #expect(words[b] == key.word(trial: trial, year: 4, draw: 9))
                var s = RandomStream(key: key, trial: trial, year: 2)
                #expect(normals[b].bitPattern == standardNormal(using: &s).bitPattern)
                var u = RandomStream(key: key, trial: trial, year: 1)
                #expect(uniforms[b] == u.nextOpenUnit())
            }
        }
    }

    /// A per-year driver with rho, alone: its values are F⁻¹(Φ(z)) of the AR(1) of its own
    /// ziggurat innovations (docs/randomness.md), recomputed here trial by trial.
    @Test("a per-year driver with rho follows the documented latent path")
    func latentPath() throws {
        let d = try Distribution.triangular(min: -0.05, mode: 0, max: 0.03)
        let scenario = Scenario(name: "latent", years: 2025...2028, trials: 50, seed: 9,
                                drivers: [Driver(name: "g", distribution: d, recurrence: .perYear(rho: 0.3))],
                                programs: [S.program("A", budget: .constant(100), growth: .driver("g"), shares: [("국비", 1)])])
        let simulation = try Simulation(scenario)
        let model = Model(plan: simulation.plan, run: RunPlan(plan: simulation.plan, catalogue: simulation.catalogue, keys: []))
        let ws = Workspace(plan: model.plan, run: model.run, lanes: 50)
        model.draw(ws, first: 0, lanes: 50)
        let column = try #require(simulation.plan.driverColumns["g"])
        let key = StreamKey(seed: 9, identity: "driver:g")
        for trial in 0..<50 {
            var z = 0.0
            for y in 0..<4 {
                var s = RandomStream(key: key, trial: UInt64(trial), year: UInt32(y))
                let e = standardNormal(using: &s)
                z = y == 0 ? e : 0.3 * z + (1 - 0.09).squareRoot() * e
                #expect(ws.input(column.row + y)[trial].bitPattern == d.value(atLatentNormal: z).bitPattern)
            }
        }
    }

    @Test("Summary(column:) with the radix select (or sort) equals Summary(values) field by field")
    func columnSummary() {
        var rng = RandomStream(key: StreamKey(seed: 1, identity: "test:summary"), trial: 0)
        for n in [0, 1, 2, 255, 256, 1000, 5000, 20_000, 100_000] {
            var values = (0..<n).map { _ in standardNormal(using: &rng) * 100 }
            if n > 10 {
                values[3] = .nan
                values[4] = -0.0
                values[5] = 0
                values[6] = -1e10
                values[7] = 1e10
                values[8] = values[9]
            }
            // As drawn (with −0: sorted in full), without −0 (selection), with ties, and 0/1.
            // Also: a narrow band (the select path), an atom at 0 with a tail (a shortfall), all equal,
            // an atom at a cap above or below a spread (a budget held at its envelope), and an atom with
            // a dense cluster just below it (the selection recurses into the crowded bucket), and values
            // straddling 2.0, whose keys differ in a high bit by a small amount.
            let columns = [values, values.map { $0 == 0 ? 1 : $0 }, values.map { ($0 / 50).rounded() + 0 },
                           values.map { $0 > 0 ? 1 : 0 }, values.map { $0.isNaN ? $0 : 1000 + abs($0).truncatingRemainder(dividingBy: 97) / 1000 },
                           values.map { $0.isNaN ? $0 : Swift.max(0, abs($0).truncatingRemainder(dividingBy: 300) - 250) },
                           values.map { $0.isNaN ? $0 : 7.25 },
                           values.map { $0.isNaN ? $0 : Swift.min($0, 40) }, values.map { $0.isNaN ? $0 : Swift.max($0, -20) },
                           values.map { $0.isNaN ? $0 : $0 > 40 ? 40 : $0 > 30 ? 40 - ($0 - 30) * 1e-9 : $0 },
                           values.map { $0.isNaN ? $0 : 2 + $0 * 1e-14 }]
            for column in columns {
                let a = Summary(column)
                let b = column.withUnsafeBufferPointer { Summary(column: $0) }
                #expect(a.count == b.count && a.undefined == b.undefined)
                #expect(a.mean.bitPattern == b.mean.bitPattern && a.sd == b.sd && a.se == b.se)
                #expect(a.min.bitPattern == b.min.bitPattern && a.max.bitPattern == b.max.bitPattern)
                #expect(zip(a.quantiles, b.quantiles).allSatisfy { $0.bitPattern == $1.bitPattern }, "n = \(n)")
            }
        }
    }
}
