/// What a program contributes to a sum over programs (SPEC 4 steps 4–8).
enum Flow: Int, Sendable {
    /// R, before constraints.
    case requested
    /// B, after constraints.
    case budget
    /// S = B · execution.
    case spend
    /// P = S / c(t).
    case participants
    /// L = P · placement rate.
    case placements
    /// R − B.
    case cut
}

/// A breakdown dimension of SPEC 6.
enum Dimension: Int, Sendable {
    case category, group, program
}

/// A metric name of SPEC 6, without year, as the engine evaluates it.
enum MetricID: Hashable, Sendable {
    /// `requested`, `budget`, `spend`, `participants`, `placements`, `cut` (source nil), or
    /// `requested.<k>`, `budget.<k>`, `spend.<k>` (source index k).
    case flow(Flow, source: Int?)
    case shortfall(Int)
    case costPerPlacement
    case fundBalance(Int)
    case fundDepleted(Int)
    /// `<flow>.<dimension>.<label>`: label index into categories, groups or programs (id order).
    case breakdown(Flow, Dimension, Int)
    /// `target.<name>`, by index in the scenario's targets.
    case target(Int)
    /// Hidden: the sum a target with `where` checks (its flow over the matching programs).
    case targetPart(Int)
    /// Hidden: spend drawn on fund k in a year.
    case fundDraw(Int)

    /// Whether the value is a sum over programs, kept in an accumulator row.
    var accumulator: (flow: Flow, source: Int?)? {
        switch self {
        case .flow(let f, let s): return (f, s)
        case .breakdown(let f, _, _): return (f, nil)
        case .fundDraw(let k): return (.spend, k)
        default: return nil
        }
    }
}

/// How the `total` of a metric follows from its yearly values (SPEC 6).
enum TotalRule: Sendable {
    /// Σ over years.
    case sum
    /// The last year's value (a fund's balance at the end of the horizon).
    case last
    /// The largest yearly value (`depleted`: in any year).
    case max
    /// Computed from other totals (cost per placement, targets).
    case derived
}

/// The names, keys and parsing of the metrics of one scenario (SPEC 6, reference.py
/// `metric_names`, `metric_keys`).
struct MetricCatalogue: Sendable {
    let sourceNames: [String]
    let fundSources: [Int]
    let categories: [String]
    let groups: [String]
    let programIDs: [String]
    let targets: [Target]
    let years: ClosedRange<Int>
    /// Every name (programs included) → its ID.
    let byName: [String: MetricID]

    /// A flow's metric name (a switch: a dictionary keyed by Flow costs its type's setup).
    static func flowName(_ f: Flow) -> String {
        switch f {
        case .requested: "requested"
        case .budget: "budget"
        case .spend: "spend"
        case .participants: "participants"
        case .placements: "placements"
        case .cut: "cut"
        }
    }
    static let breakdownFlows: [Flow] = [.budget, .spend, .participants, .placements]

    init(scenario: Scenario, plan: Plan) {
        sourceNames = plan.sources.map(\.name)
        fundSources = plan.sources.indices.filter { plan.sources[$0].fund != nil }
        categories = scenario.categories
        groups = scenario.groups
        programIDs = plan.programs.map(\.id)
        targets = scenario.targets
        years = scenario.years
        let ids = MetricCatalogue.ids(sources: sourceNames.count, funds: fundSources, categories: categories.count,
                                      groups: groups.count, programs: programIDs.count, includePrograms: true)
        var byName: [String: MetricID] = [:]
        byName.reserveCapacity(ids.count + targets.count)
        for id in ids {
            byName[MetricCatalogue.name(id, sourceNames: sourceNames, categories: categories, groups: groups,
                                        programIDs: programIDs, targets: targets)] = id
        }
        for (i, t) in targets.enumerated() { byName["target.\(t.name)"] = .target(i) }
        self.byName = byName
    }

    /// The metric IDs in reference.py's `metric_names` order (targets excluded).
    static func ids(sources: Int, funds: [Int], categories: Int, groups: Int, programs: Int,
                    includePrograms: Bool) -> [MetricID] {
        var out: [MetricID] = [.flow(.requested, source: nil), .flow(.budget, source: nil), .flow(.spend, source: nil),
                               .flow(.cut, source: nil), .flow(.participants, source: nil),
                               .flow(.placements, source: nil), .costPerPlacement]
        for f in [Flow.requested, .budget, .spend] { for k in 0..<sources { out.append(.flow(f, source: k)) } }
        for k in 0..<sources { out.append(.shortfall(k)) }
        for k in funds { out += [.fundBalance(k), .fundDepleted(k)] }
        for f in breakdownFlows {
            for c in 0..<categories { out.append(.breakdown(f, .category, c)) }
            for g in 0..<groups { out.append(.breakdown(f, .group, g)) }
            if includePrograms { for p in 0..<programs { out.append(.breakdown(f, .program, p)) } }
        }
        return out
    }

    func ids(includePrograms: Bool) -> [MetricID] {
        MetricCatalogue.ids(sources: sourceNames.count, funds: fundSources, categories: categories.count,
                            groups: groups.count, programs: programIDs.count, includePrograms: includePrograms)
    }

    func name(_ id: MetricID) -> String {
        MetricCatalogue.name(id, sourceNames: sourceNames, categories: categories, groups: groups, programIDs: programIDs,
                             targets: targets)
    }

    static func name(_ id: MetricID, sourceNames: [String], categories: [String], groups: [String], programIDs: [String],
                     targets: [Target]) -> String {
        switch id {
        case .flow(let f, let s):
            let base = flowName(f)
            return s.map { "\(base).\(sourceNames[$0])" } ?? base
        case .shortfall(let k): return "shortfall.\(sourceNames[k])"
        case .costPerPlacement: return "cost_per_placement"
        case .fundBalance(let k): return "fund.\(sourceNames[k]).balance"
        case .fundDepleted(let k): return "fund.\(sourceNames[k]).depleted"
        case .breakdown(let f, let d, let i):
            switch d {
            case .category: return "\(flowName(f)).category.\(categories[i])"
            case .group: return "\(flowName(f)).group.\(groups[i])"
            case .program: return "\(flowName(f)).program.\(programIDs[i])"
            }
        case .target(let i): return "target.\(targets[i].name)"
        case .targetPart(let i): return "(target part \(targets[i].name))"
        case .fundDraw(let k): return "(fund draw \(sourceNames[k]))"
        }
    }

    /// Every key of SPEC 6 in reference.py's `metric_keys` order: each name at every year and
    /// `total`, then each target at its own year (or `total`).
    func keys(includePrograms: Bool) -> [MetricKey] {
        var out: [MetricKey] = []
        let yearList: [Int?] = years.map { $0 } + [nil]
        for id in ids(includePrograms: includePrograms) {
            let n = name(id)
            for y in yearList { out.append(MetricKey(n, year: y)) }
        }
        for t in targets { out.append(MetricKey("target.\(t.name)", year: t.year)) }
        return out
    }

    static func totalRule(_ id: MetricID) -> TotalRule {
        switch id {
        case .fundBalance: return .last
        case .fundDepleted: return .max
        case .costPerPlacement, .target: return .derived
        default: return .sum
        }
    }

    /// The metric a target checks: its named metric, or the filtered sum for `where`.
    func targetSource(_ i: Int) throws(SimulationError) -> MetricID {
        let t = targets[i]
        if t.filter != nil {
            guard ["budget", "spend", "participants", "placements"].contains(t.metric) else {
                throw .inconsistentModel("targets[\(t.name)]: `where` needs budget, spend, participants or placements, got '\(t.metric)'")
            }
            return .targetPart(i)
        }
        guard let id = byName[t.metric], id.accumulator != nil || {
            switch id {
            case .shortfall, .costPerPlacement, .fundBalance, .fundDepleted: return true
            default: return false
            }
        }() else {
            throw .inconsistentModel("targets[\(t.name)]: unknown metric '\(t.metric)'")
        }
        return id
    }

    /// The flow a `targetPart` sums.
    func targetFlow(_ i: Int) -> Flow {
        switch targets[i].metric {
        case "budget": return .budget
        case "spend": return .spend
        case "participants": return .participants
        default: return .placements
        }
    }
}
