import Foundation
import YesanCore

/// Numbers, money literals, percentages and the four value forms of SPEC 3.1 with the support check.
extension ScenarioChecker {
    /// A plain decimal number as text: `12`, `-0.5`, `.5`, `1e-3`
    /// (`[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?`, scanned by hand: regex literals are slow to build).
    static func isPlainNumber(_ s: some StringProtocol) -> Bool {
        let c = Array(s.utf8)
        var i = 0
        func digits() -> Int {
            let start = i
            while i < c.count, c[i] >= 0x30, c[i] <= 0x39 { i += 1 }
            return i - start
        }
        if i < c.count, c[i] == 0x2B || c[i] == 0x2D { i += 1 }
        let whole = digits()
        var fraction = 0
        if i < c.count, c[i] == 0x2E { i += 1; fraction = digits() }
        guard whole + fraction > 0 else { return false }
        if i < c.count, c[i] == 0x65 || c[i] == 0x45 {
            i += 1
            if i < c.count, c[i] == 0x2B || c[i] == 0x2D { i += 1 }
            guard digits() > 0 else { return false }
        }
        return i == c.count
    }

    /// `"3.5%"` as the exact decimal 0.035 (nil if `s` is not a percentage).
    static func percent(_ s: String) -> Double? {
        guard s.hasSuffix("%") else { return nil }
        let number = s.dropLast().trimmingCharacters(in: .whitespaces)
        guard isPlainNumber(number), let d = decimal(number) else { return nil }
        let value = Double(NSDecimalNumber(decimal: d / 100).stringValue)
        return value.flatMap { $0.isFinite ? $0 : nil }
    }

    /// A number read as `kind` says (SPEC 3.1); nil (reported) otherwise. Non-finite numbers
    /// (`.inf`, `.nan`, `1e400`) are refused.
    mutating func number(_ node: YAMLNode, path: @autoclosure () -> String, kind: NumberKind) -> Double? {
        // Built only for a message (the money text interpolates the unit).
        func expected() -> String {
            switch kind {
            case .money: "a number in \(unit.rawValue) or a money literal such as \"13억\" or \"1억 3500만원\""
            case .rate: "a number such as 0.035 or a percentage such as \"3.5%\""
            case .plain: "a plain number"
            }
        }
        switch node.value {
        case .int(let i):
            return Double(i)
        case .number(let d):
            guard d.isFinite else {
                report(node.location, path(), "\(d.isNaN ? ".nan" : d > 0 ? ".inf" : "-.inf") is not a finite number",
                       hint: "write \(expected())")
                return nil
            }
            return d
        case .string(let raw):
            let s = Self.trimmed(raw)
            if let p = Self.percent(s) {
                if kind == .rate { return p }
                let why = kind == .money ? "a percentage is not a money amount" : "a percentage is not accepted here"
                report(node.location, path(), "'\(raw)': \(why)", hint: "write \(expected())")
                return nil
            }
            if Self.isPlainNumber(s) {
                let plain = kind == .money ? "a plain number in the file's unit (\(unit.rawValue))" : "a plain number"
                report(node.location, path(), "'\(raw)' is a quoted number", hint: "write it as \(plain), without quotes: \(s)")
                return nil
            }
            if kind == .money {
                do {
                    let amount = try MoneyLiteral(s).amount(in: unit)
                    guard amount.isFinite else {
                        report(node.location, path(), "'\(raw)' is too large", hint: "write \(expected())")
                        return nil
                    }
                    return amount
                } catch {
                    var hint = "examples: \"13억\", \"1억 3500만원\", \"3천5백만원\", \"135천원\", \"2.3억\"; a plain number is in \(unit.rawValue)"
                    if error.reason.hasPrefix("ambiguous") {
                        hint = "did you mean \(s.replacingOccurrences(of: "원", with: "").trimmingCharacters(in: .whitespaces))만?"
                    } else if error.reason.hasPrefix("no unit") {
                        hint = "write it as a plain number in \(unit.rawValue), without quotes or commas"
                    }
                    report(node.location, path(), "'\(raw)' is not a money literal: \(error.reason)", hint: hint)
                    return nil
                }
            }
            report(node.location, path(), "expected \(expected()), got \(node.value.described)")
            return nil
        default:
            report(node.location, path(), "expected \(expected()), got \(node.value.described)")
            return nil
        }
    }

    /// A whole number (`priority`).
    mutating func integer(_ node: YAMLNode, path: @autoclosure () -> String) -> Int? {
        if case .int(let i) = node.value { return i }
        guard case .number(let x) = node.value, x.isFinite else {
            report(node.location, path(), "expected a whole number, got \(node.value.described)")
            return nil
        }
        guard x == x.rounded(), abs(x) < 1e15 else {
            report(node.location, path(), "expected a whole number, got \(Self.show(x))")
            return nil
        }
        return Int(x)
    }

    /// A value of SPEC 3.1: a number (money literal or percentage as `kind` allows), an inline
    /// distribution, or `$driver`; every value it can take must lie in `range`.
    /// - Parameters:
    ///   - identity: the stream identity of an inline distribution (SPEC 5).
    ///   - field: the field's name for messages (`execution`, `a cut fraction`, …).
    mutating func quantity(_ node: YAMLNode, path: @autoclosure () -> String, identity: @autoclosure () -> String,
                           kind: NumberKind, range: ValidRange,
                           field: String) -> Quantity? {
        switch node.value {
        case .mapping:
            guard node.entry("dist") != nil else {
                report(node.location, path(), "expected a number or a distribution, got a map without dist",
                       hint: "write a number, \"$driver\", or a distribution such as { dist: beta, mean: 0.9, sd: 0.03 }")
                return nil
            }
            guard let parsed = distribution(node, path: path(), valueKind: kind) else { return nil }
            let support = parsed.distribution.support
            guard support.isInside(range.support) else {
                let unbounded = support.lower == -.infinity && support.upper == .infinity ? "unbounded " : ""
                report(node.location, path(),
                       "\(parsed.name) has \(unbounded)support \(support) (after clip), not inside the valid range \(range.support) of \(field)",
                       hint: range.fix)
                return nil
            }
            return .random(RandomQuantity(parsed.distribution, recurrence: parsed.recurrence, identity: identity()))
        case .string(let s) where s.hasPrefix("$"):
            let name = String(s.dropFirst())
            guard let driver = drivers[name] else {
                if !declaredDrivers.contains(name) {
                    report(node.location, path(), "unknown driver \(s)",
                           hint: Suggestion.hint(for: name, in: declaredDrivers, what: "drivers"))
                }
                return nil           // a declared but invalid driver is reported where it is declared
            }
            let support = driver.distribution.support
            guard support.isInside(range.support) else {
                let unbounded = support.lower == -.infinity && support.upper == .infinity ? "unbounded " : ""
                report(node.location, path(),
                       "driver \(s) (\(Self.familyName(driver.distribution))) has \(unbounded)support \(support) (after clip), not inside the valid range \(range.support) of \(field)",
                       hint: "in drivers.\(name): \(range.fix)")
                return nil
            }
            return .driver(name)
        default:
            guard let x = number(node, path: path(), kind: kind) else { return nil }
            guard Support(x, x, includesLower: true, includesUpper: true).isInside(range.support) else {
                report(node.location, path(), "\(Self.show(x)) is outside the valid range \(range.support) of \(field)",
                       hint: range.meaning)
                return nil
            }
            return .constant(x)
        }
    }

    /// Every value a checked quantity can take (after clip).
    func support(of quantity: Quantity) -> Support? {
        switch quantity {
        case .constant(let x): Support(x, x, includesLower: true, includesUpper: true)
        case .random(let r): r.distribution.support
        case .driver(let name): drivers[name]?.distribution.support
        }
    }

    /// Whether a quantity is drawn every year (`per: year`, inline or through its driver).
    func isPerYear(_ quantity: Quantity) -> Bool {
        switch quantity {
        case .constant: false
        case .random(let r): r.recurrence.isPerYear
        case .driver(let name): drivers[name]?.recurrence.isPerYear ?? false
        }
    }

    /// The family's name as written in a scenario (`normal`, `beta`, …).
    static func familyName(_ d: Distribution) -> String {
        switch d.family {
        case .fixed: "fixed"
        case .normal: "normal"
        case .lognormal: "lognormal"
        case .uniform: "uniform"
        case .triangular: "triangular"
        case .pert: "pert"
        case .beta: "beta"
        case .gamma: "gamma"
        case .bernoulli: "bernoulli"
        case .discrete: "discrete"
        }
    }
}
