import YesanCore

/// A program's `events:` (SPEC 3.5).
extension ScenarioChecker {
    static let eventKeys = ["year", "probability", "cut", "absorb", "shares", "scale", "terminate", "successor"]
    static let eventActions = ["cut", "shares", "scale", "terminate"]

    /// The events of program `program`, in file order (index i gives `program:<id>:event:<i>`).
    mutating func eventList(_ node: YAMLNode, path: String, program: String,
                            successors: inout [SuccessorReference]) -> [Event] {
        if case .null = node.value { return [] }
        guard case .sequence(let items) = node.value else {
            report(node.location, path, "expected a list of events, got \(node.value.described)",
                   hint: "events:\n  - { year: 2025, cut: { 국비: 1.0 }, absorb: { 시비: 0.35 } }")
            return []
        }
        var out: [Event] = []
        for (i, item) in items.enumerated() {
            if let e = event(item, path: "\(path)[\(i)]", identity: "program:\(program):event:\(i)", program: program,
                             successors: &successors) {
                out.append(e)
            }
        }
        return out
    }

    /// One event; nil when invalid (each problem reported).
    mutating func event(_ node: YAMLNode, path: String, identity: String, program: String,
                        successors: inout [SuccessorReference]) -> Event? {
        let before = diagnostics.count
        guard fields(node, path: path, allowed: Self.eventKeys, what: "an event",
                     hint: "an event is { year, cut (+ absorb) | shares | scale | terminate (+ successor), probability }") != nil else {
            return nil
        }
        let actions = Self.eventActions.filter { node.entry($0) != nil }
        if actions.count != 1 {
            report(node.location, path,
                   actions.isEmpty ? "an event needs one of cut, shares, scale or terminate"
                                   : "an event does exactly one thing; this one has \(actions.joined(separator: ", "))",
                   hint: "split it into several events with the same year")
        }
        if let absorb = node.entry("absorb"), node.entry("cut") == nil {
            report(absorb.keyLocation, "\(path).absorb", "absorb goes only with cut", hint: "absorb says who replaces what a cut removes")
        }
        if let successor = node.entry("successor"), node.entry("terminate") == nil {
            report(successor.keyLocation, "\(path).successor", "successor goes only with terminate",
                   hint: "write terminate: true, successor: <program id>")
        }
        // Year: fixed, or drawn once per trial from integer years inside the horizon.
        var year: EventYear?
        if let n = node.entry("year")?.value {
            year = eventYear(n, path: "\(path).year")
        } else {
            report(node.location, path, "an event needs a year",
                   hint: "year: 2026, or a drawn year: { dist: uniform, min: 2026, max: 2027 }")
        }
        var probability = 1.0
        if let n = node.entry("probability")?.value, let p = number(n, path: "\(path).probability", kind: .plain) {
            if p >= 0, p <= 1 { probability = p } else {
                report(n.location, "\(path).probability", "a probability must lie in [0, 1], got \(Self.show(p))",
                       hint: "0.3 means the event happens in 30 % of the trials")
            }
        }
        var action: EventAction?
        if actions.count == 1 {
            switch actions[0] {
            case "cut":
                let cut = fractions(node.entry("cut")?.value, path: "\(path).cut", identity: identity + ":cut.", field: "a cut fraction")
                var absorb: [SourceQuantity]? = []
                if let n = node.entry("absorb")?.value {
                    absorb = fractions(n, path: "\(path).absorb", identity: identity + ":absorb.", field: "an absorb fraction")
                    if let absorb {
                        var most = 0.0
                        for a in absorb { most += support(of: a.fraction)?.upper ?? 0 }
                        if most > 1 + 1e-9 {
                            report(n.location, "\(path).absorb",
                                   "the absorb fractions can sum to \(Self.show(most)) > 1 (the sum of their largest possible values)",
                                   hint: "absorbing sources replace at most all of what is cut: lower them, or clip their distributions")
                        }
                    }
                }
                if let cut, let absorb { action = .cut(cut, absorb: absorb) }
            case "shares":
                if let n = node.entry("shares")?.value, let s = shareMap(n, path: "\(path).shares") { action = .shares(s) }
            case "scale":
                if let n = node.entry("scale")?.value,
                   let q = quantity(n, path: "\(path).scale", identity: identity + ":scale", kind: .rate,
                                    range: .nonNegative, field: "scale") {
                    action = .scale(q)
                }
            default:
                if let n = node.entry("terminate")?.value, n.value != .bool(true) {
                    report(n.location, "\(path).terminate", "expected terminate: true, got \(n.value.described)",
                           hint: "leave the event out rather than writing terminate: false")
                }
                var successor: String?
                if let n = node.entry("successor")?.value {
                    if case .string(let s) = n.value {
                        successor = s
                        successors.append(SuccessorReference(program: program, successor: s, node: n, path: "\(path).successor"))
                    } else if n.value != .null {
                        report(n.location, "\(path).successor", "expected a program id, got \(n.value.described)",
                               hint: Suggestion.hint(for: "", in: programIDs, what: "program ids"))
                    }
                }
                action = .terminate(successor: successor)
            }
        }
        guard diagnostics.count == before, let year, let action else { return nil }
        return Event(identity: identity, year: year, probability: probability, action: action)
    }

    /// `cut:` or `absorb:`: source → fraction in [0, 1] (any value form of SPEC 3.1).
    mutating func fractions(_ node: YAMLNode?, path: @autoclosure () -> String, identity: String, field: String) -> [SourceQuantity]? {
        guard let node, case .mapping(let entries) = node.value, !entries.isEmpty else {
            report(node?.location, path(), "expected a map source: fraction, got \(node?.value.described ?? "nothing")",
                   hint: "e.g. { 국비: 1.0 } (fractions of each source's contribution)")
            return nil
        }
        var out: [SourceQuantity] = []
        var ok = true
        for entry in entries {
            func here() -> String { "\(path()).\(entry.key)" }
            if !sourceNames.contains(entry.key) {
                report(entry.keyLocation, here(), "unknown source '\(entry.key)'",
                       hint: Suggestion.hint(for: entry.key, in: sourceNames, what: "sources"))
                ok = false
                continue
            }
            guard let q = quantity(entry.value, path: here(), identity: identity + entry.key, kind: .rate,
                                   range: .fraction, field: field) else { ok = false; continue }
            out.append(SourceQuantity(entry.key, q))
        }
        return ok ? out : nil
    }

    /// An event's year: a horizon year, or discrete/uniform/fixed over whole years, every one of
    /// which lies in the horizon; drawn once per trial, never clipped.
    mutating func eventYear(_ node: YAMLNode, path: @autoclosure () -> String) -> EventYear? {
        let hint = "year: 2026, or a drawn year: { dist: uniform, min: 2026, max: 2027 } or { dist: discrete, values: [2026, 2028] }"
        switch node.value {
        case .int(let y):
            guard (1000...9999).contains(y) else {
                report(node.location, path(), "expected a year such as 2026, got \(y)", hint: hint)
                return nil
            }
            return insideHorizon([y], node: node, path: path()) ? .fixed(y) : nil
        case .mapping:
            guard let p = distributionParameters(node, path: path(), valueKind: .plain, families: ["discrete", "uniform", "fixed"]) else {
                return nil
            }
            var ok = true
            for key in ["clip", "rho"] {
                if let e = node.entry(key) {
                    report(e.keyLocation, "\(path()).\(key)", "a drawn year takes no \(key)", hint: "list the possible years with discrete instead")
                    ok = false
                }
            }
            if let per = node.entry("per"), per.value.value != .string("trial") {
                report(per.value.location, "\(path()).per", "a drawn year is drawn once per trial", hint: "leave per out")
                ok = false
            }
            var numbers = p.lists["values"] ?? []
            if let v = p.scalars["value"] { numbers = [v] }
            if let lo = p.scalars["min"], let hi = p.scalars["max"] { numbers = [lo, hi] }
            for x in numbers where !(x == x.rounded() && x >= 1000 && x <= 9999) {
                report(node.location, path(), "years are whole numbers such as 2026, got \(Self.show(x))", hint: hint)
                return nil
            }
            guard ok else { return nil }
            let years = numbers.map { Int($0) }
            switch p.name {
            case "fixed":
                return insideHorizon(years, node: node, path: path()) ? .fixed(years[0]) : nil
            case "uniform":
                guard years[0] < years[1] else {
                    report(p.location("max"), "\(path()).max", "max must be above min", hint: "or write the year itself: year: \(years[0])")
                    return nil
                }
                guard insideHorizon(Array(years[0]...years[1]), node: node, path: path()) else { return nil }
                do { return .drawn(try .integerUniform(min: years[0], max: years[1])) } catch {
                    report(node.location, "\(path()).\(error.parameter)", error.message)
                    return nil
                }
            default:
                let weights = p.lists["weights"]
                let possible = weights.map { w in zip(years, w).filter { $0.1 > 0 }.map(\.0) } ?? years
                do {
                    let d = try Distribution.discrete(values: numbers, weights: weights)
                    return insideHorizon(possible, node: node, path: path()) ? .drawn(d) : nil
                } catch {
                    report(p.location(error.parameter), "\(path()).\(error.parameter)", "discrete: \(error.message)",
                           hint: Self.parameterHint("discrete", error.parameter))
                    return nil
                }
            }
        default:
            report(node.location, path(), "expected a year or a drawn year, got \(node.value.described)", hint: hint)
            return nil
        }
    }

    /// Whether every possible year lies in the horizon (reported if not; SPEC 11).
    mutating func insideHorizon(_ years: [Int], node: YAMLNode, path: @autoclosure () -> String) -> Bool {
        guard let horizon else { return false }
        let outside = Array(Set(years.filter { !horizon.contains($0) })).sorted()
        guard outside.isEmpty else {
            let what = years.count == 1 ? "year \(outside[0]) is" : "possible years \(Self.yearsText(outside)) are"
            report(node.location, path(), "\(what) outside the horizon \(horizonText)",
                   hint: "every year an event can fire must lie in years: \(horizonText)")
            return false
        }
        return true
    }
}
