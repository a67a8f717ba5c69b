import Foundation
import YesanCore

/// Builds the checked `Scenario` from a merged document, collecting every problem (SPEC 3, 11).
///
/// Each problem is reported once, where it was written, with the key path, what was expected and
/// a hint. Consequences are not reported again: a program whose driver is invalid does not also
/// get a support error for it, shares with an invalid value get no sum error, and so on.
struct ScenarioChecker {
    /// Every problem found.
    var diagnostics: [Diagnostic] = []
    /// The file's unit (money amounts are converted into it).
    var unit = MoneyUnit.default
    /// The horizon, once known (nil when `years` is missing or invalid).
    var horizon: ClosedRange<Int>?
    /// The valid drivers by name.
    var drivers: [String: Driver] = [:]
    /// Every name under `drivers:`, valid or not.
    var declaredDrivers: [String] = []
    /// Every source name (named ones in file order, then the defaults).
    var sourceNames: [String] = Scenario.defaultSourceNames
    /// The sources that are funds (for `fund.<name>.balance` metrics).
    var fundNames: [String] = []
    var categories = Scenario.defaultCategories
    var groups = Scenario.defaultGroups
    /// Every program id declared (valid identifiers).
    var programIDs: [String] = []

    /// Top-level keys (SPEC 3).
    static let topKeys = ["yesan", "name", "extends", "years", "unit", "trials", "seed", "sources", "drivers",
                          "correlations", "programs", "targets", "categories", "groups"]
    /// Characters identifiers may not contain (SPEC 3).
    static let forbidden: Set<Character> = [".", "[", "]", "@", "=", ",", "*"]
    static let forbiddenBytes: [UInt8] = Array(".[]@=,*".utf8)
    /// `CharacterSet.whitespaces`, made once (the property makes a new set each time).
    static let whitespace = CharacterSet.whitespaces
    /// The largest number of trials accepted: beyond, a run cannot fit in any memory.
    static let maximumTrials = 1_000_000_000

    /// Records a problem.
    mutating func report(_ location: SourceLocation?, _ path: String, _ message: String, hint: String = "") {
        diagnostics.append(Diagnostic(location, path: path, message, hint: hint))
    }

    /// `path.key`, or `key` at the top.
    static func join(_ path: String, _ key: String) -> String { path.isEmpty ? key : "\(path).\(key)" }

    /// A number as written in messages: `0`, `-5`, `0.35`, `1e+20`.
    static func show(_ x: Double) -> String {
        if x == x.rounded(), abs(x) < 1e15 { return String(Int(x)) }
        return "\(x)"
    }

    // MARK: - Maps and names

    /// A mapping whose keys are checked against `allowed` (unknown keys reported at the key, with
    /// a did-you-mean); nil (reported) when `node` is not a mapping.
    mutating func fields(_ node: YAMLNode, path: @autoclosure () -> String, allowed: [String], what: String, hint: String = "") -> YAMLNode? {
        guard case .mapping(let entries) = node.value else {
            report(node.location, path(), "expected \(what) (a map), got \(node.value.described)", hint: hint)
            return nil
        }
        for entry in entries where !allowed.contains(entry.key) {
            report(entry.keyLocation, Self.join(path(), entry.key), "unknown key '\(entry.key)' in \(what)",
                   hint: Suggestion.hint(for: entry.key, in: allowed, what: "keys"))
        }
        return node
    }

    /// `s` without leading and trailing whitespace: `trimmingCharacters(in: .whitespaces)`,
    /// which is slow, only when an end is whitespace.
    static func trimmed(_ s: some StringProtocol) -> String {
        guard let first = s.unicodeScalars.first, let last = s.unicodeScalars.last,
              !whitespace.contains(first), !whitespace.contains(last) else {
            return s.trimmingCharacters(in: .whitespaces)
        }
        return String(s)
    }

    /// Whether `name` is a valid identifier (reported if not).
    mutating func checkIdentifier(_ name: String, at location: SourceLocation, path: @autoclosure () -> String, what: String) -> Bool {
        // Blank means every scalar is whitespace, so a first scalar that is not settles it.
        if name.unicodeScalars.first.map({ Self.whitespace.contains($0) }) ?? true,
           name.trimmingCharacters(in: .whitespaces).isEmpty {
            report(location, path(), "\(what) is empty", hint: "write a name")
            return false
        }
        // The forbidden characters are ASCII and nothing else is canonically equivalent to one
        // of them: a name without their bytes has none of them.
        guard name.utf8.contains(where: { Self.forbiddenBytes.contains($0) }) else { return true }
        if let c = name.first(where: { Self.forbidden.contains($0) }) {
            report(location, path(), "\(what) '\(name)' contains '\(c)'",
                   hint: "identifiers may not contain . [ ] @ = , or * (they separate metric names and --set paths); use - or _ instead")
            return false
        }
        return true
    }

    /// A string identifier value.
    mutating func identifier(_ node: YAMLNode, path: @autoclosure () -> String, what: String) -> String? {
        guard case .string(let s) = node.value else {
            report(node.location, path(), "expected \(what) (a name), got \(node.value.described)")
            return nil
        }
        return checkIdentifier(s, at: node.location, path: path(), what: what) ? s : nil
    }

    /// A free text label (`name:`); numbers are taken as their text.
    mutating func label(_ node: YAMLNode, path: @autoclosure () -> String) -> String? {
        switch node.value {
        case .string(let s): return s
        case .int(let i): return String(i)
        default:
            report(node.location, path(), "expected a name, got \(node.value.described)")
            return nil
        }
    }

    /// A name that must be one of `choices` (a category, group, source, …).
    mutating func choice(_ node: YAMLNode, path: @autoclosure () -> String, in choices: [String], what: String) -> String? {
        guard case .string(let s) = node.value else {
            report(node.location, path(), "expected a \(what) name, got \(node.value.described)",
                   hint: Suggestion.hint(for: "", in: choices, what: "\(what) names"))
            return nil
        }
        guard choices.contains(s) else {
            report(node.location, path(), "unknown \(what) '\(s)'", hint: Suggestion.hint(for: s, in: choices, what: "\(what) names"))
            return nil
        }
        return s
    }

    // MARK: - The scenario

    /// The checked scenario, or nil when a problem was found (see `diagnostics`).
    /// - Parameter defaultName: the name when the file has no `name:` (its stem).
    mutating func scenario(_ root: YAMLNode, defaultName: String) -> Scenario? {
        guard fields(root, path: "", allowed: Self.topKeys, what: "a scenario",
                     hint: "a scenario file is a map: yesan: 1, years:, programs: …") != nil else { return nil }
        if let version = root.entry("yesan"), version.value.value != .int(1), version.value.location.file == "--set" {
            report(version.value.location, "yesan", "unsupported format version: expected yesan: 1, got \(version.value.value.described)")
        }
        if let ext = root.entry("extends") {     // files' extends are resolved before; only --set leaves one
            report(ext.value.location, "extends", "extends cannot be set with --set", hint: "write extends: in the file")
        }
        var name = defaultName
        if let node = root.entry("name")?.value, let text = label(node, path: "name") { name = text }
        if let node = root.entry("unit")?.value {
            if case .string(let s) = node.value, let u = MoneyUnit(rawValue: s) {
                unit = u
            } else {
                let text = if case .string(let s) = node.value { "'\(s)'" } else { node.value.described }
                let units = MoneyUnit.allCases.map(\.rawValue)
                let word = if case .string(let s) = node.value { s } else { "" }
                report(node.location, "unit", "unknown unit \(text); expected one of \(units.joined(separator: ", "))",
                       hint: Suggestion.closest(to: word, in: units).map { "did you mean '\($0)'?" } ?? "the default is 백만원")
            }
        }
        if let node = root.entry("years")?.value {
            if let (lo, hi) = span(node, path: "years", closed: true), let lo, let hi { horizon = lo...hi }
        } else {
            report(root.location, "years", "years is required", hint: "the horizon, e.g. years: 2025..2030 (or a single year: years: 2025)")
        }
        let trials = root.entry("trials").flatMap { trialsValue($0.value) } ?? 10_000
        let seed = root.entry("seed").flatMap { seedValue($0.value) } ?? 1
        if let node = root.entry("categories")?.value { categories = labels(node, path: "categories", what: "category") ?? categories }
        if let node = root.entry("groups")?.value { groups = labels(node, path: "groups", what: "group") ?? groups }

        let driverList = root.entry("drivers").map { driverMap($0.value) } ?? []
        let sources = sourceList(root.entry("sources")?.value)
        let correlations = root.entry("correlations").map { correlationList($0.value) } ?? []
        let programs = programList(root.entry("programs")?.value)
        let targets = root.entry("targets").map { targetList($0.value) } ?? []

        guard diagnostics.isEmpty, let horizon, let sources else { return nil }
        return Scenario(name: name, years: horizon, unit: unit.rawValue, trials: trials, seed: seed, sources: sources,
                        drivers: driverList, correlations: correlations, programs: programs, targets: targets,
                        categories: categories, groups: groups)
    }

    /// `trials`: a whole number in 1 … 10⁹.
    mutating func trialsValue(_ node: YAMLNode) -> Int? {
        guard let x = number(node, path: "trials", kind: .plain) else { return nil }
        guard x == x.rounded() else {
            report(node.location, "trials", "trials must be a whole number, got \(Self.show(x))")
            return nil
        }
        guard x >= 1 else {
            report(node.location, "trials", "trials must be at least 1, got \(Self.show(x))", hint: "the default is 10000")
            return nil
        }
        guard x <= Double(Self.maximumTrials) else {
            report(node.location, "trials", "trials = \(Self.show(x)) is absurdly large (at most 1000000000)",
                   hint: "100000 trials give quantiles to about 0.3 %; use --shard to spread more over machines")
            return nil
        }
        return Int(x)
    }

    /// `seed`: a whole number ≥ 0.
    mutating func seedValue(_ node: YAMLNode) -> UInt64? {
        if case .int(let i) = node.value, i >= 0 { return UInt64(i) }
        guard let x = number(node, path: "seed", kind: .plain) else { return nil }
        guard x == x.rounded(), x >= 0, x <= 9_007_199_254_740_992 else {
            report(node.location, "seed", "seed must be a whole number ≥ 0, got \(Self.show(x))",
                   hint: "any whole number from 0 to 9223372036854775807, e.g. seed: 20251123")
            return nil
        }
        return UInt64(x)
    }

    /// `categories:` or `groups:`: a non-empty list of distinct identifiers.
    mutating func labels(_ node: YAMLNode, path: String, what: String) -> [String]? {
        guard case .sequence(let items) = node.value, !items.isEmpty else {
            report(node.location, path, "expected a non-empty list of \(what) names, got \(node.value.described)")
            return nil
        }
        var out: [String] = []
        var ok = true
        for (i, item) in items.enumerated() {
            guard let name = identifier(item, path: "\(path)[\(i)]", what: "a \(what) name") else { ok = false; continue }
            if out.contains(name) {
                report(item.location, "\(path)[\(i)]", "\(what) '\(name)' is listed twice", hint: "remove one")
                ok = false
            }
            out.append(name)
        }
        return ok ? out : nil
    }

    /// `years`: `2025..2030` or a single year; for programs also `2019..` and `..2027` (nil: open).
    mutating func span(_ node: YAMLNode, path: @autoclosure () -> String, closed: Bool) -> (Int?, Int?)? {
        let example = closed ? "years: 2025..2030 or a single year such as 2025"
                             : "years: 2025..2030, 2019.. (open end), ..2027 (open start) or a single year"
        switch node.value {
        case .int(let y) where (1000...9999).contains(y):
            return (y, y)
        case .string(let s):
            if let (lo, hi) = Self.parseSpan(s), lo != nil || hi != nil, !closed || (lo != nil && hi != nil) {
                if let lo, let hi, lo > hi {
                    report(node.location, path(), "'\(s)' is empty: \(lo) is after \(hi)", hint: "write the first year first: \(hi)..\(lo)")
                    return nil
                }
                return (lo, hi)
            }
            report(node.location, path(), "expected years like 2025..2030, got '\(s)'", hint: example)
            return nil
        default:
            report(node.location, path(), "expected years like 2025..2030, got \(node.value.described)", hint: example)
            return nil
        }
    }

    /// `2025..2030`, `2019..`, `..2027` or `2025` (spaces allowed) as (first, last), nil for an
    /// open end; nil when the text is none of these.
    static func parseSpan(_ text: String) -> (Int?, Int?)? {
        func year(_ part: Substring) -> Int?? {
            let t = trimmed(part)
            if t.isEmpty { return .some(nil) }
            guard t.utf8.count == 4, t.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }), let y = Int(t), y >= 1000 else { return nil }
            return .some(y)
        }
        let parts = text.components(separatedBy: "..")
        switch parts.count {
        case 1:
            guard let y = year(Substring(parts[0])), let y else { return nil }
            return (y, y)
        case 2:
            guard let lo = year(Substring(parts[0])), let hi = year(Substring(parts[1])) else { return nil }
            return (lo, hi)
        default:
            return nil
        }
    }

    /// A year: a whole number in 1000 … 9999.
    mutating func year(_ node: YAMLNode, path: @autoclosure () -> String, hint: String) -> Int? {
        if case .int(let y) = node.value, (1000...9999).contains(y) { return y }
        report(node.location, path(), "expected a year such as 2027, got \(node.value.described)", hint: hint)
        return nil
    }

    /// The horizon as text, `2025..2030`.
    var horizonText: String { horizon.map { "\($0.lowerBound)..\($0.upperBound)" } ?? "?" }
}
