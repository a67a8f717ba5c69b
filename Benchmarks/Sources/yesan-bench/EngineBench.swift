// `yesan-bench engine`: the engine on a synthetic scenario with the structure of bench-large
// (shared/peers/bench-large.py): 200 programs × 10 years, four correlated per-year drivers with
// rho and one per-trial driver, a 시비 cap growing with a driver (priority cut), a fund with a
// per-year contribution (pro-rata cut), gamma / lognormal / pert / beta / triangular fields, and
// events on 30 % of the programs (cut + absorb, scale, shares, terminate + successor) with
// probabilities and drawn years. Built in Swift (no YAML), deterministic.
import YesanCore
import YesanBenchSupport

func r2(_ x: Double) -> Double { (x * 100).rounded() / 100 }

let benchShares: [[(String, Double)]] = [
    [("국비", 0.5), ("도비", 0.2), ("시비", 0.3)], [("국비", 0.7), ("시비", 0.3)], [("시비", 1.0)],
    [("도비", 0.5), ("시비", 0.5)], [("시비", 0.6), ("일자리기금", 0.4)], [("국비", 0.9), ("기타", 0.1)],
    [("국비", 0.5), ("도비", 0.15), ("시비", 0.35)], [("일자리기금", 1.0)],
]
let categories = Scenario.defaultCategories, groups = Scenario.defaultGroups

func benchProgram(_ rnd: inout SplitMix64, _ i: Int, first: Int, last: Int, successor: Bool) -> (Program, Double) {
    let id = "사업" + String(repeating: "0", count: max(0, 3 - String(i).count)) + String(i)
    let years = last - first + 1
    func q(_ field: String, _ d: Distribution, _ recurrence: Recurrence = .perTrial) -> Quantity {
        .random(RandomQuantity(d, recurrence: recurrence, identity: "program:\(id):\(field)"))
    }
    var firstYear: Int?, lastYear: Int?
    let u = rnd.random()
    if !successor && u < 0.08 { firstYear = first + rnd.int(1, max(1, years / 2)) }
    else if !successor && u < 0.13 { lastYear = last - rnd.int(1, max(1, years / 2)) }
    var size: ProgramSize, unitCost: Quantity?, growth = Quantity.zero, costGrowth = Quantity.zero, cost: Double
    if rnd.random() < 0.6 {
        let slots = Double(rnd.int(20, 600))
        let c = r2(rnd.uniform(8, 30))
        size = .participants(.constant(slots))
        switch rnd.int(0, 3) {
        case 0: unitCost = .constant(c)
        case 1: unitCost = q("unit_cost", try! .pert(min: r2(0.85 * c), mode: c, max: r2(1.3 * c)))
        case 2: unitCost = q("unit_cost", try! .triangular(min: r2(0.9 * c), mode: c, max: r2(1.2 * c)))
        default: unitCost = q("unit_cost", try! .lognormal(mean: c, sd: r2(0.08 * c)))
        }
        costGrowth = rnd.choice([.driver("임금상승률"), .driver("임금상승률"), .driver("물가상승률"), .constant(0.03)])
        cost = slots * c
    } else {
        let b = rnd.uniform(100, 2000).rounded()
        size = .budget(rnd.int(0, 4) == 3 ? q("budget", try! .gamma(mean: b, sd: r2(0.1 * b))) : .constant(b))
        switch rnd.int(0, 3) {
        case 0, 1: growth = .driver("국비증가율")
        case 2: growth = q("growth", try! Distribution.normal(mean: 0.02, sd: 0.01).clipped(lower: -0.5, upper: nil),
                           .perYear(rho: 0.6))
        default: growth = .zero
        }
        if rnd.random() < 0.5 { unitCost = .constant(r2(rnd.uniform(2, 40))) }
        cost = b
    }
    let shares = rnd.choice(benchShares)
    let x = rnd.random()
    let execution: Quantity = x < 0.7
        ? q("execution", try! .beta(mean: r2(rnd.uniform(0.85, 0.97)), sd: r2(rnd.uniform(0.01, 0.04))))
        : x < 0.9 ? .driver("집행률") : .one
    let m = r2(rnd.uniform(0.05, 0.5))
    let placement: Quantity
    switch rnd.int(0, 2) {
    case 0: placement = q("placement_rate", try! .beta(mean: m, sd: 0.04))
    case 1: placement = q("placement_rate", try! .pert(min: r2(0.5 * m), mode: m, max: r2(min(1, 1.5 * m))))
    default: placement = .constant(m)
    }
    let program = Program(
        id: id, category: rnd.choice(categories), group: rnd.choice(groups), firstYear: firstYear, lastYear: lastYear,
        baseYear: first, size: size, unitCost: unitCost, growth: growth, costGrowth: costGrowth, execution: execution,
        placementRate: placement, shares: shares.map { SourceFraction($0.0, $0.1) }, priority: rnd.int(1, 9))
    return (program, cost)
}

func benchEvent(_ rnd: inout SplitMix64, _ p: Program, _ index: Int, first: Int, last: Int) -> Event {
    let identity = "program:\(p.id):event:\(index)"
    let y0 = rnd.int(first + 1, max(first + 1, last - 1))
    var year = EventYear.fixed(y0)
    if y0 < last {
        switch rnd.int(0, 2) {
        case 1: year = .drawn(try! .integerUniform(min: y0, max: min(last, y0 + 2)))
        case 2: year = .drawn(try! .discrete(values: [Double(y0), Double(y0 + 1)], weights: [1, 2]))
        default: break
        }
    }
    let probability = rnd.random() < 0.5 ? r2(rnd.uniform(0.3, 1.0)) : 1
    let u = rnd.random()
    let lost = ["국비", "도비"].filter { s in p.shares.contains { $0.source == s } }
    let action: EventAction
    if u < 0.5, let source = lost.first {
        action = .cut([SourceQuantity(source, .constant(rnd.choice([0.5, 1.0])))],
                      absorb: [SourceQuantity(rnd.choice(["시비", "시비", "일자리기금"]), .constant(r2(rnd.uniform(0.2, 0.8))))])
    } else if u < 0.75 {
        action = .scale(.constant(r2(rnd.uniform(0.5, 1.3))))
    } else {
        action = .shares(rnd.choice(benchShares).map { SourceFraction($0.0, $0.1) })
    }
    return Event(identity: identity, year: year, probability: probability, action: action)
}

func benchScenario(programs count: Int = 200, years: Int = 10, trials: Int = 100_000) -> Scenario {
    var rnd = SplitMix64(state: 1)
    let first = 2025, last = 2025 + years - 1
    let events = Int((0.3 * Double(count)).rounded()), terminations = max(1, Int((0.25 * Double(events)).rounded()))
    let main = count - terminations
    var programs: [Program] = []
    var demandCity = 0.0, demandFund = 0.0
    for i in 0..<main {
        let (p, cost) = benchProgram(&rnd, i, first: first, last: last, successor: false)
        programs.append(p)
        if p.firstYear == nil {
            for s in p.shares {
                if s.source == "시비" { demandCity += cost * s.fraction }
                if s.source == "일자리기금" { demandFund += cost * s.fraction }
            }
        }
    }
    var chosen = Array(0..<main)
    for i in stride(from: chosen.count - 1, to: 0, by: -1) { chosen.swapAt(i, Int(rnd.next() % UInt64(i + 1))) }
    for (j, i) in chosen.prefix(events).enumerated() {
        if j < terminations {
            let (successor, _) = benchProgram(&rnd, main + j, first: first, last: last, successor: true)
            programs.append(successor)
            var e = benchEvent(&rnd, programs[i], 0, first: first, last: last)
            e.action = .terminate(successor: successor.id)
            programs[i].events = [e]
        } else {
            programs[i].events = (0..<rnd.choice([1, 1, 2])).map { benchEvent(&rnd, programs[i], $0, first: first, last: last) }
        }
    }
    let fund = max(demandFund, 100)
    let growthClip = { (d: Distribution) in try! d.clipped(lower: -0.5, upper: nil) }
    return Scenario(
        name: "bench-large (Swift): \(count) programs × \(years) years", years: first...last, trials: trials, seed: 20_251_123,
        sources: [
            FundingSource(name: "국비"), FundingSource(name: "도비"),
            FundingSource(name: "시비", cap: .compounding(base: .constant(demandCity.rounded()), growth: .driver("시비증가율"))),
            FundingSource(name: "일자리기금", cut: .prorata, fund: Fund(
                balance: .constant((1.5 * fund).rounded()),
                contribution: .random(RandomQuantity(try! Distribution.normal(mean: (0.75 * fund).rounded(), sd: (0.1 * fund).rounded())
                    .clipped(lower: 0, upper: nil), recurrence: .perYear(rho: 0), identity: "source:일자리기금:fund.contribution")),
                interest: .constant(0.02))),
            FundingSource(name: "기타"), FundingSource(name: "기금"),
        ],
        drivers: [
            Driver(name: "임금상승률", distribution: growthClip(try! .normal(mean: 0.035, sd: 0.01)), recurrence: .perYear(rho: 0.5)),
            Driver(name: "물가상승률", distribution: growthClip(try! .normal(mean: 0.02, sd: 0.005)), recurrence: .perYear(rho: 0.3)),
            Driver(name: "국비증가율", distribution: growthClip(try! .normal(mean: 0.01, sd: 0.02)), recurrence: .perYear(rho: 0.6)),
            Driver(name: "시비증가율", distribution: growthClip(try! .normal(mean: 0.025, sd: 0.01)), recurrence: .perYear(rho: 0.4)),
            Driver(name: "집행률", distribution: try! .beta(mean: 0.92, sd: 0.03)),
        ],
        correlations: [DriverCorrelation("임금상승률", "물가상승률", 0.6), DriverCorrelation("국비증가율", "물가상승률", 0.3),
                       DriverCorrelation("시비증가율", "국비증가율", 0.4), DriverCorrelation("시비증가율", "물가상승률", 0.2)],
        programs: programs,
        targets: [
            Target(name: "직접일자리 참여자", metric: "participants", filter: TargetFilter(categories: ["직접일자리"]), year: first,
                   atLeast: 3000),
            Target(name: "시비 부족 없음", metric: "shortfall.시비", year: nil, atMost: 0),
            Target(name: "기금 고갈 없음", metric: "fund.일자리기금.depleted", year: nil, atMost: 0),
            Target(name: "청년 취업자", metric: "placements", filter: TargetFilter(groups: ["청년"]), year: last, atLeast: 1000),
        ])
}

func benchEngine(trials: Int, runs: Int, threads: Int) {
    let scenario = benchScenario(trials: trials)
    let simulation = try! Simulation(scenario)
    // The default table of `yesan run`: budget, budget.시비, spend, participants, placements at every
    // year and total, and the targets.
    let table = ["budget", "budget.시비", "spend", "participants", "placements"]
    let keys = try! simulation.select(table) + simulation.metricKeys().filter { $0.name.hasPrefix("target.") }
    let events = scenario.programs.reduce(0) { $0 + $1.events.count }
    print("yesan \(yesanVersion) engine — \(scenario.programs.count) programs × \(scenario.years.count) years, \(events) events, "
          + "\(keys.count) keys, \(trials) trials, \(threads) threads, median of \(runs) runs")
    let clock = ContinuousClock()
    var times: [Double] = [], summaryTimes: [Double] = []
    var check = 0.0
    for _ in 0..<runs {
        let start = clock.now
        let result = simulation.run(keys: keys, trials: 0..<trials, threads: threads)
        let mid = clock.now
        let stats = result.summaries(threads: threads)
        let end = clock.now
        check += stats[0].mean
        times.append(seconds(mid - start))
        summaryTimes.append(seconds(end - mid))
    }
    blackHole(check)
    let t = median(times), s = median(summaryTimes)
    let rate = Double(trials * scenario.programs.count * scenario.years.count) / t
    print("run        \(format3(t)) s median, \(format3(times.min() ?? t)) s best   (\(format3(rate / 1e6)) M trial-program-years/s at the median; runs: \(times.map(format3)))")
    print("summaries  \(format3(s)) s")
    print("total      \(format3(t + s)) s")
}

func seconds(_ d: Duration) -> Double {
    Double(d.components.seconds) + Double(d.components.attoseconds) * 1e-18
}
