import YesanCore

/// A distribution read from a scenario, with its recurrence and the family name as written.
struct ParsedDistribution: Sendable {
    let distribution: Distribution
    let recurrence: Recurrence
    let name: String
}

/// A distribution's parameters, read but not yet combined into a `Distribution`.
struct DistributionParameters {
    let name: String
    let node: YAMLNode
    var scalars = ParameterValues<Double>()
    var lists = ParameterValues<[Double]>()

    /// Where `key` was written (the map itself when absent).
    func location(_ key: String) -> SourceLocation { node.entry(key)?.value.location ?? node.location }
}

/// A distribution's values by parameter name: at most a handful, kept in a list (cheaper than
/// hashing each name into a dictionary).
struct ParameterValues<Value> {
    private var items: [(key: String, value: Value)] = []

    subscript(key: String) -> Value? {
        get {
            for item in items where item.key == key { return item.value }
            return nil
        }
        set {
            if let i = items.firstIndex(where: { $0.key == key }) {
                if let newValue { items[i].value = newValue } else { items.remove(at: i) }
            } else if let newValue {
                items.append((key, newValue))
            }
        }
    }
}

/// Inline distributions and drivers (SPEC 3.2).
extension ScenarioChecker {
    /// The families and their parameterisations (required keys), SPEC 3.2.
    static let distributionForms: [(name: String, forms: [[String]], optional: [String])] = [
        ("fixed", [["value"]], []),
        ("normal", [["mean", "sd"], ["ci90"]], []),
        ("lognormal", [["mu", "sigma"], ["mean", "sd"], ["ci90"]], []),
        ("uniform", [["min", "max"]], []),
        ("triangular", [["min", "mode", "max"]], []),
        ("pert", [["min", "mode", "max"]], ["lambda"]),
        ("beta", [["alpha", "beta"], ["mean", "sd"]], []),
        ("gamma", [["shape", "scale"], ["mean", "sd"]], []),
        ("bernoulli", [["p"]], []),
        ("discrete", [["values"]], ["weights"]),
    ]
    /// A family of `distributionForms` with the sets its checks use, built once.
    struct FamilySpec {
        let forms: [[String]]
        let optional: [String]
        /// Every parameter of the family.
        let parameters: Set<String>
        /// Every key a distribution of the family may have, in the order of messages.
        let allowed: [String]
        /// The parameters in a fixed order.
        let parameterList: [String]
        /// Each form's required keys, and those plus the optional ones, as bit masks over
        /// `parameterList`.
        let requiredMasks: [UInt32]
        let permittedMasks: [UInt32]

        init(forms: [[String]], optional: [String]) {
            self.forms = forms
            self.optional = optional
            parameters = Set(forms.joined()).union(optional)
            allowed = ["dist", "clip", "per", "rho"] + forms.joined() + optional
            let required = forms.map { Set($0) }
            let permitted = forms.map { Set($0).union(optional) }
            let list = parameters.sorted()
            func mask(_ keys: Set<String>) -> UInt32 {
                keys.reduce(0) { $0 | 1 << UInt32(list.firstIndex(of: $1) ?? 0) }
            }
            parameterList = list
            requiredMasks = required.map(mask)
            permittedMasks = permitted.map(mask)
        }

        /// The bit of each entry of `node` that is a parameter (keys are distinct).
        func mask(_ node: YAMLNode) -> UInt32 {
            var given: UInt32 = 0
            for entry in node.entries {
                if let i = parameterList.firstIndex(of: entry.key) { given |= 1 << UInt32(i) }
            }
            return given
        }
    }
    /// The families by name.
    static let familySpecs: [String: FamilySpec] = Dictionary(uniqueKeysWithValues: distributionForms.map { family in
        (family.name, FamilySpec(forms: family.forms, optional: family.optional))
    })
    /// Every family name, in `distributionForms` order.
    static let familyNames = distributionForms.map(\.name)
    /// Parameters in the field's unit: money literals allowed on money fields (SPEC 3.1).
    static let locationScaleParameters: Set<String> = ["value", "mean", "sd", "ci90", "min", "mode", "max", "scale", "values", "clip"]

    /// `{mean, sd} or {ci90}` for messages.
    static func formsText(_ forms: [[String]], optional: [String]) -> String {
        forms.map { "{" + ($0 + optional.map { "\($0) (optional)" }).joined(separator: ", ") + "}" }.joined(separator: " or ")
    }

    /// Reads the family and its parameters; nil (reported) when the family is unknown, keys are
    /// unknown, the parameterisation is incomplete or a value is not a number.
    mutating func distributionParameters(_ node: YAMLNode, path: @autoclosure () -> String, valueKind: NumberKind,
                                         families: [String]) -> DistributionParameters? {
        guard let distEntry = node.entry("dist") else {
            report(node.location, path(), "a distribution needs dist:", hint: "one of \(families.joined(separator: ", "))")
            return nil
        }
        guard case .string(let name) = distEntry.value.value else {
            report(distEntry.value.location, Self.join(path(), "dist"), "expected a distribution name, got \(distEntry.value.value.described)",
                   hint: "one of \(families.joined(separator: ", "))")
            return nil
        }
        guard families.contains(name), let spec = Self.familySpecs[name] else {
            if Self.familySpecs[name] != nil {
                report(distEntry.value.location, Self.join(path(), "dist"), "a drawn year cannot be \(name)",
                       hint: "use discrete (values: [2026, 2027]) or uniform (min: 2026, max: 2028) over whole years")
            } else {
                report(distEntry.value.location, Self.join(path(), "dist"), "unknown distribution '\(name)'",
                       hint: Suggestion.hint(for: name, in: families, what: "distributions"))
            }
            return nil
        }
        let parameters = spec.parameters
        let allowed = spec.allowed
        var ok = true
        for entry in node.entries where !allowed.contains(entry.key) {
            let close = Suggestion.closest(to: entry.key, in: allowed)
            report(entry.keyLocation, Self.join(path(), entry.key), "unknown key '\(entry.key)' for a \(name) distribution",
                   hint: (close.map { "did you mean '\($0)'? " } ?? "") + "\(name) takes \(Self.formsText(spec.forms, optional: spec.optional))")
            ok = false
        }
        guard ok else { return nil }
        // Some form's keys all given, and nothing else but its optional keys.
        let mask = spec.mask(node)
        guard spec.requiredMasks.indices.contains(where: {
            spec.requiredMasks[$0] & ~mask == 0 && mask & ~spec.permittedMasks[$0] == 0
        }) else {
            let given = node.entries.map(\.key).filter { parameters.contains($0) }
            let givenSet = Set(given)
            var hint = "use one parameterisation"
            if let form = spec.forms.first(where: { givenSet.isSubset(of: Set($0).union(spec.optional)) }) {
                hint = "add " + form.filter { !givenSet.contains($0) }.joined(separator: ", ")
            }
            report(node.location, path(), "\(name) takes \(Self.formsText(spec.forms, optional: spec.optional)), got {\(given.joined(separator: ", "))}",
                   hint: hint)
            return nil
        }
        var result = DistributionParameters(name: name, node: node)
        for entry in node.entries where spec.parameterList.contains(entry.key) {     // the given ones, in order
            let key = entry.key, value = entry.value
            let kind: NumberKind = Self.locationScaleParameters.contains(key) ? valueKind : (key == "weights" ? .plain : .rate)
            func here() -> String { Self.join(path(), key) }
            switch key {
            case "ci90":
                guard case .sequence(let items) = value.value, items.count == 2 else {
                    report(value.location, here(), "expected [lo, hi], got \(value.value.described)", hint: "ci90: [0.85, 0.95] (the 5 % and 95 % quantiles)")
                    ok = false
                    continue
                }
                let pair = items.map { number($0, path: here(), kind: kind) }
                if let lo = pair[0], let hi = pair[1] { result.lists[key] = [lo, hi] } else { ok = false }
            case "values", "weights":
                guard case .sequence(let items) = value.value, !items.isEmpty else {
                    report(value.location, here(), "expected a non-empty list of numbers, got \(value.value.described)")
                    ok = false
                    continue
                }
                let numbers = items.map { number($0, path: here(), kind: kind) }
                if numbers.allSatisfy({ $0 != nil }) { result.lists[key] = numbers.compactMap { $0 } } else { ok = false }
            default:
                if let x = number(value, path: here(), kind: kind) { result.scalars[key] = x } else { ok = false }
            }
        }
        return ok ? result : nil
    }

    /// An inline distribution or a driver: family, parameters, clip, per and rho (SPEC 3.2).
    /// - Parameter valueKind: how the location and scale parameters are read (money literals on
    ///   money fields; drivers pass `.rate`: plain numbers or percentages).
    mutating func distribution(_ node: YAMLNode, path: @autoclosure () -> String, valueKind: NumberKind) -> ParsedDistribution? {
        let parameters = distributionParameters(node, path: path(), valueKind: valueKind, families: Self.familyNames)
        var ok = parameters != nil
        var recurrence = Recurrence.perTrial
        var perYear = false
        if let per = node.entry("per") {
            switch per.value.value {
            case .string("trial"): break
            case .string("year"): perYear = true
            default:
                let word = if case .string(let s) = per.value.value { s } else { "" }
                report(per.value.location, Self.join(path(), "per"), "expected per: trial or per: year, got \(per.value.value.described)",
                       hint: Suggestion.closest(to: word, in: ["trial", "year"]).map { "did you mean '\($0)'?" } ?? "trial (the default) draws once per trial, year draws every horizon year")
                ok = false
            }
        }
        var rho = 0.0
        if let entry = node.entry("rho") {
            if let r = number(entry.value, path: Self.join(path(), "rho"), kind: .rate) {
                if !(r >= 0 && r < 1) {
                    report(entry.value.location, Self.join(path(), "rho"), "rho must lie in [0, 1), got \(Self.show(r))",
                           hint: "rho is the year-to-year correlation of the latent normal, e.g. 0.5")
                    ok = false
                } else if !perYear {
                    report(entry.value.location, Self.join(path(), "rho"), "rho needs per: year",
                           hint: "add per: year (rho links a quantity's draws from year to year)")
                    ok = false
                }
                rho = r
            } else {
                ok = false
            }
        }
        if perYear { recurrence = .perYear(rho: rho) }
        var clip: (Double?, Double?) = (nil, nil)
        if let entry = node.entry("clip") {
            if case .sequence(let items) = entry.value.value, items.count == 2 {
                func here() -> String { Self.join(path(), "clip") }
                var bounds: [Double?] = []
                var clipOK = true
                for item in items {
                    if case .null = item.value { bounds.append(nil) }
                    else if let x = number(item, path: here(), kind: valueKind) { bounds.append(x) }
                    else { clipOK = false }
                }
                if clipOK { clip = (bounds[0], bounds[1]) } else { ok = false }
            } else {
                report(entry.value.location, Self.join(path(), "clip"), "expected [lo, hi], got \(entry.value.value.described)",
                       hint: "clip: [0.5, 1]; null leaves a side open: clip: [0, null]")
                ok = false
            }
        }
        guard ok, let p = parameters else { return nil }
        do {
            var d = try build(p)
            if clip.0 != nil || clip.1 != nil { d = try d.clipped(lower: clip.0, upper: clip.1) }
            return ParsedDistribution(distribution: d, recurrence: recurrence, name: p.name)
        } catch {
            let key = error.parameter
            let location = key == "clip" ? (node.entry("clip")?.value.location ?? node.location) : p.location(key)
            report(location, Self.join(path(), key), "\(p.name): \(error.message)", hint: Self.parameterHint(p.name, key))
            return nil
        }
    }

    /// The `Distribution` of checked parameters (the factories check the values).
    func build(_ p: DistributionParameters) throws(DistributionError) -> Distribution {
        let s = p.scalars
        func v(_ k: String) -> Double { s[k] ?? .nan }
        switch p.name {
        case "fixed": return try .fixed(v("value"))
        case "normal":
            if let ci = p.lists["ci90"] { return try .normal(ci90: ci[0], ci[1]) }
            return try .normal(mean: v("mean"), sd: v("sd"))
        case "lognormal":
            if let ci = p.lists["ci90"] { return try .lognormal(ci90: ci[0], ci[1]) }
            if s["mu"] != nil { return try .lognormal(mu: v("mu"), sigma: v("sigma")) }
            return try .lognormal(mean: v("mean"), sd: v("sd"))
        case "uniform": return try .uniform(min: v("min"), max: v("max"))
        case "triangular": return try .triangular(min: v("min"), mode: v("mode"), max: v("max"))
        case "pert": return try .pert(min: v("min"), mode: v("mode"), max: v("max"), lambda: s["lambda"] ?? 4)
        case "beta":
            if s["alpha"] != nil { return try .beta(alpha: v("alpha"), beta: v("beta")) }
            return try .beta(mean: v("mean"), sd: v("sd"))
        case "gamma":
            if s["shape"] != nil { return try .gamma(shape: v("shape"), scale: v("scale")) }
            return try .gamma(mean: v("mean"), sd: v("sd"))
        case "bernoulli": return try .bernoulli(p: v("p"))
        default: return try .discrete(values: p.lists["values"] ?? [], weights: p.lists["weights"])
        }
    }

    /// Advice for an invalid parameter.
    static func parameterHint(_ family: String, _ key: String) -> String {
        switch (family, key) {
        case ("beta", _): "a beta needs 0 < mean < 1 and sd below sqrt(mean·(1 − mean)); or give alpha and beta"
        case (_, "sd"), (_, "sigma"): "a spread must be above 0"
        case (_, "ci90"): "ci90: [lo, hi] with lo < hi (lognormal: 0 < lo)"
        case (_, "max"), (_, "min"), (_, "mode"): "min < max, and min ≤ mode ≤ max"
        case (_, "weights"): "one weight ≥ 0 per value, not all zero"
        case (_, "clip"): "clip: [lo, hi] with lo ≤ hi; null leaves a side open"
        default: ""
        }
    }
}
