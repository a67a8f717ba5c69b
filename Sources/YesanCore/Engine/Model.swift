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

    func resetState(_ ws: Workspace, _ n: Int) {
        let B = ws.lanes
        for (i, p) in plan.programs.enumerated() {
            (ws.m + i * B).update(repeating: 1, count: n)
            (ws.alive + i * B).update(repeating: p.startsActive ? 1 : 0, count: n)
            (ws.activated + i * B).update(repeating: p.startsActive ? 1 : 0, count: n)
            (ws.terminated + i * B).update(repeating: 0, count: n)
            for (j, share) in p.initialShares.enumerated() {
                (ws.sigma + (p.sigmaRow + j) * B).update(repeating: share, count: n)
            }
        }
        for (k, s) in plan.sources.enumerated() {
            if let fund = s.fund {
                (ws.balance + k * B).update(from: col(ws, fund.balance, 0), count: n)
            }
        }
    }

    // MARK: Step 2: events

    func fireEvents(_ ws: Workspace, _ n: Int, _ t: Int) {
        let B = ws.lanes, year = Int32(t)
        for (i, p) in plan.programs.enumerated() where !p.events.isEmpty {
            for e in p.events where ws.firesIn[e.index * plan.years + t] != 0 {
                let fy = ws.fireYear + e.index * B
                for b in 0..<n where fy[b] == year {
                    apply(e.action, program: i, p, ws, b, t)
                }
            }
        }
    }

    /// One event in one trial (SPEC 3.5): multiplier, shares, termination.
    func apply(_ action: EventPlan.Action, program i: Int, _ p: ProgramPlan, _ ws: Workspace, _ b: Int, _ t: Int) {
        let B = ws.lanes
        let sigma = ws.sigma + p.sigmaRow * B + b
        switch action {
        case .cut(let cuts, let absorbs):
            var removed = 0.0
            for c in cuts { removed += col(ws, c.fraction, t)[b] * sigma[c.slot * B] }
            var absorbed = 0.0
            for a in absorbs { absorbed += col(ws, a.fraction, t)[b] }
            let keep = Swift.max(1 - removed * (1 - absorbed), 0)
            if keep > 0 {
                for j in 0..<p.sources.count {
                    var f = 0.0, a = 0.0
                    for c in cuts where c.slot == j { f = col(ws, c.fraction, t)[b] }
                    for x in absorbs where x.slot == j { a = col(ws, x.fraction, t)[b] }
                    sigma[j * B] = (sigma[j * B] * (1 - f) + a * removed) / keep
                }
            }
            ws.m[i * B + b] *= keep
        case .shares(let shares):
            for (j, s) in shares.enumerated() { sigma[j * B] = s }
        case .scale(let k):
            ws.m[i * B + b] *= col(ws, k, t)[b]
        case .terminate(let successor):
            ws.terminated[i * B + b] = 1
            ws.alive[i * B + b] = 0
            if let s = successor {
                ws.activated[s * B + b] = 1
                ws.alive[s * B + b] = ws.terminated[s * B + b] == 0 ? 1 : 0
            }
        }
    }

    // MARK: Steps 3–4: growth, unit cost, requested budget

    /// G(t) = Π_{τ=b+1..t} (1 + g(τ)) for t ≥ b, 1 / Π_{τ=t+1..b} (1 + g(τ)) before b; extended
    /// by one factor a year once t − 1 ≥ b.
    @inline(__always)
    func compound(_ ws: Workspace, _ g: Column, _ base: Int, _ t: Int, _ factor: UnsafeMutablePointer<Double>, _ n: Int) {
        if t > 0 && t - 1 >= base {
            let x = col(ws, g, t)
            for b in 0..<n { factor[b] *= 1 + x[b] }
            return
        }
        factor.update(repeating: 1, count: n)
        let lo = Swift.min(t, base) + 1, hi = Swift.max(t, base)
        if lo <= hi {
            for tau in lo...hi {
                let x = col(ws, g, tau)
                for b in 0..<n { factor[b] *= 1 + x[b] }
            }
        }
        if t < base {
            for b in 0..<n { factor[b] = 1 / factor[b] }
        }
    }

    /// CG(t) of program i: its precomputed row, or its state row.
    @inline(__always)
    func costGrowthFactor(_ ws: Workspace, _ i: Int, _ p: ProgramPlan, _ t: Int) -> UnsafeMutablePointer<Double> {
        if let f = p.costGrowthFactor { return col(ws, f, t) }
        return ws.costGrowth + i * ws.lanes
    }

    func requested(_ ws: Workspace, _ n: Int, _ t: Int) {
        let B = ws.lanes
        for (i, p) in plan.programs.enumerated() {
            let g: UnsafeMutablePointer<Double>
            if let f = p.growthFactor {
                g = col(ws, f, t)
            } else {
                g = ws.growth + i * B
                compound(ws, p.growth, p.baseIndex, t, g, n)
            }
            let cg = costGrowthFactor(ws, i, p, t)
            if p.unitCost != nil && p.costGrowthFactor == nil { compound(ws, p.costGrowth, p.baseIndex, t, cg, n) }
            guard p.covers[t] else { continue }
            let size = col(ws, p.size, t), m = ws.m + i * B, alive = ws.alive + i * B
            let r = ws.requested + i * B, budget = ws.budget + i * B
            if p.byParticipants, let uc = p.unitCost {
                let c = col(ws, uc, t)
                for b in 0..<n {
                    let x = size[b] * g[b] * (c[b] * cg[b]) * m[b]
                    let v = alive[b] != 0 ? x : 0
                    r[b] = v
                    budget[b] = v
                }
            } else {
                for b in 0..<n {
                    let x = size[b] * g[b] * m[b]
                    let v = alive[b] != 0 ? x : 0
                    r[b] = v
                    budget[b] = v
                }
            }
        }
    }

    // MARK: Step 5: caps, funds, cuts

    func constrain(_ ws: Workspace, _ n: Int, _ t: Int) {
        let B = ws.lanes
        for (k, s) in plan.sources.enumerated() {
            let short = ws.shortfall + k * B
            guard s.hasLimit else {
                short.update(repeating: 0, count: n)
                continue
            }
            let limit = ws.limit + k * B, demand = ws.demand + k * B
            switch s.cap {
            case .constant(let c)?:
                limit.update(from: col(ws, c, t), count: n)
            case .compounding(let base, let growth)?:
                let cap = ws.cap + k * B
                if t == 0 {
                    cap.update(from: col(ws, base, 0), count: n)
                } else {
                    let g = col(ws, growth, t)
                    for b in 0..<n { cap[b] *= 1 + g[b] }
                }
                limit.update(from: cap, count: n)
            case .byYear(let cols)?:
                limit.update(from: col(ws, cols[Swift.min(t, cols.count - 1)], t), count: n)
            case nil:
                break
            }
            let fundLimit = ws.fundLimit + k * B
            if let fund = s.fund {
                let bal = ws.balance + k * B, contribution = col(ws, fund.contribution, t)
                for b in 0..<n { fundLimit[b] = bal[b] + contribution[b] }
                if s.cap == nil {
                    limit.update(from: fundLimit, count: n)
                } else {
                    for b in 0..<n { limit[b] = Swift.min(limit[b], fundLimit[b]) }
                }
            }
            demand.update(repeating: 0, count: n)
            for d in s.drawers where plan.programs[d.program].covers[t] {
                let budget = ws.budget + d.program * B
                let sigma = ws.sigma + (plan.programs[d.program].sigmaRow + d.slot) * B
                for b in 0..<n { demand[b] += budget[b] * sigma[b] }
            }
            var over = false
            for b in 0..<n {
                let excess = demand[b] - limit[b]
                short[b] = demand[b] > limit[b] ? excess : 0
                over = over || demand[b] > limit[b]
            }
            if s.fund != nil {
                let depleted = ws.depleted + k * B
                for b in 0..<n { depleted[b] = demand[b] > fundLimit[b] ? 1 : 0 }
            }
            guard over else { continue }
            switch s.cut {
            case .prorata:
                let factor = ws.factor
                for b in 0..<n { factor[b] = demand[b] > limit[b] ? limit[b] / demand[b] : 1 }
                for d in s.drawers where plan.programs[d.program].covers[t] {
                    scale(ws, d, factor, n)
                }
            case .priority:
                let excess = ws.excess, groupDemand = ws.groupDemand, factor = ws.factor
                excess.update(from: short, count: n)
                for group in s.priorityGroups {
                    groupDemand.update(repeating: 0, count: n)
                    var any = false
                    for d in group where plan.programs[d.program].covers[t] {
                        any = true
                        let budget = ws.budget + d.program * B
                        let sigma = ws.sigma + (plan.programs[d.program].sigmaRow + d.slot) * B
                        for b in 0..<n { groupDemand[b] += budget[b] * sigma[b] }
                    }
                    guard any else { continue }
                    var remaining = false
                    for b in 0..<n {
                        let dd = groupDemand[b], e = excess[b]
                        let full = e > 0 && dd <= e, part = e > 0 && dd > e
                        factor[b] = full ? 0 : part ? 1 - e / dd : 1
                        excess[b] = full ? e - dd : part ? 0 : e
                        remaining = remaining || excess[b] > 0
                    }
                    for d in group where plan.programs[d.program].covers[t] {
                        scale(ws, d, factor, n)
                    }
                    if !remaining { break }
                }
            }
        }
    }

    /// B ← B · factor in the lanes where the program draws on the source (σ > 0).
    @inline(__always)
    func scale(_ ws: Workspace, _ d: Drawer, _ factor: UnsafeMutablePointer<Double>, _ n: Int) {
        let B = ws.lanes
        let budget = ws.budget + d.program * B
        let sigma = ws.sigma + (plan.programs[d.program].sigmaRow + d.slot) * B
        for b in 0..<n { budget[b] = sigma[b] > 0 ? budget[b] * factor[b] : budget[b] }
    }

    // MARK: Steps 6 and 8: spend, participants, placements, and the sums over programs

    func spendAndSum(_ ws: Workspace, _ n: Int, _ t: Int) {
        let B = ws.lanes
        for r in run.clear[t] { (ws.metric + r * B).update(repeating: 0, count: n) }
        let needP = run.needParticipants[t], needL = run.needPlacements[t]
        let spend = ws.spend, people = ws.participants, placed = ws.placements
        let entries = run.entries[t]
        for (i, p) in plan.programs.enumerated() where p.covers[t] {
            let list = entries[i]
            if list.isEmpty { continue }
            let budget = ws.budget + i * B, requested = ws.requested + i * B
            let execution = col(ws, p.execution, t)
            if needP, let uc = p.unitCost {
                let u = col(ws, uc, t), cg = costGrowthFactor(ws, i, p, t)
                if needL {
                    let rate = col(ws, p.placementRate, t)
                    for b in 0..<n {
                        let s = budget[b] * execution[b], x = s / (u[b] * cg[b])
                        spend[b] = s
                        people[b] = x
                        placed[b] = x * rate[b]
                    }
                } else {
                    for b in 0..<n {
                        let s = budget[b] * execution[b]
                        spend[b] = s
                        people[b] = s / (u[b] * cg[b])
                    }
                }
            } else {
                for b in 0..<n { spend[b] = budget[b] * execution[b] }
                if needP {
                    people.update(repeating: 0, count: n)
                    if needL { placed.update(repeating: 0, count: n) }
                }
            }
            for e in list {
                let acc = ws.metric + e.row * B
                if e.flow == .cut {
                    for b in 0..<n { acc[b] += requested[b] - budget[b] }
                    continue
                }
                let x: UnsafeMutablePointer<Double>
                switch e.flow {
                case .requested: x = requested
                case .budget: x = budget
                case .spend: x = spend
                case .participants: x = people
                case .placements, .cut: x = placed
                }
                if e.slot < 0 {
                    for b in 0..<n { acc[b] += x[b] }
                } else {
                    let sigma = ws.sigma + (p.sigmaRow + e.slot) * B
                    for b in 0..<n { acc[b] += x[b] * sigma[b] }
                }
            }
        }
    }

    // MARK: Step 7: funds

    func updateFunds(_ ws: Workspace, _ n: Int, _ t: Int) {
        let B = ws.lanes
        for (k, s) in plan.sources.enumerated() {
            guard let fund = s.fund else { continue }
            let bal = ws.balance + k * B
            let contribution = col(ws, fund.contribution, t), interest = col(ws, fund.interest, t)
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
                if plan.sources[copy.source].fund != nil {
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
