import YesanCore

/// `sources:` with caps and funds (SPEC 3.4).
extension ScenarioChecker {
    static let sourceKeys = ["cap", "cut", "fund"]
    static let fundKeys = ["balance", "contribution", "interest"]
    static let capForms = "a cap is a number (every year), { base, growth }, a map year: amount covering every horizon year, or a distribution"

    /// The sources in SPEC 3.4 order (named ones in file order, then the defaults not named);
    /// nil when one is invalid. `sourceNames` is set even then, for the checks that refer to them.
    mutating func sourceList(_ node: YAMLNode?) -> [FundingSource]? {
        let entries: [YAMLEntry]
        switch node?.value {
        case nil, .null?: entries = []
        case .mapping(let e)?: entries = e
        case let other?:
            report(node?.location, "sources", "expected a map name: { cap, cut, fund }, got \(other.described)",
                   hint: "sources:\n  시비: { cap: 1800 }")
            return nil
        }
        let named = entries.map(\.key)
        sourceNames = named + Scenario.defaultSourceNames.filter { !named.contains($0) }
        var out: [FundingSource] = []
        var ok = true
        for entry in entries {
            let path = "sources.\(entry.key)"
            guard checkIdentifier(entry.key, at: entry.keyLocation, path: path, what: "the source name") else { ok = false; continue }
            if case .null = entry.value.value { out.append(FundingSource(name: entry.key)); continue }
            let before = diagnostics.count
            guard let body = fields(entry.value, path: path, allowed: Self.sourceKeys, what: "a source",
                                    hint: "a source is { cap: …, cut: priority|prorata, fund: { balance: … } }, or {} for none") else {
                ok = false
                continue
            }
            var source = FundingSource(name: entry.key)
            if let cut = body.entry("cut")?.value {
                switch cut.value {
                case .string(let s) where CutRule(rawValue: s) != nil:
                    source.cut = CutRule(rawValue: s) ?? .priority
                default:
                    let word = if case .string(let s) = cut.value { s } else { "" }
                    report(cut.location, "\(path).cut", "expected priority or prorata, got \(cut.value.described)",
                           hint: Suggestion.closest(to: word, in: ["priority", "prorata"]).map { "did you mean '\($0)'?" }
                               ?? "priority (the default) cuts the highest priority numbers first; prorata cuts every program alike")
                }
            }
            if let capNode = body.entry("cap")?.value, capNode.value != .null {
                source.cap = cap(capNode, source: entry.key, path: "\(path).cap")
            }
            if let fundNode = body.entry("fund")?.value, fundNode.value != .null {
                fundNames.append(entry.key)
                source.fund = fund(fundNode, source: entry.key, path: "\(path).fund")
            }
            if diagnostics.count != before { ok = false }
            out.append(source)
        }
        out += Scenario.defaultSourceNames.filter { !named.contains($0) }.map { FundingSource(name: $0) }
        return ok ? out : nil
    }

    /// A cap in one of its forms (SPEC 3.4).
    mutating func cap(_ node: YAMLNode, source: String, path: String) -> Cap? {
        let identity = "source:\(source):"
        guard case .mapping(let entries) = node.value, node.entry("dist") == nil else {
            return quantity(node, path: path, identity: identity + "cap", kind: .money, range: .nonNegative, field: "a cap")
                .map { .constant($0) }
        }
        if entries.isEmpty {
            report(node.location, path, "an empty cap", hint: Self.capForms + "; cap: null for none")
            return nil
        }
        if entries.allSatisfy({ $0.key.allSatisfy { $0.isASCII && $0.isNumber } }) {
            var amounts: [Int: YAMLNode] = [:]
            for entry in entries {
                guard entry.key.count <= 4, let y = Int(entry.key), y >= 1000 else {
                    report(entry.keyLocation, "\(path).\(entry.key)", "expected a year such as 2025, got '\(entry.key)'")
                    return nil
                }
                amounts[y] = entry.value
            }
            guard let horizon else { return nil }
            let missing = horizon.filter { amounts[$0] == nil }
            if !missing.isEmpty {
                report(node.location, path, "a cap by year needs every horizon year (\(horizonText)); missing \(Self.yearsText(missing))",
                       hint: "add an amount for each missing year (years outside the horizon are ignored)")
                return nil
            }
            var out: [Quantity] = []
            for y in horizon {
                guard let value = amounts[y],
                      let q = quantity(value, path: "\(path).\(y)", identity: identity + "cap.\(y)", kind: .money,
                                       range: .nonNegative, field: "a cap") else { continue }
                out.append(q)
            }
            return out.count == horizon.count ? .byYear(out) : nil
        }
        guard fields(node, path: path, allowed: ["base", "growth"], what: "a cap { base, growth }", hint: Self.capForms) != nil else {
            return nil
        }
        guard entries.allSatisfy({ ["base", "growth"].contains($0.key) }) else { return nil }
        guard let baseNode = node.entry("base")?.value else {
            report(node.location, path, "a cap { base, growth } needs base (the cap in the first horizon year)",
                   hint: "e.g. cap: { base: 1800, growth: 0.02 }")
            return nil
        }
        let base = quantity(baseNode, path: "\(path).base", identity: identity + "cap.base", kind: .money,
                            range: .nonNegative, field: "a cap")
        var growth = Quantity.zero
        if let g = node.entry("growth")?.value {
            guard let q = quantity(g, path: "\(path).growth", identity: identity + "cap.growth", kind: .rate,
                                   range: .growth, field: "a cap's growth") else { return nil }
            growth = q
        }
        return base.map { .compounding(base: $0, growth: growth) }
    }

    /// A fund: balance (required), contribution and interest (SPEC 3.4).
    mutating func fund(_ node: YAMLNode, source: String, path: String) -> Fund? {
        guard fields(node, path: path, allowed: Self.fundKeys, what: "a fund",
                     hint: "fund: { balance: 3000, contribution: 500, interest: 0.02 }") != nil else { return nil }
        let identity = "source:\(source):fund."
        guard let balanceNode = node.entry("balance")?.value else {
            report(node.location, path, "a fund needs balance (at the start of the first horizon year)",
                   hint: "e.g. fund: { balance: 3000, contribution: 500, interest: 0.02 }")
            return nil
        }
        let balance = quantity(balanceNode, path: "\(path).balance", identity: identity + "balance", kind: .money,
                               range: .nonNegative, field: "a fund balance")
        var contribution = Quantity.zero, interest = Quantity.zero
        var ok = balance != nil
        if let n = node.entry("contribution")?.value {
            if let q = quantity(n, path: "\(path).contribution", identity: identity + "contribution", kind: .money,
                                range: .nonNegative, field: "a fund contribution") { contribution = q } else { ok = false }
        }
        if let n = node.entry("interest")?.value {
            if let q = quantity(n, path: "\(path).interest", identity: identity + "interest", kind: .rate,
                                range: .growth, field: "an interest rate") { interest = q } else { ok = false }
        }
        guard ok, let balance else { return nil }
        return Fund(balance: balance, contribution: contribution, interest: interest)
    }

    /// `2025, 2027..2029` for a sorted list of years.
    static func yearsText(_ years: [Int]) -> String {
        var parts: [String] = []
        var i = 0
        while i < years.count {
            var j = i
            while j + 1 < years.count, years[j + 1] == years[j] + 1 { j += 1 }
            parts.append(j == i ? "\(years[i])" : "\(years[i])..\(years[j])")
            i = j + 1
        }
        return parts.joined(separator: ", ")
    }
}
