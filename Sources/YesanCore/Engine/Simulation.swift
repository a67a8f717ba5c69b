import Dispatch
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// The Monte Carlo engine (SPEC 4–6): a scenario compiled once, run over any range of trials.
///
/// ```swift
/// let simulation = try Simulation(scenario)
/// let keys = try simulation.select(["spend.시비", "target.*"])
/// let result = simulation.run(keys: keys, trials: 0..<scenario.trials, threads: 2)
/// let stats = result.summaries(threads: 2)
/// ```
///
/// Every value is a pure function of the scenario, its seed and the trial index (SPEC 5): the
/// results are bit-identical for any thread count, any sub-range of trials (shards) and any order
/// of programs, drivers or correlations in the file. Money is in the scenario's `unit`; rates are
/// fractions; people are counts.
public struct Simulation: Sendable {
    /// The scenario as given.
    public let scenario: Scenario
    let plan: Plan
    let catalogue: MetricCatalogue

    /// Trials per block: every array of the model is this many doubles long.
    static let blockSize = 128

    /// Compiles `scenario`.
    ///
    /// - Parameter repairCorrelation: replace a correlation matrix that is not positive definite
    ///   by the nearest valid one (`--repair-correlation`, SPEC 3.3).
    /// - Throws: `SimulationError.correlationNotPositiveDefinite` (without repair), and
    ///   `.inconsistentModel` for what the loader refuses (unknown sources, drivers, successors,
    ///   labels or target metrics, a cap without an amount for every horizon year, …).
    public init(_ scenario: Scenario, repairCorrelation: Bool = false) throws(SimulationError) {
        self.scenario = scenario
        plan = try Plan(scenario, repairCorrelation: repairCorrelation)
        catalogue = MetricCatalogue(scenario: scenario, plan: plan)
        var names = Set<String>()
        for (i, t) in scenario.targets.enumerated() {
            guard names.insert(t.name).inserted else { throw .inconsistentModel("target '\(t.name)' is declared twice") }
            if let y = t.year, !scenario.years.contains(y) {
                throw .inconsistentModel("targets[\(t.name)]: year \(y) is outside the horizon")
            }
            _ = try catalogue.targetSource(i)
        }
    }

    /// Whether the correlation matrix in use is the repaired one (`--repair-correlation` on a
    /// matrix that was not positive definite).
    public var isCorrelationRepaired: Bool {
        plan.tasks.contains { task in
            if case .copula(let c, _, _, _, _, _) = task.kind { return c.isRepaired }
            return false
        }
    }

    /// The sources a table shows (SPEC 3.4): those some program may draw on (its shares, a
    /// `shares` event, an absorbing source) or that have a cap or a fund, in declared order.
    public var shownSources: [String] {
        plan.sources.indices.filter { k in
            plan.sources[k].hasLimit || !plan.sources[k].drawers.isEmpty
        }.map { plan.sources[$0].name }
    }

    /// Every key of SPEC 6 in a stable order: each metric name (reference.py `metric_names`:
    /// flows, flows by source, shortfalls, funds, category and group breakdowns) at every horizon
    /// year and `total`, then each target at its own year or `total`.
    ///
    /// - Parameter includePrograms: add the per-program breakdowns (`spend.program.<id>`, …).
    public func metricKeys(includePrograms: Bool = false) -> [MetricKey] {
        catalogue.keys(includePrograms: includePrograms)
    }

    /// The keys selected by `--metric` patterns, in order of first match, without duplicates.
    ///
    /// A pattern is `NAME` (every year and `total`), `NAME@YEAR` or `NAME@total`; `*` matches any
    /// text. The per-program breakdowns are reached only by a pattern whose name contains
    /// `.program.` (so `*` alone leaves them out).
    /// - Throws: `SimulationError.unknownMetric` for a pattern that matches nothing, with the
    ///   closest metric name.
    public func select(_ patterns: [String]) throws(SimulationError) -> [MetricKey] {
        var out: [MetricKey] = []
        var seen = Set<MetricKey>()
        for text in patterns {
            let pattern = MetricPattern(text)
            let keys = metricKeys(includePrograms: pattern.namesPrograms)
            let hits = keys.filter { pattern.matches($0.description) }
            guard !hits.isEmpty else {
                var names: [String] = []
                var known = Set<String>()
                for k in keys where known.insert(k.name).inserted { names.append(k.name) }
                throw .unknownMetric(pattern: text, suggestion: closestMatch(pattern.name, among: names.sorted(by: codePointLess)))
            }
            for k in hits where seen.insert(k).inserted { out.append(k) }
        }
        return out
    }

    /// The bytes a run of `keys` metrics over `trials` trials holds: 8 bytes per key per trial
    /// for the per-trial values, plus one column of the same length that each summary sorts.
    /// Saturates at `Int.max`. (The model's own workspace, a few megabytes per thread, is not
    /// counted.)
    public static func estimatedBytes(keys: Int, trials: Int) -> Int {
        let (cells, o1) = Swift.max(keys, 0).addingReportingOverflow(1)
        let (count, o2) = cells.multipliedReportingOverflow(by: Swift.max(trials, 0))
        let (bytes, o3) = count.multipliedReportingOverflow(by: MemoryLayout<Double>.size)
        return o1 || o2 || o3 ? .max : bytes
    }

    /// Runs the trials `trials` (e.g. `0..<scenario.trials`; a shard is a sub-range; negative
    /// indices are left out) with the scenario's seed and returns every trial's value of each key.
    ///
    /// - Parameters:
    ///   - keys: the keys to keep (from `metricKeys` or `select`); only what they need is
    ///     computed. A key the scenario does not have yields NaN in every trial.
    ///   - counting: keys of which only the share of trials with a value above 0 is wanted
    ///     (a limit's shortfall, a depletion flag, a target): counted, not kept, so they need no
    ///     memory per trial. Read them with `SimulationResult.tally(_:)`.
    ///   - threads: worker threads (at least 1 is used).
    ///   - progress: called now and then, from any thread, with the number of trials finished.
    /// - Complexity: O(trials × years × (programs + events)) time; `estimatedBytes(keys:trials:)`
    ///   memory for `keys`, none per trial for `counting`.
    public func run(keys: [MetricKey], counting: [MetricKey] = [], trials: Range<Int>, threads: Int,
                    progress: (@Sendable (Int) -> Void)? = nil) -> SimulationResult {
        let trials = Swift.max(trials.lowerBound, 0)..<Swift.max(trials.upperBound, 0)
        let all = keys + counting
        guard !all.isEmpty else { return SimulationResult(keys: [], trials: trials, storage: ResultStorage(count: 0)) }
        let model = Model(plan: plan, run: RunPlan(plan: plan, catalogue: catalogue, keys: all))
        let n = trials.count, kept = keys.count, counted = counting.count
        let lanes = Simulation.blockSize
        let blocks = (n + lanes - 1) / lanes
        let workers = Swift.max(1, Swift.min(threads, blocks))
        let storage = ResultStorage(count: kept * n)
        // Per worker and counted key: trials with a value > 0, and trials with a value (not NaN).
        let counts = UnsafeMutablePointer<Int>.allocate(capacity: Swift.max(2 * workers * counted, 1))
        counts.initialize(repeating: 0, count: Swift.max(2 * workers * counted, 1))
        defer { counts.deallocate() }
        if blocks > 0 {
            let out = SendablePointer(storage.base), tallies = SendablePointer(counts)
            let next = Counter(), finished = Counter()
            DispatchQueue.concurrentPerform(iterations: workers) { worker in
                let ws = Workspace(plan: model.plan, run: model.run, lanes: lanes)
                // The block's values of every key, then the kept ones copied out and the others counted.
                let block = UnsafeMutablePointer<Double>.allocate(capacity: all.count * lanes)
                defer { block.deallocate() }
                let mine = tallies.pointer + 2 * worker * counted
                while true {
                    let index = next.value.add(1, ordering: .relaxed).oldValue
                    guard index < blocks else { break }
                    let offset = index * lanes, count = Swift.min(lanes, n - offset)
                    model.draw(ws, first: trials.lowerBound + offset, lanes: count)
                    model.evaluate(ws, lanes: count, output: block, stride: lanes)
                    for k in 0..<kept { (out.pointer + k * n + offset).update(from: block + k * lanes, count: count) }
                    for c in 0..<counted {
                        let (positive, defined) = Tally.count(block + (kept + c) * lanes, count)
                        mine[2 * c] += positive
                        mine[2 * c + 1] += defined
                    }
                    let done = finished.value.add(count, ordering: .relaxed).newValue
                    progress?(done)
                }
            }
        }
        var tally: [MetricKey: Tally] = [:]
        for (c, key) in counting.enumerated() where tally[key] == nil {
            var positive = 0, defined = 0
            for w in 0..<workers {
                positive += counts[2 * (w * counted + c)]
                defined += counts[2 * (w * counted + c) + 1]
            }
            tally[key] = Tally(positive: positive, defined: defined, undefined: n - defined)
        }
        return SimulationResult(keys: keys, trials: trials, storage: storage, tallies: tally)
    }
}

/// The count of a key's trials with a value above 0, for the share P(value > 0) (SPEC 6:
/// probabilities with their standard error).
public struct Tally: Sendable, Equatable {
    /// Trials whose value is above 0.
    public let positive: Int
    /// Trials with a value (undefined ones, NaN, left out).
    public let defined: Int
    /// Trials without a value.
    public let undefined: Int

    /// Of `n` values from `row`: how many are above 0, and how many are not NaN.
    static func count(_ row: UnsafePointer<Double>, _ n: Int) -> (positive: Int, defined: Int) {
        var positive = 0, defined = 0
        for b in 0..<n {
            positive += row[b] > 0 ? 1 : 0
            defined += row[b].isNaN ? 0 : 1
        }
        return (positive, defined)
    }

    /// P(value > 0) over the defined trials (NaN without any).
    public var probability: Double { defined > 0 ? Double(positive) / Double(defined) : .nan }

    /// The standard error of `probability`: the sample standard deviation of the 0/1 indicator
    /// (n − 1 divisor) over √n; NaN with fewer than two trials.
    public var standardError: Double {
        guard defined > 1 else { return .nan }
        let p = probability, n = Double(defined)
        return (n / (n - 1) * p * (1 - p) / n).squareRoot()
    }
}

/// A raw pointer handed to worker threads that write disjoint parts of it.
struct SendablePointer<Pointee>: @unchecked Sendable {
    let pointer: UnsafeMutablePointer<Pointee>
    init(_ pointer: UnsafeMutablePointer<Pointee>) { self.pointer = pointer }
}

/// A shared atomic counter.
final class Counter: Sendable {
    let value = Atomic<Int>(0)
}

/// Every trial's value of each key of a run (SPEC 6), kept in trial order.
public struct SimulationResult: Sendable {
    /// The keys, as passed to `run`.
    public let keys: [MetricKey]
    /// The trials run.
    public let trials: Range<Int>
    /// Key-major: key k's values are `storage.values[k * n ..< (k + 1) * n]`.
    let storage: ResultStorage
    let index: [MetricKey: Int]

    /// The counted keys' tallies.
    let tallies: [MetricKey: Tally]

    init(keys: [MetricKey], trials: Range<Int>, storage: ResultStorage, tallies: [MetricKey: Tally] = [:]) {
        self.keys = keys
        self.trials = trials
        self.storage = storage
        self.tallies = tallies
        var index: [MetricKey: Int] = [:]
        for (i, k) in keys.enumerated() where index[k] == nil { index[k] = i }
        self.index = index
    }

    /// The values of `key`, one per trial in trial order (NaN: undefined, e.g. cost per placement
    /// where placements are 0). Empty for a key that was not run.
    public func values(_ key: MetricKey) -> [Double] {
        guard let k = index[key] else { return [] }
        let n = trials.count
        return Array(storage.values[k * n ..< (k + 1) * n])
    }

    /// The tally of a key passed as `counting` to `run`, or counted over a kept key's values (nil
    /// for a key that was not run).
    public func tally(_ key: MetricKey) -> Tally? {
        if let t = tallies[key] { return t }
        guard let k = index[key] else { return nil }
        let n = trials.count
        let (positive, defined) = Tally.count(storage.base + k * n, n)
        return Tally(positive: positive, defined: defined, undefined: n - defined)
    }

    /// Statistics of every key over the trials (SPEC 6), aligned with `keys`; each is computed
    /// from its values in trial order, so the result is the same for any `threads`.
    public func summaries(threads: Int) -> [Summary] {
        summaries(of: keys, threads: threads)
    }

    /// Statistics of the given keys only, aligned with `wanted` (a key that was not run has the
    /// summary of no values); the same for any `threads`.
    public func summaries(of wanted: [MetricKey], threads: Int) -> [Summary] {
        let n = trials.count, count = wanted.count
        guard count > 0 else { return [] }
        let rows = wanted.map { index[$0] }
        let workers = Swift.max(1, Swift.min(threads, count))
        return [Summary](unsafeUninitializedCapacity: count) { buffer, initialized in
            if let base = buffer.baseAddress {
                let out = SendablePointer(base)
                let next = Counter()
                withExtendedLifetime(storage) {
                    let all = SendableValues(UnsafeBufferPointer(storage.values))
                    DispatchQueue.concurrentPerform(iterations: workers) { _ in
                        while true {
                            let k = next.value.add(1, ordering: .relaxed).oldValue
                            guard k < count else { break }
                            let column = rows[k].map { UnsafeBufferPointer(rebasing: all.buffer[$0 * n ..< ($0 + 1) * n]) }
                            (out.pointer + k).initialize(to: Summary(column: column ?? UnsafeBufferPointer(start: nil, count: 0)))
                        }
                    }
                }
            }
            initialized = count
        }
    }
}

struct SendableValues: @unchecked Sendable {
    let buffer: UnsafeBufferPointer<Double>
    init(_ buffer: UnsafeBufferPointer<Double>) { self.buffer = buffer }
}

/// The values of a run, written once by the workers and read-only afterwards. Large runs are
/// backed by transparent huge pages where the kernel offers them (Linux `madvise`), so that the
/// first touch of hundreds of megabytes costs a few hundred page faults instead of a quarter of
/// a million; the values are the same either way.
final class ResultStorage: @unchecked Sendable {
    let values: UnsafeMutableBufferPointer<Double>
    let base: UnsafeMutablePointer<Double>

    init(count: Int) {
        let bytes = Swift.max(count, 1) * MemoryLayout<Double>.stride
        let huge = 2 << 20
        #if os(Linux)
        if bytes >= 4 * huge {
            var raw: UnsafeMutableRawPointer?
            if posix_memalign(&raw, huge, bytes) == 0, let raw {
                _ = madvise(raw, bytes, 14)  // MADV_HUGEPAGE; advice only, failure changes nothing
                base = raw.bindMemory(to: Double.self, capacity: Swift.max(count, 1))
                values = UnsafeMutableBufferPointer(start: base, count: count)
                return
            }
        }
        #endif
        let raw = UnsafeMutableRawPointer.allocate(byteCount: bytes, alignment: 64)
        base = raw.bindMemory(to: Double.self, capacity: Swift.max(count, 1))
        values = UnsafeMutableBufferPointer(start: base, count: count)
    }

    deinit {
        #if os(Linux)
        free(base)
        #else
        base.deallocate()
        #endif
    }
}
