import YesanCore

/// `drivers:` and `correlations:` (SPEC 3, 3.3).
extension ScenarioChecker {
    /// The valid drivers, in file order; every declared name is remembered so that a use of an
    /// invalid driver is not reported a second time.
    mutating func driverMap(_ node: YAMLNode) -> [Driver] {
        if case .null = node.value { return [] }
        guard case .mapping(let entries) = node.value else {
            report(node.location, "drivers", "expected a map name: distribution, got \(node.value.described)",
                   hint: "drivers:\n  임금상승률: { dist: normal, mean: 0.035, sd: 0.01, per: year }")
            return []
        }
        declaredDrivers = entries.map(\.key)
        var out: [Driver] = []
        for entry in entries {
            let path = "drivers.\(entry.key)"
            guard checkIdentifier(entry.key, at: entry.keyLocation, path: path, what: "the driver name") else { continue }
            guard case .mapping = entry.value.value, entry.value.entry("dist") != nil else {
                report(entry.value.location, path, "a driver is a distribution { dist: … }, got \(entry.value.value.described)",
                       hint: "e.g. { dist: normal, mean: 0.035, sd: 0.01, per: year }")
                continue
            }
            guard let parsed = distribution(entry.value, path: path, valueKind: .rate) else { continue }
            let driver = Driver(name: entry.key, distribution: parsed.distribution, recurrence: parsed.recurrence)
            drivers[entry.key] = driver
            out.append(driver)
        }
        return out
    }

    /// `correlations: [[a, b, r], …]` between known drivers with the same `per`, |r| < 1, each pair once.
    mutating func correlationList(_ node: YAMLNode) -> [DriverCorrelation] {
        if case .null = node.value { return [] }
        guard case .sequence(let items) = node.value else {
            report(node.location, "correlations", "expected a list of [driver, driver, r], got \(node.value.described)",
                   hint: "correlations:\n  - [임금상승률, 물가상승률, 0.6]")
            return []
        }
        var out: [DriverCorrelation] = []
        var seen: [Set<String>: Int] = [:]
        for (i, item) in items.enumerated() {
            let path = "correlations[\(i)]"
            guard case .sequence(let triple) = item.value, triple.count == 3 else {
                report(item.location, path, "expected [driver, driver, r], got \(item.value.described)",
                       hint: "e.g. [임금상승률, 물가상승률, 0.6]")
                continue
            }
            var names: [String] = []
            var ok = true
            for node in triple.prefix(2) {
                guard case .string(let name) = node.value else {
                    report(node.location, path, "expected a driver name, got \(node.value.described)",
                           hint: Suggestion.hint(for: "", in: declaredDrivers, what: "drivers"))
                    ok = false
                    continue
                }
                let bare = name.hasPrefix("$") ? String(name.dropFirst()) : name
                if !declaredDrivers.contains(bare) {
                    report(node.location, path, "unknown driver '\(name)'", hint: Suggestion.hint(for: bare, in: declaredDrivers, what: "drivers"))
                    ok = false
                } else if drivers[bare] == nil {
                    ok = false                       // invalid driver: reported at its declaration
                }
                names.append(bare)
            }
            let r = number(triple[2], path: path, kind: .plain)
            if let r, !(r > -1 && r < 1) {
                report(triple[2].location, path, "a correlation must lie strictly between -1 and 1, got \(Self.show(r))",
                       hint: "-1 < r < 1; two drivers that move together exactly are one driver")
                ok = false
            }
            guard ok, let r, names.count == 2 else { continue }
            let (a, b) = (names[0], names[1])
            if a == b {
                report(triple[1].location, path, "a driver cannot be correlated with itself ('\(a)')", hint: "name two different drivers")
                continue
            }
            if let da = drivers[a], let db = drivers[b], da.recurrence.isPerYear != db.recurrence.isPerYear {
                let per = { (d: Driver) in d.recurrence.isPerYear ? "per: year" : "per: trial" }
                report(item.location, path, "\(a) is drawn \(per(da)) and \(b) \(per(db)); correlated drivers need the same per",
                       hint: "give both the same per")
                continue
            }
            if let first = seen[[a, b]] {
                report(item.location, path, "the pair \(a), \(b) is already correlated in correlations[\(first)]", hint: "give each pair once")
                continue
            }
            seen[[a, b]] = i
            out.append(DriverCorrelation(a, b, r))
        }
        return out
    }
}
