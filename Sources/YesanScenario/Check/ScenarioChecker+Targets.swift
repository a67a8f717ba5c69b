import YesanCore

/// `targets:` (SPEC 3, 6).
extension ScenarioChecker {
    static let targetKeys = ["name", "metric", "where", "year", "at_least", "at_most"]
    static let baseMetrics = ["requested", "budget", "spend", "cut", "participants", "placements", "cost_per_placement"]
    static let sourceMetrics = ["requested", "budget", "spend", "shortfall"]
    static let breakdownMetrics = ["budget", "spend", "participants", "placements"]

    /// Every metric name a target may use (SPEC 6), program breakdowns included.
    var metricNames: [String] {
        var names = Self.baseMetrics
        for m in Self.sourceMetrics { names += sourceNames.map { "\(m).\($0)" } }
        for f in fundNames { names += ["fund.\(f).balance", "fund.\(f).depleted"] }
        for m in Self.breakdownMetrics {
            names += categories.map { "\(m).category.\($0)" }
            names += groups.map { "\(m).group.\($0)" }
            names += programIDs.map { "\(m).program.\($0)" }
        }
        return names
    }

    /// Whether a metric is an amount of money (bounds may then be money literals).
    static func isMoneyMetric(_ metric: String) -> Bool {
        let head = metric.split(separator: ".").first.map(String.init) ?? metric
        return ["requested", "budget", "spend", "shortfall", "cut", "cost_per_placement"].contains(head)
            || (head == "fund" && metric.hasSuffix(".balance"))
    }

    mutating func targetList(_ node: YAMLNode) -> [Target] {
        if case .null = node.value { return [] }
        guard case .sequence(let items) = node.value else {
            report(node.location, "targets", "expected a list of targets, got \(node.value.described)",
                   hint: "targets:\n  - { name: 직접일자리 목표, metric: participants, year: 2025, at_least: 6304 }")
            return []
        }
        var out: [Target] = []
        var names: [String: SourceLocation] = [:]
        let metrics = metricNames            // 1,100-odd names for 200 programs: built once
        for (i, item) in items.enumerated() {
            let path = "targets[\(i)]"
            guard let t = target(item, path: path, metricNames: metrics) else { continue }
            if let first = names[t.name] {
                report(item.entry("name")?.value.location ?? item.location, "\(path).name",
                       "target name '\(t.name)' is already used (first at \(first))", hint: "target names must be unique")
                continue
            }
            names[t.name] = item.entry("name")?.value.location ?? item.location
            out.append(t)
        }
        return out
    }

    /// One target; `metricNames` is `self.metricNames`.
    mutating func target(_ node: YAMLNode, path: String, metricNames: [String]) -> Target? {
        let before = diagnostics.count
        guard fields(node, path: path, allowed: Self.targetKeys, what: "a target",
                     hint: "a target is { name, metric, where, year, at_least, at_most }") != nil else { return nil }
        var name: String?
        if let n = node.entry("name")?.value {
            name = identifier(n, path: "\(path).name", what: "the target name")
        } else {
            report(node.location, path, "a target needs a name", hint: "it names the output metric target.<name>")
        }
        var filter: TargetFilter?
        if let n = node.entry("where")?.value, n.value != .null {
            filter = targetFilter(n, path: "\(path).where")
        }
        var metric: String?
        if let n = node.entry("metric")?.value {
            if case .string(let m) = n.value {
                if node.entry("where") != nil && node.entry("where")?.value.value != .null {
                    if Self.breakdownMetrics.contains(m) { metric = m } else {
                        report(n.location, "\(path).metric", "with where:, the metric is one of \(Self.breakdownMetrics.joined(separator: ", ")), got '\(m)'",
                               hint: Suggestion.closest(to: m, in: Self.breakdownMetrics).map { "did you mean '\($0)'?" }
                                   ?? "where: restricts a breakdown metric to matching programs")
                    }
                } else if metricNames.contains(m) {
                    metric = m
                } else {
                    report(n.location, "\(path).metric", "unknown metric '\(m)'",
                           hint: Suggestion.closest(to: m, in: metricNames).map { "did you mean '\($0)'?" }
                               ?? "e.g. participants, budget.시비, spend.category.직접일자리, fund.<name>.balance, shortfall.<source>")
                }
            } else {
                report(n.location, "\(path).metric", "expected a metric name, got \(n.value.described)")
            }
        } else {
            report(node.location, path, "a target needs a metric", hint: "e.g. metric: participants")
        }
        var year: Int??
        if let n = node.entry("year")?.value {
            if n.value == .string("total") {
                year = .some(nil)
            } else if case .int(let y) = n.value, let horizon, horizon.contains(y) {
                year = .some(y)
            } else if horizon != nil {
                report(n.location, "\(path).year", "expected a horizon year (\(horizonText)) or total, got \(n.value.described)",
                       hint: "a target is checked in its own year, or on the sum over the horizon with year: total")
            }
        } else {
            report(node.location, path, "a target needs a year", hint: "a horizon year (\(horizonText)) or total")
        }
        let kind: NumberKind = metric.map { Self.isMoneyMetric($0) } == true ? .money : .plain
        var atLeast: Double?, atMost: Double?
        if let n = node.entry("at_least")?.value { atLeast = number(n, path: "\(path).at_least", kind: kind) }
        if let n = node.entry("at_most")?.value { atMost = number(n, path: "\(path).at_most", kind: kind) }
        if node.entry("at_least") == nil && node.entry("at_most") == nil {
            report(node.location, path, "a target needs at_least or at_most (or both)", hint: "e.g. at_least: 6304")
        }
        if let lo = atLeast, let hi = atMost, lo > hi {
            report(node.entry("at_most")?.value.location, "\(path).at_most",
                   "at_most \(Self.show(hi)) is below at_least \(Self.show(lo)): the target can never be met",
                   hint: "swap them, or check the amounts")
        }
        guard diagnostics.count == before, let name, let metric, let year else { return nil }
        return Target(name: name, metric: metric, filter: filter, year: year, atLeast: atLeast, atMost: atMost)
    }

    /// `where: { category, group, program }`, each a label or a list of labels, all known.
    mutating func targetFilter(_ node: YAMLNode, path: String) -> TargetFilter? {
        guard fields(node, path: path, allowed: ["category", "group", "program"], what: "a target filter",
                     hint: "where: { category: 직접일자리, group: [청년, 중장년] }") != nil else { return nil }
        var filter = TargetFilter()
        func list(_ key: String, _ choices: [String], _ what: String, _ checker: inout ScenarioChecker) -> [String]? {
            guard let n = node.entry(key)?.value else { return nil }
            let items: [YAMLNode]
            if case .sequence(let s) = n.value { items = s } else { items = [n] }
            var out: [String] = []
            for (i, item) in items.enumerated() {
                let here = items.count == 1 && n.value != .sequence(items) ? "\(path).\(key)" : "\(path).\(key)[\(i)]"
                if let c = checker.choice(item, path: here, in: choices, what: what) { out.append(c) }
            }
            return out
        }
        filter.categories = list("category", categories, "category", &self)
        filter.groups = list("group", groups, "group", &self)
        filter.programs = list("program", programIDs, "program", &self)
        return filter
    }
}
