/// What one run computes for its requested keys: which sums over programs each year needs, where
/// every value sits in a worker's metric rows, and where each requested key is written.
///
/// Only the metrics the keys need (and what those depend on) are computed: a run of the default
/// table keys never forms the 1,000-odd breakdown sums of a 200-program scenario.
struct RunPlan: Sendable {
    /// A program's contribution to one sum: `acc[b] += flow[b]` (× σ of `slot` when ≥ 0).
    struct Entry: Sendable {
        var row: Int
        var flow: Flow
        var slot: Int
    }
    /// A value taken from a source's state after step 7.
    enum SourceValue: Sendable {
        case shortfall, balance, depleted
    }
    struct SourceCopy: Sendable {
        var value: SourceValue
        var source: Int
        var row: Int
    }
    /// A value computed from other rows (of the year, or of the totals).
    enum Derived: Sendable {
        /// numerator ÷ denominator, NaN where the denominator is 0.
        case ratio(row: Int, numerator: Int, denominator: Int)
        /// 1 where the target's bounds hold (NaN: not met), else 0.
        case target(row: Int, source: Int, atLeast: Double?, atMost: Double?)
    }
    /// After a year's values: write `row` to output `output` (−1: none), update total `total`.
    struct Emit: Sendable {
        var row: Int
        var output: Int
        var total: Int
        var rule: TotalRule
    }

    var keyCount: Int
    /// Metric rows per worker (one per needed metric) and total rows.
    var rowCount: Int
    var totalCount: Int
    /// Per year, per program: the sums it adds to.
    var entries: [[[Entry]]]
    /// Per year: accumulator rows to clear before the programs add to them.
    var clear: [[Int]]
    /// Per year: whether participants (and placements) must be computed.
    var needParticipants: [Bool]
    var needPlacements: [Bool]
    var sourceCopies: [[SourceCopy]]
    var derived: [[Derived]]
    var emits: [[Emit]]
    /// After the last year, on total rows.
    var totalDerived: [Derived]
    var totalOutputs: [(total: Int, output: Int)]
    /// The row of each fund's draw (spend on the fund), by source index (−1: not a fund).
    var fundDrawRow: [Int]
    /// Outputs that no metric of the scenario fills (unknown keys): NaN.
    var undefinedOutputs: [Int]
    /// Whether any year needs participants / placements (their input draws are skipped otherwise).
    var drawsParticipants: Bool
    var drawsPlacements: Bool

    init(plan: Plan, catalogue: MetricCatalogue, keys: [MetricKey]) {
        let years = plan.years
        keyCount = keys.count
        var atYear = [Set<MetricID>](repeating: [], count: years)
        var atTotal = Set<MetricID>()
        var outputsAtYear = [[MetricID: [Int]]](repeating: [:], count: years)
        var outputsAtTotal: [MetricID: [Int]] = [:]
        var undefined: [Int] = []
        var targetSources: [Int: MetricID] = [:]
        for i in catalogue.targets.indices {
            if let s = try? catalogue.targetSource(i) { targetSources[i] = s }
        }
        for (o, key) in keys.enumerated() {
            guard let id = catalogue.byName[key.name] else { undefined.append(o); continue }
            if case .target(let i) = id {
                guard key.year == catalogue.targets[i].year, targetSources[i] != nil else { undefined.append(o); continue }
            }
            if let y = key.year {
                guard catalogue.years.contains(y) else { undefined.append(o); continue }
                atYear[y - catalogue.years.lowerBound].insert(id)
                outputsAtYear[y - catalogue.years.lowerBound][id, default: []].append(o)
            } else {
                atTotal.insert(id)
                outputsAtTotal[id, default: []].append(o)
            }
        }
        // Dependencies: totals of derived metrics need totals of their inputs; sums need every year.
        // (Targets first: a target may check cost_per_placement, which needs spend and placements.)
        for case .target(let i) in Array(atTotal) {
            if let s = targetSources[i] { atTotal.insert(s) }
        }
        if atTotal.contains(.costPerPlacement) {
            atTotal.insert(.flow(.spend, source: nil))
            atTotal.insert(.flow(.placements, source: nil))
        }
        for id in atTotal where MetricCatalogue.totalRule(id) != .derived {
            for t in 0..<years { atYear[t].insert(id) }
        }
        for t in 0..<years {
            for case .target(let i) in Array(atYear[t]) {
                if let s = targetSources[i] { atYear[t].insert(s) }
            }
            if atYear[t].contains(.costPerPlacement) {
                atYear[t].insert(.flow(.spend, source: nil))
                atYear[t].insert(.flow(.placements, source: nil))
            }
            for k in catalogue.fundSources { atYear[t].insert(.fundDraw(k)) }
        }
        // Rows, in a fixed order (catalogue order, then targets, then hidden sums).
        var order = catalogue.ids(includePrograms: true)
        for i in catalogue.targets.indices { order += [.target(i), .targetPart(i)] }
        for k in catalogue.fundSources { order.append(.fundDraw(k)) }
        // Only the IDs some year or the total needs matter below (in `order`): a run of the
        // default keys needs a handful of the 1,000-odd IDs of a 200-program scenario.
        var anyYear = Set<MetricID>()
        for ids in atYear { anyYear.formUnion(ids) }
        let yearOrder = order.filter { anyYear.contains($0) }
        let totalOrder = order.filter { atTotal.contains($0) }
        var row: [MetricID: Int] = [:], total: [MetricID: Int] = [:]
        for id in yearOrder { row[id] = row.count }
        for id in totalOrder { total[id] = total.count }
        rowCount = row.count
        totalCount = total.count
        fundDrawRow = plan.sources.indices.map { row[.fundDraw($0)] ?? -1 }

        // Which programs each sum covers.
        // (Program `index` is read in place: copying a ProgramPlan for every year and program
        // retains and releases each of its arrays.)
        func members(_ id: MetricID, _ index: Int) -> (Flow, Int)? {
            let slotOf = { (k: Int) in plan.programs[index].sources.firstIndex(of: k) }
            switch id {
            case .flow(let f, nil): return (f, -1)
            case .flow(let f, let k?): return slotOf(k).map { (f, $0) }
            case .fundDraw(let k): return slotOf(k).map { (.spend, $0) }
            case .breakdown(let f, .category, let c): return plan.programs[index].category == c ? (f, -1) : nil
            case .breakdown(let f, .group, let g): return plan.programs[index].group == g ? (f, -1) : nil
            case .breakdown(let f, .program, let i): return index == i ? (f, -1) : nil
            case .targetPart(let i):
                guard let filter = catalogue.targets[i].filter else { return nil }
                let p = plan.programs[index]
                let ok = (filter.categories.map { $0.contains(catalogue.categories[p.category]) } ?? true)
                    && (filter.groups.map { $0.contains(catalogue.groups[p.group]) } ?? true)
                    && (filter.programs.map { $0.contains(p.id) } ?? true)
                return ok ? (catalogue.targetFlow(i), -1) : nil
            default: return nil
            }
        }
        entries = []
        clear = []
        needParticipants = []
        needPlacements = []
        sourceCopies = []
        derived = []
        emits = []
        for t in 0..<years {
            let sums = yearOrder.filter { id in
                if case .targetPart = id { return atYear[t].contains(id) }
                return atYear[t].contains(id) && id.accumulator != nil
            }
            let sumRows = sums.map { row[$0] }
            clear.append(sumRows.compactMap { $0 })
            var perProgram: [[Entry]] = []
            perProgram.reserveCapacity(plan.programs.count)
            var participants = false, placements = false
            for i in plan.programs.indices {
                var list: [Entry] = []
                for (id, r) in zip(sums, sumRows) {
                    guard let r, let (flow, slot) = members(id, i) else { continue }
                    list.append(Entry(row: r, flow: flow, slot: slot))
                    if flow == .participants { participants = true }
                    if flow == .placements { participants = true; placements = true }
                }
                perProgram.append(list)
            }
            entries.append(perProgram)
            needParticipants.append(participants)
            needPlacements.append(placements)
            var copies: [SourceCopy] = []
            var yearDerived: [Derived] = []
            for id in yearOrder where atYear[t].contains(id) {
                guard let r = row[id] else { continue }
                switch id {
                case .shortfall(let k): copies.append(SourceCopy(value: .shortfall, source: k, row: r))
                case .fundBalance(let k): copies.append(SourceCopy(value: .balance, source: k, row: r))
                case .fundDepleted(let k): copies.append(SourceCopy(value: .depleted, source: k, row: r))
                case .costPerPlacement:
                    if let s = row[.flow(.spend, source: nil)], let l = row[.flow(.placements, source: nil)] {
                        yearDerived.insert(.ratio(row: r, numerator: s, denominator: l), at: 0)
                    }
                case .target(let i):
                    if let s = targetSources[i].flatMap({ row[$0] }) {
                        let target = catalogue.targets[i]
                        yearDerived.append(.target(row: r, source: s, atLeast: target.atLeast, atMost: target.atMost))
                    }
                default: break
                }
            }
            sourceCopies.append(copies)
            derived.append(yearDerived)
            var yearEmits: [Emit] = []
            for id in yearOrder where atYear[t].contains(id) {
                guard let r = row[id] else { continue }
                let outs = outputsAtYear[t][id] ?? []
                let tot = MetricCatalogue.totalRule(id) == .derived ? -1 : (total[id] ?? -1)
                if outs.isEmpty && tot < 0 { continue }
                for (j, o) in (outs.isEmpty ? [-1] : outs).enumerated() {
                    yearEmits.append(Emit(row: r, output: o, total: j == 0 ? tot : -1, rule: MetricCatalogue.totalRule(id)))
                }
            }
            emits.append(yearEmits)
        }
        var finalDerived: [Derived] = []
        for id in totalOrder {
            guard let r = total[id] else { continue }
            switch id {
            case .costPerPlacement:
                if let s = total[.flow(.spend, source: nil)], let l = total[.flow(.placements, source: nil)] {
                    finalDerived.insert(.ratio(row: r, numerator: s, denominator: l), at: 0)
                }
            case .target(let i):
                if let s = targetSources[i].flatMap({ total[$0] }) {
                    let target = catalogue.targets[i]
                    finalDerived.append(.target(row: r, source: s, atLeast: target.atLeast, atMost: target.atMost))
                }
            default: break
            }
        }
        totalDerived = finalDerived
        totalOutputs = outputsAtTotal.flatMap { id, outs in outs.compactMap { o in total[id].map { ($0, o) } } }
            .sorted { $0.1 < $1.1 }
        undefinedOutputs = undefined
        drawsParticipants = needParticipants.contains(true)
        drawsPlacements = needPlacements.contains(true)
    }
}
