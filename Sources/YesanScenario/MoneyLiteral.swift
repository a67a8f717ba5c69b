import Foundation

/// A Korean money literal of SPEC 3.1, such as `"13억"`, `"1억 3500만원"`, `"3천5백만원"`.
///
/// Grammar: groups, each a sum of `NUMBER[천|백|십]` parts times an optional big unit (조, 억, 만),
/// groups in strictly decreasing big units, then an optional final 원. Spaces and thousands commas
/// are allowed. Within a group the parts decrease (천 > 백 > 십 > a bare number), so `3천500만`
/// is 3,500만 and `5백3천만` is refused. Decisions where SPEC 3.1 is silent:
/// - a 천/백/십 without a number counts as one (`천만원` = 10,000,000 원), as Korean is written;
/// - a last group without a big unit is refused after a 억 or 조 group (`1억5천`: ambiguous,
///   "1억5천만?"), and accepted after a 만 group (`1만5천원` = 15,000 원);
/// - a literal needs at least one of 천 백 십 조 억 만 원: a plain number belongs in the file's unit,
///   written without quotes.
/// The arithmetic is exact (decimal), and the amount is converted to the file's unit at the end,
/// so `"2.3억"` is exactly 230 백만원.
public struct MoneyLiteral: Sendable, Equatable {
    /// The amount in 원, exact.
    public let won: Decimal

    /// Parses `text`.
    /// - Throws: `MoneyLiteralError` saying what is wrong, with examples of valid literals.
    public init(_ text: String) throws(MoneyLiteralError) {
        won = try MoneyLiteral.parse(text)
    }

    /// The amount in `unit`, as the nearest double (exact for every amount with at most 15
    /// significant digits in that unit).
    public func amount(in unit: MoneyUnit) -> Double {
        let value = won / Decimal(unit.won)
        return Double(NSDecimalNumber(decimal: value).stringValue) ?? .nan
    }

    private enum Token: Equatable {
        case number(Decimal, String)
        case small(Int, Character)   // 천 1000, 백 100, 십 10
        case big(Int, Character)     // 조 12, 억 8, 만 4 (powers of ten)
        case won
    }

    /// 천 1000, 백 100, 십 10 (a switch: a dictionary of Characters costs its type's setup).
    private static func smallUnit(_ c: Character) -> Int? {
        switch c {
        case "천": 1000
        case "백": 100
        case "십": 10
        default: nil
        }
    }

    /// 조 12, 억 8, 만 4 (powers of ten).
    private static func bigUnit(_ c: Character) -> Int? {
        switch c {
        case "조": 12
        case "억": 8
        case "만": 4
        default: nil
        }
    }

    private static func tokenize(_ text: String) throws(MoneyLiteralError) -> [Token] {
        var tokens: [Token] = []
        let chars = Array(text)
        var i = 0
        while i < chars.count {
            let c = chars[i]
            if c == " " || c == "\u{00A0}" { i += 1; continue }
            if c.isASCII && (c.isNumber || c == ".") {
                var j = i
                while j < chars.count && chars[j].isASCII && (chars[j].isNumber || chars[j] == "," || chars[j] == ".") { j += 1 }
                var raw = ""
                for c in chars[i..<j] { raw.append(c) }
                guard let value = number(raw) else {
                    throw MoneyLiteralError(text, "'\(raw)' is not a number (commas must separate groups of three digits)")
                }
                tokens.append(.number(value, raw))
                i = j
                continue
            }
            if let v = smallUnit(c) { tokens.append(.small(v, c)) }
            else if let v = bigUnit(c) { tokens.append(.big(v, c)) }
            else if c == "원" { tokens.append(.won) }
            else { throw MoneyLiteralError(text, "unexpected '\(c)'") }
            i += 1
        }
        return tokens
    }

    /// A decimal number with optional thousands commas: 1350, 1,350, 2.3, .5
    private static func number(_ raw: String) -> Decimal? {
        let parts = raw.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count <= 2 else { return nil }
        let integer = String(parts[0])
        // `raw` is ASCII (digits, commas, dots): look for commas byte by byte (String.contains
        // with a string goes through NSString).
        let hasCommas = integer.utf8.contains(UInt8(ascii: ","))
        if hasCommas {
            let groups = integer.split(separator: ",", omittingEmptySubsequences: false)
            guard let first = groups.first, (1...3).contains(first.count),
                  groups.dropFirst().allSatisfy({ $0.count == 3 }) else { return nil }
        }
        let fraction = parts.count == 2 ? String(parts[1]) : ""
        guard !fraction.utf8.contains(UInt8(ascii: ",")), !(integer.isEmpty && fraction.isEmpty) else { return nil }
        let digits = hasCommas ? integer.replacingOccurrences(of: ",", with: "") : integer
        return decimal((digits.isEmpty ? "0" : digits) + (fraction.isEmpty ? "" : "." + fraction))
    }

    private static func parse(_ text: String) throws(MoneyLiteralError) -> Decimal {
        let tokens = try tokenize(text)
        guard !tokens.isEmpty else { throw MoneyLiteralError(text, "empty") }
        guard tokens.contains(where: { if case .number = $0 { false } else { true } }) else {
            throw MoneyLiteralError(text, "no unit; a plain number is in the file's unit and is written without quotes or commas")
        }
        var total = Decimal(0)
        var group = Decimal(0)
        var groupHasParts = false
        var lastSmall = Int.max          // the last part's size within the group (1 for a bare number)
        var lastBig = Int.max            // the last group's power of ten
        var pending: Decimal?            // a number waiting for its 천/백/십, or the group's bare part
        var sawWon = false

        func closePending() {
            if let p = pending { group += p; groupHasParts = true; pending = nil }
        }
        for token in tokens {
            if sawWon { throw MoneyLiteralError(text, "원 must come last") }
            switch token {
            case .number(let value, _):
                if pending != nil { throw MoneyLiteralError(text, "two numbers in a row") }
                if lastSmall == 1 { throw MoneyLiteralError(text, "a bare number must be the last part of its group") }
                pending = value
            case .small(let size, let c):
                guard size < lastSmall else {
                    throw MoneyLiteralError(text, "within a group 천, 백, 십 must decrease ('\(c)' comes too late)")
                }
                group += (pending ?? 1) * Decimal(size)
                groupHasParts = true
                pending = nil
                lastSmall = size
            case .big(let power, let c):
                closePending()
                guard groupHasParts else { throw MoneyLiteralError(text, "'\(c)' needs a number before it") }
                guard power < lastBig else {
                    throw MoneyLiteralError(text, "big units must decrease: 조, then 억, then 만 ('\(c)' comes too late)")
                }
                var scale = Decimal(1)
                for _ in 0..<power { scale *= 10 }
                total += group * scale
                group = 0
                groupHasParts = false
                lastSmall = .max
                lastBig = power
            case .won:
                closePending()
                sawWon = true
            }
        }
        if pending != nil { closePending() }
        if groupHasParts {
            if lastBig == 8 || lastBig == 12 {
                let hint = text.trimmingCharacters(in: .whitespaces).replacingOccurrences(of: "원", with: "")
                throw MoneyLiteralError(text, "ambiguous: a last group without 만 after 억 or 조; did you mean '\(hint)만'?")
            }
            total += group
        }
        return total
    }
}

/// `text`, a plain decimal number (`1350`, `2.3`, `-0.5`, `1e-3`), as an exact decimal.
///
/// `Decimal(string:)` without a locale reads `.` as the decimal separator, exactly as with the
/// en_US_POSIX locale (the same value, bit for bit), but without asking ICU for the locale's
/// separator: loading the locale data costs about a millisecond on the first literal.
func decimal(_ text: String) -> Decimal? {
    Decimal(string: text)
}

/// A string that is not a money literal: what is wrong, with valid examples.
public struct MoneyLiteralError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The literal as written.
    public let literal: String
    /// What is wrong.
    public let reason: String

    init(_ literal: String, _ reason: String) {
        self.literal = literal
        self.reason = reason
    }

    public var description: String {
        "'\(literal)' is not a money literal: \(reason) (examples: '13억', '1억 3500만원', '3천5백만원', '135천원', '2.3억')"
    }
}
