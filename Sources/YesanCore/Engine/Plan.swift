/// Where a quantity's values sit in a block's input rows (`docs/engine.md`, "Block layout").
///
/// The inputs of a block of B trials are rows of B doubles, one value per trial (lane). A
/// per-trial quantity has one row; a per-year quantity has one row per horizon year, starting at
/// `row`. Constants have a row too, filled once per worker, so the model reads every quantity the
/// same way.
struct Column: Sendable, Equatable {
    var row: Int
    var perYear: Bool
    /// The row holding the values of horizon year index `t`; per-year rows are clamped to the
    /// horizon (a base year outside it needs growth drawn per trial, which the loader checks).
    @inline(__always)
    func row(_ t: Int, years: Int) -> Int {
        perYear ? row + Swift.min(Swift.max(t, 0), years - 1) : row
    }
}

/// Which metrics a drawn quantity matters to, so a run that does not need them skips the draws.
enum DrawPurpose: Sendable, Equatable {
    case always
    /// Only placements (and cost per placement) use it.
    case placements
    /// Only participants and placements use it (a budget program's unit cost).
    case participants
    /// No metric reads it: the placement rate of a program without a unit cost, whose
    /// placements are 0 whatever the rate (SPEC 4.8). Never drawn; its rows stay 0.
    case never
}

/// One family of draws that fills input rows for every trial of a block (SPEC 5; identities in
/// `docs/engine.md`).
struct DrawTask: Sendable {
    enum Kind: Sendable {
        /// `sample(using:)` on the quantity's own stream: per trial (year index 0), or per year
        /// with rho = 0 (year index t for the row of year t).
        case direct(StreamKey, Distribution, perYear: Bool)
        /// A per-year quantity with rho > 0 outside any copula: a ziggurat innovation each year,
        /// the latent AR(1), then `value(atLatentNormal:)`.
        case latent(StreamKey, Distribution, rho: Double)
        /// Correlated drivers of one recurrence (SPEC 3.3): innovations L·e each year (or once,
        /// per trial), then each driver's AR(1) and marginal. Arrays in the copula's order.
        case copula(GaussianCopula, keys: [StreamKey], distributions: [Distribution], rows: [Int], rhos: [Double],
                    perYear: Bool)
    }
    var kind: Kind
    /// The first row written (unused for a copula, which lists its rows).
    var row: Int
    var purpose: DrawPurpose
}

/// A funding event's draws (SPEC 3.5): whether it fires, and in which year.
struct EventDraw: Sendable {
    enum Year: Sendable {
        /// A fixed horizon year index (−1: outside the horizon, never fires).
        case fixed(Int)
        /// A distribution of calendar years, drawn once per trial from `<identity>:year`.
        case drawn(StreamKey, Distribution)
    }
    /// The event's global index (its row of fire years in a block).
    var index: Int
    /// `<identity>:probability`, drawn only when 0 < p < 1.
    var probabilityKey: StreamKey
    var probability: Double
    var year: Year
}

/// A source slot of a program: the index into the program's `sources`.
struct SlotFraction: Sendable {
    var slot: Int
    var fraction: Column
}

/// One compiled event of a program.
struct EventPlan: Sendable {
    enum Action: Sendable {
        /// Cut fractions on the program's slots (sources it never draws on are left out: they
        /// remove nothing), absorb fractions in written order (each absorber has a slot).
        case cut(cuts: [SlotFraction], absorbs: [SlotFraction])
        /// New shares, one per slot of the program.
        case shares([Double])
        case scale(Column)
        /// Index of the successor program (in id order), if any.
        case terminate(successor: Int?)
    }
    var index: Int
    var action: Action
}

/// A program compiled for the model (index = position in code-point order of ids).
struct ProgramPlan: Sendable {
    var id: String
    var size: Column
    var byParticipants: Bool
    var unitCost: Column?
    var growth: Column
    var costGrowth: Column
    /// G(t) and CG(t) precomputed into per-year constant rows when the growth is a constant
    /// (the same products, in the same order, as the model's lanes would form).
    var growthFactor: Column?
    var costGrowthFactor: Column?
    var execution: Column
    var placementRate: Column
    /// base_year − first horizon year (may lie outside 0..<Y).
    var baseIndex: Int
    /// Whether each horizon year lies within the program's `years`.
    var covers: [Bool]
    /// False for a program named as a successor: inactive until a terminate naming it fires.
    var startsActive: Bool
    /// Every source the program may ever draw on (initial shares, `shares` events, absorbers),
    /// ascending by source index: its slots.
    var sources: [Int]
    /// The initial share of each slot.
    var initialShares: [Double]
    /// The first of the program's σ rows in a workspace (one row per slot).
    var sigmaRow: Int
    var priority: Int
    var events: [EventPlan]
    var category: Int
    var group: Int
}

/// A program drawing on a source: its index and the source's slot in it.
struct Drawer: Sendable {
    var program: Int
    var slot: Int
}

/// A source compiled for the model (index = position in SPEC 3.4 order).
struct SourcePlan: Sendable {
    enum CapPlan: Sendable {
        case constant(Column)
        case compounding(base: Column, growth: Column)
        case byYear([Column])
    }
    struct FundPlan: Sendable {
        var balance: Column
        var contribution: Column
        var interest: Column
    }
    var name: String
    var cap: CapPlan?
    var cut: CutRule
    var fund: FundPlan?
    /// Programs that may draw on the source, in id order.
    var drawers: [Drawer]
    /// The drawers grouped by priority, highest number first, each group in id order.
    var priorityGroups: [[Drawer]]
    var hasLimit: Bool { cap != nil || fund != nil }
}

/// Everything the runner needs, compiled once from a `Scenario`: programs in code-point order of
/// ids, sources in declared order, every quantity mapped to input rows, the draws that fill them.
struct Plan: Sendable {
    var years: Int
    var firstYear: Int
    var seed: UInt64
    var programs: [ProgramPlan]
    var sources: [SourcePlan]
    /// Input rows per block (constants, drivers, drawn quantities).
    var rowCount: Int
    /// Rows holding a constant, filled once per worker.
    var constants: [(row: Int, value: Double)]
    var tasks: [DrawTask]
    var events: [EventDraw]
    /// σ rows per block (one per program slot).
    var sigmaRows: Int
    /// Most words prefetched per trial by one draw task.
    var maxPrefetch: Int
    /// Each driver's rows.
    var driverColumns: [String: Column] = [:]
}

/// Code-point order of NFC strings (SPEC 6), independent of String's own ordering rules.
@inline(__always)
func codePointLess(_ a: String, _ b: String) -> Bool {
    a.utf8.lexicographicallyPrecedes(b.utf8)     // UTF-8 sorts in code-point order
}

extension Plan {
    /// Compiles `scenario`.
    ///
    /// - Throws: `SimulationError.correlationNotPositiveDefinite` (unless `repairCorrelation`) and
    ///   `.inconsistentModel` for references the loader would have refused.
    init(_ scenario: Scenario, repairCorrelation: Bool) throws(SimulationError) {
        var builder = PlanBuilder(scenario: scenario)
        try builder.build(repairCorrelation: repairCorrelation)
        self = builder.plan
    }
}

/// Builds a `Plan` step by step (rows are handed out as quantities are met).
private struct PlanBuilder {
    let scenario: Scenario
    let years: Int
    var plan: Plan
    var driverColumns: [String: Column] = [:]
    var driverTasks: [DrawTask] = []
    var constantRows: [UInt64: Int] = [:]
    var factorRows: [[UInt64]: Int] = [:]

    init(scenario: Scenario) {
        self.scenario = scenario
        self.years = scenario.years.count
        plan = Plan(years: scenario.years.count, firstYear: scenario.years.lowerBound, seed: scenario.seed, programs: [],
                    sources: [], rowCount: 0, constants: [], tasks: [], events: [], sigmaRows: 0, maxPrefetch: 1)
    }

    mutating func newRows(_ count: Int) -> Int {
        defer { plan.rowCount += count }
        return plan.rowCount
    }

    mutating func build(repairCorrelation: Bool) throws(SimulationError) {
        guard years >= 1 else { throw .inconsistentModel("the horizon has no year") }
        try buildDrivers(repair: repairCorrelation)
        try buildSources()
        try buildPrograms()
        plan.tasks = driverTasks + plan.tasks
        plan.driverColumns = driverColumns
        plan.maxPrefetch = Swift.max(plan.maxPrefetch, plan.tasks.map { task -> Int in
            if case .direct(_, let d, _) = task.kind { return prefetchCount(d) }
            return 1
        }.max() ?? 1)
        for event in plan.events {
            if case .drawn(_, let d) = event.year { plan.maxPrefetch = Swift.max(plan.maxPrefetch, prefetchCount(d)) }
        }
    }

    // MARK: Drivers (SPEC 3.3)

    mutating func buildDrivers(repair: Bool) throws(SimulationError) {
        let drivers = scenario.drivers.sorted { codePointLess($0.name, $1.name) }
        for (a, b) in zip(drivers, drivers.dropFirst()) where a.name == b.name {
            throw .inconsistentModel("driver '\(a.name)' is declared twice")
        }
        var byName: [String: Driver] = [:]
        for d in drivers { byName[d.name] = d }
        var linked = Set<String>()
        for c in scenario.correlations {
            guard let a = byName[c.first] else { throw .inconsistentModel("correlation names unknown driver '\(c.first)'") }
            guard let b = byName[c.second] else { throw .inconsistentModel("correlation names unknown driver '\(c.second)'") }
            guard a.recurrence.isPerYear == b.recurrence.isPerYear else {
                throw .inconsistentModel("correlated drivers '\(a.name)' and '\(b.name)' differ in `per`")
            }
            linked.insert(a.name)
            linked.insert(b.name)
        }
        for d in drivers {
            let column = Column(row: newRows(d.recurrence.isPerYear ? years : 1), perYear: d.recurrence.isPerYear)
            driverColumns[d.name] = column
            guard !linked.contains(d.name) else { continue }
            driverTasks.append(randomTask(key: StreamKey(seed: scenario.seed, identity: d.identity), distribution: d.distribution,
                                          recurrence: d.recurrence, row: column.row, purpose: .always))
        }
        for perYear in [false, true] {
            let names = drivers.filter { linked.contains($0.name) && $0.recurrence.isPerYear == perYear }.map(\.name)
            guard !names.isEmpty else { continue }
            let pairs = scenario.correlations.filter { names.contains($0.first) }.map { ($0.first, $0.second, $0.r) }
            let copula: GaussianCopula
            do throws(CorrelationError) {
                copula = try GaussianCopula(names: names, pairs: pairs, repair: repair)
            } catch {
                if case .notPositiveDefinite(let bad, let nearest) = error {
                    throw .correlationNotPositiveDefinite(drivers: bad, order: names, nearest: nearest)
                }
                throw .inconsistentModel("correlations: \(error)")
            }
            let ordered = copula.names.compactMap { byName[$0] }
            driverTasks.append(DrawTask(
                kind: .copula(copula, keys: ordered.map { StreamKey(seed: scenario.seed, identity: $0.identity) },
                              distributions: ordered.map(\.distribution),
                              rows: ordered.map { driverColumns[$0.name]?.row ?? 0 },
                              rhos: ordered.map { if case .perYear(let rho) = $0.recurrence { rho } else { 0 } },
                              perYear: perYear),
                row: 0, purpose: .always))
        }
    }

    func randomTask(key: StreamKey, distribution: Distribution, recurrence: Recurrence, row: Int,
                    purpose: DrawPurpose) -> DrawTask {
        switch recurrence {
        case .perTrial:
            return DrawTask(kind: .direct(key, distribution, perYear: false), row: row, purpose: purpose)
        case .perYear(let rho) where rho > 0:
            return DrawTask(kind: .latent(key, distribution, rho: Swift.min(rho, 1 - 0x1p-53)), row: row, purpose: purpose)
        case .perYear:
            return DrawTask(kind: .direct(key, distribution, perYear: true), row: row, purpose: purpose)
        }
    }

    /// The rows of a quantity: a constant row, a drawn quantity's own rows, or its driver's.
    mutating func column(_ q: Quantity, purpose: DrawPurpose = .always, field: @autoclosure () -> String)
        throws(SimulationError) -> Column {
        switch q {
        case .constant(let value):
            // One row per distinct constant (by bits): the model reads it like any quantity, and
            // the few rows stay in the first-level cache.
            if let row = constantRows[value.bitPattern] { return Column(row: row, perYear: false) }
            let row = newRows(1)
            constantRows[value.bitPattern] = row
            plan.constants.append((row, value))
            return Column(row: row, perYear: false)
        case .driver(let name):
            guard let column = driverColumns[name] else {
                throw .inconsistentModel("\(field()) names unknown driver '$\(name)'")
            }
            return column
        case .random(let r):
            let perYear = r.recurrence.isPerYear
            let column = Column(row: newRows(perYear ? years : 1), perYear: perYear)
            plan.tasks.append(randomTask(key: StreamKey(seed: scenario.seed, identity: r.identity), distribution: r.distribution,
                                         recurrence: r.recurrence, row: column.row, purpose: purpose))
            return column
        }
    }

    /// For a constant growth rate g: rows holding G(t) for every horizon year, formed exactly as
    /// `Model.compound` forms them in each lane; nil for a drawn rate.
    mutating func factorColumn(_ q: Quantity, base: Int) -> Column? {
        guard case .constant(let g) = q else { return nil }
        var factors: [Double] = []
        var f = 1.0
        for t in 0..<years {
            if t > 0 && t - 1 >= base {
                f *= 1 + g
            } else {
                f = 1
                let lo = Swift.min(t, base) + 1, hi = Swift.max(t, base)
                if lo <= hi { for _ in lo...hi { f *= 1 + g } }
                if t < base { f = 1 / f }
            }
            factors.append(f)
        }
        let bits = factors.map(\.bitPattern)
        if let row = factorRows[bits] { return Column(row: row, perYear: true) }
        let row = newRows(years)
        factorRows[bits] = row
        for (t, value) in factors.enumerated() { plan.constants.append((row + t, value)) }
        return Column(row: row, perYear: true)
    }

    // MARK: Sources (SPEC 3.4)

    mutating func buildSources() throws(SimulationError) {
        var seen = Set<String>()
        for s in scenario.sources {
            guard seen.insert(s.name).inserted else { throw .inconsistentModel("source '\(s.name)' is declared twice") }
            var cap: SourcePlan.CapPlan?
            switch s.cap {
            case nil: cap = nil
            case .constant(let q)?:
                cap = .constant(try column(q, field: "sources.\(s.name).cap"))
            case .compounding(let base, let growth)?:
                cap = .compounding(base: try column(base, field: "sources.\(s.name).cap.base"),
                                   growth: try column(growth, field: "sources.\(s.name).cap.growth"))
            case .byYear(let amounts)?:
                guard amounts.count == years else {
                    throw .inconsistentModel("sources.\(s.name).cap has \(amounts.count) amounts for \(years) horizon years")
                }
                var columns: [Column] = []
                let first = scenario.years.lowerBound
                for (i, q) in amounts.enumerated() {
                    let field = "sources.\(s.name).cap.\(first + i)"
                    columns.append(try column(q, field: field))
                }
                cap = .byYear(columns)
            }
            var fund: SourcePlan.FundPlan?
            if let f = s.fund {
                fund = SourcePlan.FundPlan(balance: try column(f.balance, field: "sources.\(s.name).fund.balance"),
                                           contribution: try column(f.contribution, field: "sources.\(s.name).fund.contribution"),
                                           interest: try column(f.interest, field: "sources.\(s.name).fund.interest"))
            }
            plan.sources.append(SourcePlan(name: s.name, cap: cap, cut: s.cut, fund: fund, drawers: [], priorityGroups: []))
        }
    }

    // MARK: Programs (SPEC 3.5)

    mutating func buildPrograms() throws(SimulationError) {
        let programs = scenario.programs.sorted { codePointLess($0.id, $1.id) }
        for (a, b) in zip(programs, programs.dropFirst()) where a.id == b.id {
            throw .inconsistentModel("program id '\(a.id)' is used twice")
        }
        var programIndex: [String: Int] = [:]
        for (i, p) in programs.enumerated() { programIndex[p.id] = i }
        var sourceIndex: [String: Int] = [:]
        for (i, s) in plan.sources.enumerated() { sourceIndex[s.name] = i }
        var successors = Set<String>()
        for p in programs {
            for e in p.events {
                if case .terminate(let successor?) = e.action {
                    guard programIndex[successor] != nil else {
                        throw .inconsistentModel("programs[\(p.id)]: successor '\(successor)' is not a program")
                    }
                    successors.insert(successor)
                }
            }
        }
        func source(_ name: String, _ field: @autoclosure () -> String) throws(SimulationError) -> Int {
            guard let i = sourceIndex[name] else { throw .inconsistentModel("\(field()) names unknown source '\(name)'") }
            return i
        }
        let first = scenario.years.lowerBound
        for p in programs {
            let field = "programs[\(p.id)]"
            // The slots: every source the program may draw on, ascending by source index.
            var used = [Bool](repeating: false, count: plan.sources.count)
            for s in p.shares where s.fraction != 0 { used[try source(s.source, "\(field).shares")] = true }
            for e in p.events {
                switch e.action {
                case .shares(let shares):
                    for s in shares where s.fraction != 0 { used[try source(s.source, "\(field).events.shares")] = true }
                case .cut(let cuts, let absorbs):
                    for c in cuts { _ = try source(c.source, "\(field).events.cut") }
                    for a in absorbs { used[try source(a.source, "\(field).events.absorb")] = true }
                default: break
                }
            }
            let slots = used.indices.filter { used[$0] }
            var slotIndex = [Int](repeating: -1, count: plan.sources.count)
            for (j, k) in slots.enumerated() { slotIndex[k] = j }
            func slotOf(_ k: Int) -> Int? { slotIndex[k] >= 0 ? slotIndex[k] : nil }
            func dense(_ fractions: [SourceFraction]) throws(SimulationError) -> [Double] {
                var out = [Double](repeating: 0, count: slots.count)
                for f in fractions where f.fraction != 0 {
                    if let j = slotOf(try source(f.source, "\(field).shares")) { out[j] = f.fraction }
                }
                return out
            }
            let initial = try dense(p.shares)
            guard let category = scenario.categories.firstIndex(of: p.category) else {
                throw .inconsistentModel("\(field): unknown category '\(p.category)'")
            }
            guard let group = scenario.groups.firstIndex(of: p.group) else {
                throw .inconsistentModel("\(field): unknown group '\(p.group)'")
            }
            let byParticipants: Bool
            let sizeQuantity: Quantity
            switch p.size {
            case .budget(let q): byParticipants = false; sizeQuantity = q
            case .participants(let q): byParticipants = true; sizeQuantity = q
            }
            if byParticipants && p.unitCost == nil {
                throw .inconsistentModel("\(field): participants needs unit_cost")
            }
            let size = try column(sizeQuantity, field: "\(field).\(byParticipants ? "participants" : "budget")")
            let unitCost = try p.unitCost.map { (q) throws(SimulationError) in
                try column(q, purpose: byParticipants ? .always : .participants, field: "\(field).unit_cost")
            }
            let growth = try column(p.growth, field: "\(field).growth")
            let baseIndex = p.baseYear - first
            let growthFactor = factorColumn(p.growth, base: baseIndex)
            let costGrowthFactor = factorColumn(p.costGrowth, base: baseIndex)
            let costGrowth = try column(p.costGrowth, purpose: byParticipants ? .always : .participants, field: "\(field).cost_growth")
            let execution = try column(p.execution, field: "\(field).execution")
            let placementRate = try column(p.placementRate, purpose: p.unitCost == nil ? .never : .placements,
                                           field: "\(field).placement_rate")
            var events: [EventPlan] = []
            for (i, e) in p.events.enumerated() {
                let action: EventPlan.Action
                switch e.action {
                case .cut(let cuts, let absorbs):
                    var c: [SlotFraction] = [], a: [SlotFraction] = []
                    for x in cuts {
                        let col = try column(x.fraction, field: "\(field).events[\(i)].cut.\(x.source)")
                        if let j = slotOf(try source(x.source, field)) { c.append(SlotFraction(slot: j, fraction: col)) }
                    }
                    for x in absorbs {
                        let col = try column(x.fraction, field: "\(field).events[\(i)].absorb.\(x.source)")
                        if let j = slotOf(try source(x.source, field)) { a.append(SlotFraction(slot: j, fraction: col)) }
                    }
                    action = .cut(cuts: c, absorbs: a)
                case .shares(let shares):
                    action = .shares(try dense(shares))
                case .scale(let q):
                    action = .scale(try column(q, field: "\(field).events[\(i)].scale"))
                case .terminate(let successor):
                    action = .terminate(successor: successor.flatMap { programIndex[$0] })
                }
                let index = plan.events.count
                let yearPlan: EventDraw.Year
                switch e.year {
                case .fixed(let y): yearPlan = .fixed(scenario.years.contains(y) ? y - first : -1)
                case .drawn(let d): yearPlan = .drawn(StreamKey(seed: scenario.seed, identity: e.identity + ":year"), d)
                }
                plan.events.append(EventDraw(index: index,
                                             probabilityKey: StreamKey(seed: scenario.seed, identity: e.identity + ":probability"),
                                             probability: e.probability, year: yearPlan))
                events.append(EventPlan(index: index, action: action))
            }
            let program = ProgramPlan(
                id: p.id, size: size, byParticipants: byParticipants, unitCost: unitCost, growth: growth,
                costGrowth: costGrowth, growthFactor: growthFactor, costGrowthFactor: costGrowthFactor,
                execution: execution, placementRate: placementRate, baseIndex: baseIndex,
                covers: scenario.years.map { p.covers($0) }, startsActive: !successors.contains(p.id), sources: slots,
                initialShares: initial, sigmaRow: plan.sigmaRows, priority: p.priority, events: events,
                category: category, group: group)
            plan.sigmaRows += slots.count
            plan.programs.append(program)
        }
        for (k, _) in plan.sources.enumerated() {
            var drawers: [Drawer] = []
            for (i, p) in plan.programs.enumerated() {
                if let j = p.sources.firstIndex(of: k) { drawers.append(Drawer(program: i, slot: j)) }
            }
            let priorities = Set(drawers.map { plan.programs[$0.program].priority }).sorted(by: >)
            plan.sources[k].drawers = drawers
            plan.sources[k].priorityGroups = priorities.map { level in
                drawers.filter { plan.programs[$0.program].priority == level }
            }
        }
    }
}

/// Words of a stream fetched ahead, per trial, for one value of `distribution` (the usual count;
/// a rejection that needs more computes them on the spot).
func prefetchCount(_ distribution: Distribution) -> Int {
    switch distribution.family {
    case .fixed: return 0
    case .normal, .lognormal, .uniform, .triangular, .bernoulli, .discrete: return 1
    case .gamma(let shape, _): return shape < 1 ? 3 : 2
    case .beta(let a, let b):
        if a <= 1 && b <= 1 { return 2 }
        return (a < 1 ? 3 : 2) + (b < 1 ? 3 : 2)
    case .pert: return 4
    }
}
