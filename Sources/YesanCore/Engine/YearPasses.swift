internal import _YesanKernels

/// The model's passes over the programs of a year (steps 4, 5 and 6 of SPEC 4) as flat C
/// descriptors with pointers into one worker's workspace, built once per worker, so that each
/// pass is one call (`yesan_requested_programs`, `yesan_spend_programs`,
/// `yesan_scale_programs`) instead of a few calls per program.
///
/// Every descriptor holds the rows `Model` passed for (year, program), and the C loops make the
/// same calls in the same order: each lane sees the same operations, bit for bit.
final class YearPasses {
    /// Per year t: `requests[requestStart[t] ..< requestStart[t + 1]]`, covered programs in id order.
    let requests: UnsafeMutablePointer<yesan_request>
    let requestStart: [Int]
    /// Per year t: `spenders[spenderStart[t] ..< spenderStart[t + 1]]`, the covered programs with
    /// something to add; their further sums in `sums`.
    let spenders: UnsafeMutablePointer<yesan_spender>
    let spenderStart: [Int]
    let sums: UnsafeMutablePointer<yesan_sum>
    /// Budget and σ rows of `ModelTables.drawers` and of `ModelTables.groupDrawers`, by position.
    let drawerBudgets, groupBudgets: UnsafeMutablePointer<UnsafeMutablePointer<Double>?>
    let drawerSigmas, groupSigmas: UnsafeMutablePointer<UnsafePointer<Double>?>

    init(model: Model, workspace ws: Workspace) {
        let tables = model.tables, run = model.run
        let B = ws.lanes, P = tables.programs.count, Y = model.plan.years
        func col(_ c: Column, _ t: Int) -> UnsafeMutablePointer<Double> { ws.inputs + c.row(t, years: Y) * B }
        func col(_ c: Column?, _ t: Int) -> UnsafePointer<Double>? { c.map { UnsafePointer(col($0, t)) } }
        func costGrowth(_ p: ProgramHot, _ t: Int) -> UnsafeMutablePointer<Double> {
            if let f = p.costGrowthFactor { return col(f, t) }
            // (A program without unit cost has no cost growth; its kernels never read the row.)
            return p.costGrowthRow >= 0 ? ws.factors + p.costGrowthRow * B : ws.zeros
        }
        let first = tables.firstLimited
        var requestList: [yesan_request] = [], requestStart = [0]
        var spenderList: [yesan_spender] = [], spenderStart = [0], sumList: [yesan_sum] = []
        for t in 0..<Y {
            let needP = run.needParticipants[t]
            for i in 0..<P where tables.covers[t * P + i] {
                let p = tables.programs[i]
                let budget = ws.budget + i * B, requested = ws.requested + i * B
                // Step 4: R = size · G · (c · CG) · m (participants) or size · G · m (budget).
                let g = p.growthFactor.map { col($0, t) } ?? ws.factors + p.growthRow * B
                let cost = p.byParticipants ? col(p.unitCost, t) : nil
                var sigma: UnsafeMutablePointer<Double>?, group: UnsafeMutablePointer<Double>?
                if first >= 0 && p.firstSigmaRow >= 0 {
                    sigma = ws.sigma + p.firstSigmaRow * B
                    let g = tables.firstGroup[t * P + i]
                    if g >= 0 { group = ws.groupDemand + Int(g) * B }
                }
                requestList.append(yesan_request(
                    size: col(p.size, t), growth: g, cost: cost, cost_growth: costGrowth(p, t),
                    m: p.isStatic ? nil : ws.m + i * B, alive: p.isStatic ? nil : ws.alive + i * B,
                    requested: tables.keepsRequested ? requested : nil, budget: budget, sigma: sigma, group: group))

                // Step 6 and the sums over programs.
                let list = tables.entryRange(t, i)
                let fused = tables.fused[t * P + i], weighted = tables.weighted[t * P + i]
                if list.isEmpty && fused == SIMD4(repeating: -1) && weighted.x < 0 { continue }
                func row(_ r: Int32) -> UnsafeMutablePointer<Double> { r >= 0 ? ws.metric + Int(r) * B : ws.sink }
                let firstSum = sumList.count
                for j in list {
                    let e = tables.entries[j]
                    let acc = ws.metric + e.row * B
                    if e.flow == .cut {
                        sumList.append(yesan_sum(acc: acc, x: requested, weight: nil, minus: budget, flow: 0))
                        continue
                    }
                    var x: UnsafeMutablePointer<Double>?, flow: Int32 = 0
                    switch e.flow {
                    case .requested: x = requested
                    case .budget: x = budget
                    case .spend: flow = 1
                    case .participants: flow = 2
                    case .placements, .cut: flow = 3
                    }
                    let weight: UnsafeMutablePointer<Double>? = e.slot < 0 ? nil : ws.sigma + (p.sigmaRow + e.slot) * B
                    sumList.append(yesan_sum(acc: acc, x: x, weight: weight, minus: nil, flow: flow))
                }
                spenderList.append(yesan_spender(
                    budget: budget, execution: col(p.execution, t), cost: needP ? col(p.unitCost, t) : nil,
                    cost_growth: costGrowth(p, t), rate: col(p.placementRate, t),
                    acc_budget: row(fused[0]), acc_spend: row(fused[1]), acc_people: row(fused[2]), acc_placed: row(fused[3]),
                    acc_weighted: weighted.x >= 0 ? ws.metric + Int(weighted.x) * B : nil,
                    sigma: weighted.x >= 0 ? ws.sigma + (p.sigmaRow + Int(weighted.y)) * B : ws.sigma,
                    first_sum: UInt32(firstSum), sum_count: UInt32(sumList.count - firstSum),
                    keep: tables.keepsFlows[t * P + i] ? 1 : 0))
            }
            requestStart.append(requestList.count)
            spenderStart.append(spenderList.count)
        }
        func copy<T>(_ list: [T]) -> UnsafeMutablePointer<T> {
            let p = UnsafeMutablePointer<T>.allocate(capacity: Swift.max(list.count, 1))
            p.initialize(from: list, count: list.count)
            return p
        }
        requests = copy(requestList)
        self.requestStart = requestStart
        spenders = copy(spenderList)
        self.spenderStart = spenderStart
        sums = copy(sumList)
        drawerBudgets = copy(tables.drawers.map { Optional(ws.budget + $0.program * B) })
        drawerSigmas = copy(tables.drawers.map { Optional(UnsafePointer(ws.sigma + $0.sigmaRow * B)) })
        groupBudgets = copy(tables.groupDrawers.map { Optional(ws.budget + $0.program * B) })
        groupSigmas = copy(tables.groupDrawers.map { Optional(UnsafePointer(ws.sigma + $0.sigmaRow * B)) })
    }

    deinit {
        requests.deallocate()
        spenders.deallocate()
        sums.deallocate()
        drawerBudgets.deallocate()
        drawerSigmas.deallocate()
        groupBudgets.deallocate()
        groupSigmas.deallocate()
    }
}
