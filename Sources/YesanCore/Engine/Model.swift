internal import _YesanKernels

/// SPEC 4 over one block of trials: the pure model function of the engine.
///
/// Reads the block's drawn inputs (`Workspace.inputs`, `Workspace.fireYear`), writes the values
/// of the requested keys; no randomness, no allocation, no shared state. Lane b of every array is
/// one trial; each loop over lanes is branch-light so that the compiler vectorises it, and every
/// lane computes exactly what SPEC 4 says for its trial alone, so a trial's values do not depend
/// on the block it falls in. Sums over programs run in code-point order of ids (the plan's order).
struct Model: Sendable {
    let plan: Plan
    let run: RunPlan
    let tables: ModelTables

    init(plan: Plan, run: RunPlan) {
        self.plan = plan
        self.run = run
        tables = ModelTables(plan: plan, run: run)
    }

    /// Runs the horizon for the first `n` lanes of `ws` and writes output key k's value of lane b
    /// to `output[k * stride + b]`.
    func evaluate(_ ws: Workspace, lanes n: Int, output: UnsafeMutablePointer<Double>, stride: Int) {
        let B = ws.lanes, Y = plan.years
        resetState(ws, n)
        for r in 0..<run.totalCount { (ws.total + r * B).update(repeating: 0, count: n) }
        for t in 0..<Y {
            fireEvents(ws, n, t)
            requested(ws, n, t)
            constrain(ws, n, t)
            spendAndSum(ws, n, t)
            updateFunds(ws, n, t)
            emitYear(ws, n, t, output: output, stride: stride)
        }
        emitTotals(ws, n, output: output, stride: stride)
    }

    // MARK: State

    @inline(__always)
    func col(_ ws: Workspace, _ c: Column, _ t: Int) -> UnsafeMutablePointer<Double> {
        ws.inputs + c.row(t, years: plan.years) * ws.lanes
    }

    /// The state at the start of a trial. A static program's state (m = 1, alive, its first
    /// shares) never changes, so it is written once per workspace, for every lane.
    func resetState(_ ws: Workspace, _ n: Int) {
        let B = ws.lanes
        let all = !ws.staticStateReady
        ws.staticStateReady = true
        for i in 0..<tables.programs.count {
            let p = tables.programs[i]
            guard all || !p.isStatic else { continue }
            let count = p.isStatic ? B : n
            yesan_fill(ws.m + i * B, 1, count)
            yesan_fill(ws.alive + i * B, p.startsActive ? 1 : 0, count)
            (ws.activated + i * B).update(repeating: p.startsActive ? 1 : 0, count: count)
            (ws.terminated + i * B).update(repeating: 0, count: count)
            for j in p.sigmaRow..<(p.sigmaRow + p.slots) {
                yesan_fill(ws.sigma + j * B, tables.initialSigma[j], count)
            }
        }
        for k in 0..<tables.sources.count where tables.sources[k].hasFund {
            (ws.balance + k * B).update(from: col(ws, tables.sources[k].balance, 0), count: n)
        }
    }

    // MARK: Step 2: events

    func fireEvents(_ ws: Workspace, _ n: Int, _ t: Int) {
        let B = ws.lanes, Y = plan.years
        for e in tables.events where ws.firesIn[e.index * Y + t] != 0 {
            let hot = tables.programs[e.program]
            apply(plan.programs[e.program].events[e.position].action, program: e.program, sigmaRow: hot.sigmaRow,
                  slots: hot.slots, ws, lanes: n, fires: ws.fireYear + e.index * B, t)
        }
    }

    /// One event in the lanes whose fire year is t (SPEC 3.5): multiplier, shares, termination.
    ///
    /// Every lane computes the event's new values and keeps them only where it fires (a select,
    /// so the loops vectorise); a lane that fires gets exactly the values of the per-lane rule.
    func apply(_ action: EventPlan.Action, program i: Int, sigmaRow: Int, slots: Int, _ ws: Workspace, lanes n: Int,
               fires fy: UnsafeMutablePointer<Int32>, _ t: Int) {
        let B = ws.lanes, year = Int32(t)
        let sigma = ws.sigma + sigmaRow * B, m = ws.m + i * B
        switch action {
        case .cut(let cuts, let absorbs):
            // removed = Σ cut_j · σ_j over the cuts in list order; absorbed = Σ absorb_j;
            // keep = max(1 − removed · (1 − absorbed), 0). Where keep > 0, every slot's share
            // becomes (σ · (1 − cut) + absorb · removed) / keep (cut and absorb 0 for a slot
            // without them); m ← m · keep.
            let removed = ws.excess, keep = ws.factor, zero = ws.zeros
            removed.update(repeating: 0, count: n)
            for c in cuts { yesan_add_product(removed, col(ws, c.fraction, t), sigma + c.slot * B, n) }
            keep.update(repeating: 0, count: n)  // absorbed, until it becomes keep
            for a in absorbs { yesan_add(keep, col(ws, a.fraction, t), n) }
            yesan_event_keep(keep, removed, n)
            for j in 0..<slots {
                let f = cuts.last { $0.slot == j }.map { col(ws, $0.fraction, t) } ?? zero
                let a = absorbs.last { $0.slot == j }.map { col(ws, $0.fraction, t) } ?? zero
                yesan_event_share(sigma + j * B, f, a, removed, keep, fy, year, n)
            }
            yesan_event_scale(m, keep, fy, year, n)
        case .shares(let shares):
            for (j, share) in shares.enumerated() { yesan_event_set(sigma + j * B, share, fy, year, n) }
        case .scale(let k):
            yesan_event_scale(m, col(ws, k, t), fy, year, n)
        case .terminate(let successor):
            yesan_event_terminate(ws.terminated + i * B, ws.alive + i * B, fy, year, n)
            if let s = successor {
                yesan_event_activate(ws.activated + s * B, ws.alive + s * B, ws.terminated + s * B, fy, year, n)
            }
        }
    }

    // MARK: Steps 3–4: growth, unit cost, requested budget

    /// G(t) = Π_{τ=b+1..t} (1 + g(τ)) for t ≥ b, 1 / Π_{τ=t+1..b} (1 + g(τ)) before b; extended
    /// by one factor a year once t − 1 ≥ b.
    @inline(__always)
    func compound(_ ws: Workspace, _ g: Column, _ base: Int, _ t: Int, _ factor: UnsafeMutablePointer<Double>, _ n: Int) {
        if t > 0 && t - 1 >= base {
            yesan_grow(factor, col(ws, g, t), n)
            return
        }
        factor.update(repeating: 1, count: n)
        let lo = Swift.min(t, base) + 1, hi = Swift.max(t, base)
        if lo <= hi {
            for tau in lo...hi { yesan_grow(factor, col(ws, g, tau), n) }
        }
        if t < base {
            for b in 0..<n { factor[b] = 1 / factor[b] }
        }
    }

    func requested(_ ws: Workspace, _ n: Int, _ t: Int) {
        let B = ws.lanes
        // The first source with a limit sums its demand (and its priority groups') here, while
        // each budget is fresh: no cut can have touched them yet (later sources' demands come
        // after the earlier cuts, in `constrain`).
        let first = tables.firstLimited
        let demand: UnsafeMutablePointer<Double>? = first >= 0 ? ws.demand + first * B : nil
        if let demand {
            demand.update(repeating: 0, count: n)
            for g in 0..<tables.groupRange(first, t).count { (ws.groupDemand + g * B).update(repeating: 0, count: n) }
        }
        // Each drawn growth path once per (rate, base year), however many programs share it
        // (a driver such as 임금상승률 is the cost growth of dozens).
        for (r, f) in tables.factors.enumerated() { compound(ws, f.rate, f.base, t, ws.factors + r * B, n) }
        // R = size · G · (c · CG) · m (participants) or size · G · m (budget), 0 where not alive,
        // and the first limited source's demand, program by program in id order.
        let passes = ws.passes(self)
        let range = passes.requestStart[t]..<passes.requestStart[t + 1]
        yesan_requested_programs(passes.requests + range.lowerBound, range.count, demand, n)
    }

    // MARK: Step 5: caps, funds, cuts

    func constrain(_ ws: Workspace, _ n: Int, _ t: Int) {
        let B = ws.lanes
        for k in 0..<tables.sources.count {
            let s = tables.sources[k]
            let short = ws.shortfall + k * B
            guard s.hasLimit else {
                short.update(repeating: 0, count: n)
                continue
            }
            let limit = ws.limit + k * B, demand = ws.demand + k * B
            switch s.capKind {
            case .constant:
                limit.update(from: col(ws, s.capA, t), count: n)
            case .compounding:
                let cap = ws.cap + k * B
                if t == 0 {
                    cap.update(from: col(ws, s.capA, 0), count: n)
                } else {
                    yesan_grow(cap, col(ws, s.capB, t), n)
                }
                limit.update(from: cap, count: n)
            case .byYear:
                limit.update(from: col(ws, tables.capColumns[s.capColumns + t], t), count: n)
            case .none:
                break
            }
            let fundLimit = ws.fundLimit + k * B
            if s.hasFund {
                let bal = ws.balance + k * B, contribution = col(ws, s.contribution, t)
                for b in 0..<n { fundLimit[b] = bal[b] + contribution[b] }
                if s.capKind == .none {
                    limit.update(from: fundLimit, count: n)
                } else {
                    for b in 0..<n { limit[b] = Swift.min(limit[b], fundLimit[b]) }
                }
            }
            let drawers = tables.drawerRange(k, t), groups = tables.groupRange(k, t)
            if k == tables.firstLimited {
                // Summed by `requested`.
            } else if s.prorata {
                demand.update(repeating: 0, count: n)
                for j in drawers {
                    yesan_add_product(demand, ws.budget + tables.drawers[j].program * B, ws.sigma + tables.drawers[j].sigmaRow * B, n)
                }
            } else {
                // Each priority group's demand in the same pass, in the same order (id order
                // within the group), from the budgets before any cut: what the cut loop reads.
                demand.update(repeating: 0, count: n)
                for g in 0..<groups.count { (ws.groupDemand + g * B).update(repeating: 0, count: n) }
                for j in drawers {
                    let d = tables.drawers[j]
                    yesan_add_product2(demand, ws.groupDemand + Int(tables.drawerGroup[j]) * B, ws.budget + d.program * B,
                                       ws.sigma + d.sigmaRow * B, n)
                }
            }
            var over = false
            for b in 0..<n {
                let excess = demand[b] - limit[b]
                short[b] = demand[b] > limit[b] ? excess : 0
                over = over || demand[b] > limit[b]
            }
            if s.hasFund {
                let depleted = ws.depleted + k * B
                for b in 0..<n { depleted[b] = demand[b] > fundLimit[b] ? 1 : 0 }
            }
            guard over else { continue }
            if s.prorata {
                let factor = ws.factor
                for b in 0..<n { factor[b] = demand[b] > limit[b] ? limit[b] / demand[b] : 1 }
                let passes = ws.passes(self)
                yesan_scale_programs(passes.drawerBudgets + drawers.lowerBound, passes.drawerSigmas + drawers.lowerBound,
                                     drawers.count, factor, n)
            } else {
                let excess = ws.excess, factor = ws.factor
                excess.update(from: short, count: n)
                for (g, group) in groups.enumerated() {
                    let members = tables.groups[group]
                    let groupDemand = ws.groupDemand + g * B
                    var remaining = false
                    for b in 0..<n {
                        let dd = groupDemand[b], e = excess[b]
                        let full = e > 0 && dd <= e, part = e > 0 && dd > e
                        factor[b] = full ? 0 : part ? 1 - e / dd : 1
                        excess[b] = full ? e - dd : part ? 0 : e
                        remaining = remaining || excess[b] > 0
                    }
                    let passes = ws.passes(self)
                    yesan_scale_programs(passes.groupBudgets + members.lowerBound, passes.groupSigmas + members.lowerBound,
                                         members.count, factor, n)
                    if !remaining { break }
                }
            }
        }
    }

    // MARK: Steps 6 and 8: spend, participants, placements, and the sums over programs

    func spendAndSum(_ ws: Workspace, _ n: Int, _ t: Int) {
        let B = ws.lanes
        for r in run.clear[t] { (ws.metric + r * B).update(repeating: 0, count: n) }
        // Per program: S = B · execution; P = S / (c · CG) (0 without unit cost); L = P · rate;
        // the first unweighted sum of each of B, S, P, L and the first share-weighted sum of B in
        // the same loop; then its other sums (`YearPasses`).
        let passes = ws.passes(self)
        let range = passes.spenderStart[t]..<passes.spenderStart[t + 1]
        yesan_spend_programs(passes.spenders + range.lowerBound, range.count, passes.sums, ws.spend, ws.participants,
                             ws.placements, n)
    }

    // MARK: Step 7: funds

    func updateFunds(_ ws: Workspace, _ n: Int, _ t: Int) {
        let B = ws.lanes
        for k in 0..<tables.sources.count where tables.sources[k].hasFund {
            let s = tables.sources[k]
            let bal = ws.balance + k * B
            let contribution = col(ws, s.contribution, t), interest = col(ws, s.interest, t)
            let row = run.fundDrawRow[k]
            if row >= 0 {
                let draw = ws.metric + row * B
                for b in 0..<n { bal[b] = (bal[b] + contribution[b] - draw[b]) * (1 + interest[b]) }
            } else {
                for b in 0..<n { bal[b] = (bal[b] + contribution[b]) * (1 + interest[b]) }
            }
        }
    }

    // MARK: Outputs (SPEC 6)

    func evaluate(_ d: RunPlan.Derived, rows: UnsafeMutablePointer<Double>, _ B: Int, _ n: Int) {
        switch d {
        case .ratio(let row, let numerator, let denominator):
            let out = rows + row * B, x = rows + numerator * B, y = rows + denominator * B
            for b in 0..<n { out[b] = y[b] != 0 ? x[b] / y[b] : .nan }
        case .target(let row, let source, let atLeast, let atMost):
            let out = rows + row * B, x = rows + source * B
            let lo = atLeast ?? -.infinity, hi = atMost ?? .infinity
            for b in 0..<n { out[b] = x[b] >= lo && x[b] <= hi ? 1 : 0 }
        }
    }

    func emitYear(_ ws: Workspace, _ n: Int, _ t: Int, output: UnsafeMutablePointer<Double>, stride: Int) {
        let B = ws.lanes
        for copy in run.sourceCopies[t] {
            let out = ws.metric + copy.row * B
            switch copy.value {
            case .shortfall: out.update(from: ws.shortfall + copy.source * B, count: n)
            case .balance: out.update(from: ws.balance + copy.source * B, count: n)
            case .depleted:
                if tables.sources[copy.source].hasFund {
                    out.update(from: ws.depleted + copy.source * B, count: n)
                } else {
                    out.update(repeating: 0, count: n)
                }
            }
        }
        for d in run.derived[t] { evaluate(d, rows: ws.metric, B, n) }
        for e in run.emits[t] {
            let v = ws.metric + e.row * B
            if e.output >= 0 { (output + e.output * stride).update(from: v, count: n) }
            guard e.total >= 0 else { continue }
            let total = ws.total + e.total * B
            switch e.rule {
            case .sum, .derived: for b in 0..<n { total[b] += v[b] }
            case .last: total.update(from: v, count: n)
            case .max: for b in 0..<n { total[b] = Swift.max(total[b], v[b]) }
            }
        }
    }

    func emitTotals(_ ws: Workspace, _ n: Int, output: UnsafeMutablePointer<Double>, stride: Int) {
        let B = ws.lanes
        for d in run.totalDerived { evaluate(d, rows: ws.total, B, n) }
        for (total, o) in run.totalOutputs {
            (output + o * stride).update(from: ws.total + total * B, count: n)
        }
        for o in run.undefinedOutputs {
            (output + o * stride).update(repeating: .nan, count: n)
        }
    }
}

/// A program's fields the model reads every year, without references (no reference counting in
/// the hot loops).
struct ProgramHot: Sendable {
    var size: Column
    var byParticipants: Bool
    var unitCost: Column?
    var growthFactor: Column?
    var costGrowthFactor: Column?
    /// Without a precomputed factor: the row of `ModelTables.factors` holding G (CG).
    var growthRow: Int
    var costGrowthRow: Int
    var execution: Column
    var placementRate: Column
    var baseIndex: Int
    var sigmaRow: Int
    var slots: Int
    var startsActive: Bool
    /// Its σ row for `ModelTables.firstLimited` (−1: it does not draw on that source).
    var firstSigmaRow: Int
    /// Active from the start, with no event of its own and nobody's successor: m stays 1 and it
    /// stays alive in every trial.
    var isStatic: Bool
}

/// A compounded growth path: G(t) of a drawn rate column from a base year index.
struct FactorPath: Sendable, Equatable {
    var rate: Column
    var base: Int
}

/// A source's fields for the model, without references.
struct SourceHot: Sendable {
    enum CapKind: Sendable { case none, constant, compounding, byYear }
    var capKind: CapKind
    /// The constant cap, or the compounding cap's base.
    var capA: Column
    /// The compounding cap's growth.
    var capB: Column
    /// First of the source's per-year cap columns in `ModelTables.capColumns`.
    var capColumns: Int
    var hasFund: Bool
    var balance: Column
    var contribution: Column
    var interest: Column
    var prorata: Bool
    var hasLimit: Bool { capKind != .none || hasFund }
}

/// A drawer: the program's budget row and its σ row for the source.
struct DrawerHot: Sendable {
    var program: Int
    var sigmaRow: Int
}

/// An event by program (id order) and position in the program's list (file order).
struct EventRef: Sendable {
    var program: Int
    var position: Int
    var index: Int
}

/// The plan and run plan flattened for the model's loops: plain values in contiguous arrays,
/// ranges per (year, program) or (source, year), covered programs only.
struct ModelTables: Sendable {
    var programs: [ProgramHot] = []
    var sources: [SourceHot] = []
    /// covers[t · P + p].
    var covers: [Bool] = []
    var initialSigma: [Double] = []
    var capColumns: [Column] = []
    var events: [EventRef] = []
    /// Drawers of (source k, year t) that are covered in t: `drawers[drawerStart[k·Y + t] ..< drawerStart[k·Y + t + 1]]`.
    var drawers: [DrawerHot] = []
    var drawerStart: [Int] = [0]
    /// Priority groups of (k, t), highest number first: each a range of `groupDrawers`.
    var groups: [Range<Int>] = []
    var groupDrawers: [DrawerHot] = []
    var groupStart: [Int] = [0]
    /// Per entry of `drawers` of a priority source: its group's position in `groupRange(k, t)`.
    var drawerGroup: [Int32] = []
    /// The drawn growth paths G(t) the programs read, one per (rate column, base year index).
    var factors: [FactorPath] = []
    /// The first source with a cap or a fund (−1: none); its demand is summed in `requested`.
    var firstLimited = -1
    /// Per (t, p): the program's group position in `groupRange(firstLimited, t)` (−1: a pro-rata
    /// source, or the program is not one of its drawers in t).
    var firstGroup: [Int32] = []
    /// Entries of (t, p): `entries[entryStart[t·P + p] ..< entryStart[t·P + p + 1]]`.
    var entries: [RunPlan.Entry] = []
    var entryStart: [Int] = [0]
    /// Per (t, p): the rows of the first unweighted sum of budget, spend, participants and
    /// placements (−1: none), added by the fused spend loop; `entries` holds the others.
    var fused: [SIMD4<Int32>] = []
    /// Per (t, p): the row and slot of the first share-weighted budget sum (such as `budget.시비`;
    /// −1: none), added by the fused spend loop; `entries` holds the others.
    var weighted: [SIMD2<Int32>] = []
    /// Whether some sum reads the requested budgets (requested or cut metrics).
    var keepsRequested = false
    /// Per (t, p): whether a sum in `entries` reads the program's spend, participants or placements.
    var keepsFlows: [Bool] = []
    let years: Int

    init(plan: Plan, run: RunPlan) {
        years = plan.years
        let P = plan.programs.count, Y = plan.years
        var touched = Set<Int>()
        for (i, p) in plan.programs.enumerated() {
            if !p.events.isEmpty { touched.insert(i) }
            for e in p.events {
                if case .terminate(let successor?) = e.action { touched.insert(successor) }
            }
        }
        for (i, p) in plan.programs.enumerated() {
            programs.append(ProgramHot(
                size: p.size, byParticipants: p.byParticipants, unitCost: p.unitCost,
                growthFactor: p.growthFactor, costGrowthFactor: p.costGrowthFactor,
                growthRow: p.growthFactor == nil ? factorRow(p.growth, p.baseIndex) : -1,
                costGrowthRow: p.unitCost != nil && p.costGrowthFactor == nil ? factorRow(p.costGrowth, p.baseIndex) : -1,
                execution: p.execution, placementRate: p.placementRate, baseIndex: p.baseIndex, sigmaRow: p.sigmaRow,
                slots: p.sources.count, startsActive: p.startsActive, firstSigmaRow: -1,
                isStatic: p.startsActive && !touched.contains(i)))
            initialSigma += p.initialShares
        }
        for t in 0..<Y { for p in 0..<P { covers.append(plan.programs[p].covers[t]) } }
        for (i, p) in plan.programs.enumerated() {
            for (j, e) in p.events.enumerated() { events.append(EventRef(program: i, position: j, index: e.index)) }
        }
        let none = Column(row: 0, perYear: false)
        // Each covered drawer's group position in (k, t); 0 between uses (the default).
        var position = [Int32](repeating: 0, count: P)
        for s in plan.sources {
            var hot = SourceHot(capKind: .none, capA: none, capB: none, capColumns: capColumns.count, hasFund: s.fund != nil,
                                balance: s.fund?.balance ?? none, contribution: s.fund?.contribution ?? none,
                                interest: s.fund?.interest ?? none, prorata: s.cut == .prorata)
            switch s.cap {
            case .constant(let c)?: hot.capKind = .constant; hot.capA = c
            case .compounding(let base, let growth)?: hot.capKind = .compounding; hot.capA = base; hot.capB = growth
            case .byYear(let cols)?: hot.capKind = .byYear; capColumns += cols
            case nil: break
            }
            sources.append(hot)
            for t in 0..<Y {
                let covered = { (d: Drawer) in plan.programs[d.program].covers[t] }
                let hotDrawer = { (d: Drawer) in
                    DrawerHot(program: d.program, sigmaRow: plan.programs[d.program].sigmaRow + d.slot)
                }
                let active = s.drawers.filter(covered)
                drawers += active.map(hotDrawer)
                drawerStart.append(drawers.count)
                for group in s.priorityGroups {
                    let members = group.filter(covered)
                    guard !members.isEmpty else { continue }
                    for d in members { position[d.program] = Int32(groups.count - groupStart[groupStart.count - 1]) }
                    let start = groupDrawers.count
                    groupDrawers += members.map(hotDrawer)
                    groups.append(start..<groupDrawers.count)
                }
                drawerGroup += active.map { position[$0.program] }
                for group in s.priorityGroups { for d in group { position[d.program] = 0 } }
                groupStart.append(groups.count)
            }
        }
        firstLimited = sources.firstIndex(where: \.hasLimit) ?? -1
        firstGroup = [Int32](repeating: -1, count: Y * P)
        if firstLimited >= 0 {
            let k = firstLimited
            for d in plan.sources[k].drawers {
                programs[d.program].firstSigmaRow = plan.programs[d.program].sigmaRow + d.slot
            }
            for t in 0..<Y where !sources[k].prorata {
                for j in drawerRange(k, t) { firstGroup[t * P + drawers[j].program] = drawerGroup[j] }
            }
        }
        for t in 0..<Y {
            for i in 0..<P {
                var first = SIMD4<Int32>(repeating: -1)
                var share = SIMD2<Int32>(repeating: -1)
                var keeps = false
                for e in run.entries[t][i] {
                    if e.flow == .requested || e.flow == .cut { keepsRequested = true }
                    var lane: Int?
                    if e.slot < 0 {
                        switch e.flow {
                        case .budget: lane = 0
                        case .spend: lane = 1
                        case .participants: lane = 2
                        case .placements: lane = 3
                        case .requested, .cut: lane = nil
                        }
                    }
                    if let lane, first[lane] < 0 {
                        first[lane] = Int32(e.row)
                    } else if e.flow == .budget && e.slot >= 0 && share.x < 0 {
                        share = SIMD2(Int32(e.row), Int32(e.slot))
                    } else {
                        entries.append(e)
                        if e.flow == .spend || e.flow == .participants || e.flow == .placements { keeps = true }
                    }
                }
                fused.append(first)
                weighted.append(share)
                keepsFlows.append(keeps)
                entryStart.append(entries.count)
            }
        }
    }

    /// The row of `factors` for (rate, base), added when new.
    mutating func factorRow(_ rate: Column, _ base: Int) -> Int {
        let path = FactorPath(rate: rate, base: base)
        if let r = factors.firstIndex(of: path) { return r }
        factors.append(path)
        return factors.count - 1
    }

    @inline(__always)
    func drawerRange(_ k: Int, _ t: Int) -> Range<Int> {
        let i = k * years + t
        return drawerStart[i]..<drawerStart[i + 1]
    }

    @inline(__always)
    func groupRange(_ k: Int, _ t: Int) -> Range<Int> {
        let i = k * years + t
        return groupStart[i]..<groupStart[i + 1]
    }

    @inline(__always)
    func entryRange(_ t: Int, _ p: Int) -> Range<Int> {
        let i = t * programs.count + p
        return entryStart[i]..<entryStart[i + 1]
    }
}
