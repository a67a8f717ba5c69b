import YesanCore

/// `programs:` (SPEC 3.5): fields, shares, successors.
extension ScenarioChecker {
    static let programKeys = ["id", "name", "category", "group", "years", "base_year", "budget", "participants",
                              "unit_cost", "growth", "cost_growth", "shares", "execution", "placement_rate",
                              "priority", "events"]

    /// A `successor:` reference, resolved once every program id is known.
    struct SuccessorReference {
        let program: String
        let successor: String
        let node: YAMLNode
        let path: String
    }

    /// Every program, checked; successors resolved and free of cycles.
    mutating func programList(_ node: YAMLNode?) -> [Program] {
        guard let node else { return [] }
        if case .null = node.value { return [] }
        guard case .sequence(let items) = node.value else {
            report(node.location, "programs", "expected a list of programs, got \(node.value.described)",
                   hint: "programs:\n  - id: 신중년경력형\n    category: 직접일자리\n    …")
            return []
        }
        // Every id first, so that successors can refer to programs further down.
        var seen: [String: SourceLocation] = [:]
        for item in items {
            guard let idNode = item.entry("id")?.value, case .string(let id) = idNode.value else { continue }
            if let first = seen[id] {
                report(idNode.location, "programs[\(id)].id", "duplicate program id '\(id)' (first at \(first))",
                       hint: "program ids must be unique")
            } else {
                seen[id] = idNode.location
                programIDs.append(id)
            }
        }
        var programs: [Program] = []
        var successors: [SuccessorReference] = []
        for (index, item) in items.enumerated() {
            if let p = program(item, index: index, successors: &successors) { programs.append(p) }
        }
        checkSuccessors(successors)
        return programs
    }

    /// One program; nil when any of its fields is invalid (each reported).
    mutating func program(_ node: YAMLNode, index: Int, successors: inout [SuccessorReference]) -> Program? {
        var path = "programs[\(index)]"
        if case .string(let id) = node.entry("id")?.value.value, !id.isEmpty { path = "programs[\(id)]" }
        let before = diagnostics.count
        guard fields(node, path: path, allowed: Self.programKeys, what: "a program",
                     hint: "a program is a map with id, category, group, budget or participants, shares, …") != nil else { return nil }
        var id: String?
        if let n = node.entry("id")?.value {
            id = identifier(n, path: "\(path).id", what: "the program id")
        } else {
            report(node.location, path, "a program needs an id", hint: "a unique, stable key such as id: 신중년경력형")
        }
        let identity = "program:\(id ?? "#\(index)"):"
        let name = node.entry("name").flatMap { label($0.value, path: "\(path).name") }
        var category: String?, group: String?
        if let n = node.entry("category")?.value {
            category = choice(n, path: "\(path).category", in: categories, what: "category")
        } else {
            report(node.location, path, "a program needs a category", hint: "one of \(categories.joined(separator: ", "))")
        }
        if let n = node.entry("group")?.value {
            group = choice(n, path: "\(path).group", in: groups, what: "group")
        } else {
            report(node.location, path, "a program needs a group", hint: "one of \(groups.joined(separator: ", "))")
        }
        var first: Int?, last: Int?
        if let n = node.entry("years")?.value, let (lo, hi) = span(n, path: "\(path).years", closed: false) { (first, last) = (lo, hi) }

        // Size: budget xor participants; participants needs a unit cost.
        let budgetNode = node.entry("budget")?.value, participantsNode = node.entry("participants")?.value
        var size: ProgramSize?
        switch (budgetNode, participantsNode) {
        case (let b?, nil):
            size = quantity(b, path: "\(path).budget", identity: identity + "budget", kind: .money, range: .nonNegative,
                            field: "a budget").map { .budget($0) }
        case (nil, let p?):
            size = quantity(p, path: "\(path).participants", identity: identity + "participants", kind: .plain,
                            range: .nonNegative, field: "participants").map { .participants($0) }
            if node.entry("unit_cost") == nil {
                report(p.location, "\(path).participants", "participants needs unit_cost (the cost per participant per year)",
                       hint: "add unit_cost in \(unit.rawValue), or give budget instead of participants")
            }
        case (_?, let p?):
            report(p.location, "\(path).participants", "give either budget or participants, not both",
                   hint: "budget is the annual amount; participants (slots) × unit_cost makes the budget")
        case (nil, nil):
            report(node.location, path, "a program needs budget or participants",
                   hint: "budget: annual amount in \(unit.rawValue), or participants with unit_cost")
        }
        var unitCost: Quantity?
        if let n = node.entry("unit_cost")?.value {
            unitCost = quantity(n, path: "\(path).unit_cost", identity: identity + "unit_cost", kind: .money,
                                range: .positive, field: "a unit cost")
        }
        let growth = optionalQuantity(node, "growth", path: path, identity: identity, kind: .rate, range: .growth,
                                      field: "a growth rate", default: .zero)
        let costGrowth = optionalQuantity(node, "cost_growth", path: path, identity: identity, kind: .rate, range: .growth,
                                          field: "a growth rate", default: .zero)
        let execution = optionalQuantity(node, "execution", path: path, identity: identity, kind: .rate, range: .execution,
                                         field: "execution", default: .one)
        let placementRate = optionalQuantity(node, "placement_rate", path: path, identity: identity, kind: .rate,
                                             range: .fraction, field: "placement_rate", default: .zero)
        var shares: [SourceFraction]?
        if let n = node.entry("shares")?.value {
            shares = shareMap(n, path: "\(path).shares")
        } else {
            report(node.location, path, "a program needs shares (fractions of its budget by source, summing to 1)",
                   hint: "e.g. shares: { 국비: 0.5, 도비: 0.1, 시비: 0.4 }")
        }
        var priority = 5
        if let n = node.entry("priority")?.value, let p = integer(n, path: "\(path).priority") { priority = p }

        var baseYear = horizon?.lowerBound ?? 0
        if let n = node.entry("base_year")?.value,
           let y = year(n, path: "\(path).base_year", hint: "the year in which budget, participants and unit_cost are written") {
            baseYear = y
            if let horizon, !horizon.contains(y) {
                var perYear: [String] = []
                if let g = growth, isPerYear(g) { perYear.append("growth") }
                if unitCost != nil, let g = costGrowth, isPerYear(g) { perYear.append("cost_growth") }
                if !perYear.isEmpty {
                    let which = perYear.joined(separator: " and ")
                    report(n.location, "\(path).base_year",
                           "base_year \(y) is outside the horizon \(horizonText) and \(which) \(perYear.count == 1 ? "is" : "are") drawn per year (horizon years only)",
                           hint: "move base_year into the horizon, or draw \(which) per trial")
                }
            }
        }
        var events: [Event] = []
        if let n = node.entry("events")?.value {
            events = eventList(n, path: "\(path).events", program: id ?? "#\(index)", successors: &successors)
        }
        guard diagnostics.count == before, let id, let category, let group, let size, let growth, let costGrowth,
              let execution, let placementRate, let shares else { return nil }
        return Program(id: id, name: name ?? id, category: category, group: group, firstYear: first, lastYear: last,
                       baseYear: baseYear, size: size, unitCost: unitCost, growth: growth, costGrowth: costGrowth,
                       execution: execution, placementRate: placementRate, shares: shares, priority: priority, events: events)
    }

    /// An optional quantity field of a program (its default when absent).
    mutating func optionalQuantity(_ node: YAMLNode, _ key: String, path: String, identity: String, kind: NumberKind,
                                   range: ValidRange, field: String, default value: Quantity) -> Quantity? {
        guard let n = node.entry(key)?.value else { return value }
        return quantity(n, path: "\(path).\(key)", identity: identity + key, kind: kind, range: range, field: field)
    }

    /// `shares: { source: fraction }`: known sources, plain numbers in [0, 1], summing to 1 ± 1e-9.
    mutating func shareMap(_ node: YAMLNode, path: @autoclosure () -> String) -> [SourceFraction]? {
        guard case .mapping(let entries) = node.value, !entries.isEmpty else {
            report(node.location, path(), "expected a map source: fraction, got \(node.value.described)",
                   hint: "e.g. shares: { 국비: 0.5, 시비: 0.5 }")
            return nil
        }
        var out: [SourceFraction] = []
        var ok = true
        var valuesOK = true
        for entry in entries {
            func here() -> String { "\(path()).\(entry.key)" }
            if !sourceNames.contains(entry.key) {
                report(entry.keyLocation, here(), "unknown source '\(entry.key)'",
                       hint: Suggestion.hint(for: entry.key, in: sourceNames, what: "sources") + " (other sources are declared under sources:)")
                ok = false
            }
            guard let x = number(entry.value, path: here(), kind: .plain) else { ok = false; valuesOK = false; continue }
            guard x >= 0, x <= 1 else {
                report(entry.value.location, here(), "a share must lie in [0, 1], got \(Self.show(x))",
                       hint: "shares are fractions of the budget: 0.5, not 50")
                ok = false
                valuesOK = false
                continue
            }
            out.append(SourceFraction(entry.key, x))
        }
        if valuesOK {
            let sum = out.reduce(0) { $0 + $1.fraction }
            if abs(sum - 1) > 1e-9 {
                report(node.location, path(), "shares sum to \(Self.show(sum)), not 1",
                       hint: "the fractions by source must add up to 1 (within 1e-9)")
                ok = false
            }
        }
        return ok ? out : nil
    }

    /// Unknown successors (with a did-you-mean) and successor cycles, each cycle reported once.
    mutating func checkSuccessors(_ references: [SuccessorReference]) {
        var graph: [String: [SuccessorReference]] = [:]
        for ref in references {
            if programIDs.contains(ref.successor) {
                graph[ref.program, default: []].append(ref)
            } else {
                report(ref.node.location, ref.path, "unknown program '\(ref.successor)'",
                       hint: Suggestion.hint(for: ref.successor, in: programIDs, what: "program ids"))
            }
        }
        var state: [String: Int] = [:]            // 1 on the current path, 2 done
        func visit(_ id: String, _ path: [String], _ checker: inout ScenarioChecker) {
            state[id] = 1
            for ref in graph[id] ?? [] {
                switch state[ref.successor] {
                case 1?:
                    let full = path + [id]
                    let start = full.firstIndex(of: ref.successor) ?? full.count - 1
                    let cycle = Array(full[start...]) + [ref.successor]
                    checker.report(ref.node.location, ref.path, "successor cycle: \(cycle.joined(separator: " -> "))",
                                   hint: "a program cannot (directly or through others) be its own successor")
                case nil:
                    visit(ref.successor, path + [id], &checker)
                default:
                    break
                }
            }
            state[id] = 2
        }
        for id in graph.keys.sorted() where state[id] == nil {
            visit(id, [], &self)
        }
    }
}
