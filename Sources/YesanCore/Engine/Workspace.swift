/// One worker's memory for blocks of `lanes` trials: the block's inputs, the model's state and
/// its metric rows, every array `lanes` doubles long (structure of arrays: lane b is trial
/// `first + b` of the block). Allocated once per worker, reused for every block it runs.
final class Workspace {
    let lanes: Int
    /// Input rows (`Plan.rowCount` × lanes): constants, drivers, drawn quantities.
    let inputs: UnsafeMutablePointer<Double>
    /// Fire year index of each event per lane (−1: does not fire in this trial).
    let fireYear: UnsafeMutablePointer<Int32>
    /// Per event and year: 1 when some lane of the block fires it that year.
    let firesIn: UnsafeMutablePointer<UInt8>
    /// Per program (× lanes): multiplier m, requested R, budget B, and alive = activated ∧
    /// ¬terminated as 1/0.
    let m, requested, budget, alive: UnsafeMutablePointer<Double>
    /// The drawn growth paths G(t), one row per `ModelTables.factors` entry.
    let factors: UnsafeMutablePointer<Double>
    let activated, terminated: UnsafeMutablePointer<UInt8>
    /// Shares σ, one row per program slot.
    let sigma: UnsafeMutablePointer<Double>
    /// Per program and year, reused: spend, participants, placements.
    let spend, participants, placements: UnsafeMutablePointer<Double>
    /// Per source (× lanes): limit, demand, shortfall D, remaining excess while cutting, depleted,
    /// fund balance, compounding cap, fund limit.
    let limit, demand, shortfall, excess, depleted, balance, cap, fundLimit: UnsafeMutablePointer<Double>
    /// Scratch: the demand of each priority group of a source, a factor; a sink for sums nobody
    /// reads; a row of zeros, never written.
    let groupDemand, factor, sink, zeros: UnsafeMutablePointer<Double>
    /// Metric rows of the year and total rows.
    let metric, total: UnsafeMutablePointer<Double>
    /// Prefetched stream words (`Plan.maxPrefetch` × lanes).
    let words: UnsafeMutablePointer<UInt64>
    /// Copula scratch (drivers × lanes).
    let copula: UnsafeMutablePointer<Double>
    /// Whether the rows of the programs whose state never changes are written (`Model.resetState`).
    var staticStateReady = false
    private var builtPasses: YearPasses?
    private var allocations: [UnsafeMutableRawPointer] = []

    /// The model's year passes over this workspace's rows, built on first use.
    func passes(_ model: Model) -> YearPasses {
        if let builtPasses { return builtPasses }
        let passes = YearPasses(model: model, workspace: self)
        builtPasses = passes
        return passes
    }

    init(plan: Plan, run: RunPlan, lanes: Int) {
        self.lanes = lanes
        var owned: [UnsafeMutableRawPointer] = []
        func doubles(_ rows: Int) -> UnsafeMutablePointer<Double> {
            let p = UnsafeMutablePointer<Double>.allocate(capacity: Swift.max(rows, 1) * lanes)
            p.initialize(repeating: 0, count: Swift.max(rows, 1) * lanes)
            owned.append(UnsafeMutableRawPointer(p))
            return p
        }
        func bytes(_ rows: Int) -> UnsafeMutablePointer<UInt8> {
            let p = UnsafeMutablePointer<UInt8>.allocate(capacity: Swift.max(rows, 1) * lanes)
            p.initialize(repeating: 0, count: Swift.max(rows, 1) * lanes)
            owned.append(UnsafeMutableRawPointer(p))
            return p
        }
        let programs = plan.programs.count, sources = plan.sources.count
        inputs = doubles(plan.rowCount)
        let years = UnsafeMutablePointer<Int32>.allocate(capacity: Swift.max(plan.events.count, 1) * lanes)
        years.initialize(repeating: -1, count: Swift.max(plan.events.count, 1) * lanes)
        owned.append(UnsafeMutableRawPointer(years))
        fireYear = years
        let fires = UnsafeMutablePointer<UInt8>.allocate(capacity: Swift.max(plan.events.count * plan.years, 1))
        fires.initialize(repeating: 0, count: Swift.max(plan.events.count * plan.years, 1))
        owned.append(UnsafeMutableRawPointer(fires))
        firesIn = fires
        m = doubles(programs)
        factors = doubles(2 * programs)  // at most a growth and a cost growth path per program
        requested = doubles(programs)
        budget = doubles(programs)
        alive = doubles(programs)
        activated = bytes(programs)
        terminated = bytes(programs)
        sigma = doubles(plan.sigmaRows)
        spend = doubles(1)
        participants = doubles(1)
        placements = doubles(1)
        limit = doubles(sources)
        demand = doubles(sources)
        shortfall = doubles(sources)
        excess = doubles(1)
        depleted = doubles(sources)
        balance = doubles(sources)
        cap = doubles(sources)
        fundLimit = doubles(sources)
        groupDemand = doubles(plan.sources.map(\.priorityGroups.count).max() ?? 1)
        factor = doubles(1)
        sink = doubles(1)
        zeros = doubles(1)
        metric = doubles(run.rowCount)
        total = doubles(run.totalCount)
        let w = UnsafeMutablePointer<UInt64>.allocate(capacity: Swift.max(plan.maxPrefetch, 1) * lanes)
        w.initialize(repeating: 0, count: Swift.max(plan.maxPrefetch, 1) * lanes)
        owned.append(UnsafeMutableRawPointer(w))
        words = w
        var drivers = 1
        for task in plan.tasks {
            if case .copula(let c, _, _, _, _, _) = task.kind { drivers = Swift.max(drivers, c.names.count) }
        }
        copula = doubles(drivers)
        allocations = owned
        for (row, value) in plan.constants {
            (inputs + row * lanes).update(repeating: value, count: lanes)
        }
    }

    deinit {
        for p in allocations { p.deallocate() }
    }

    /// Row `r` of the inputs.
    @inline(__always)
    func input(_ r: Int) -> UnsafeMutablePointer<Double> { inputs + r * lanes }
}
