import Testing
import YesanScenario

@Suite("Money literals (SPEC 3.1)")
struct MoneyLiteralTests {
    /// (literal, amount in 원) — each worked out by hand from the grammar.
    static let valid: [(String, Double)] = [
        ("13억", 1_300_000_000),                 // 13 × 10⁸
        ("2.3억", 230_000_000),                  // exact decimal: 2.3 × 10⁸
        ("1억 3500만원", 135_000_000),            // 10⁸ + 3500 × 10⁴
        ("3천5백만원", 35_000_000),               // (3000 + 500) × 10⁴
        ("135백만원", 135_000_000),               // 135 × 100 × 10⁴
        ("1,350만 원", 13_500_000),               // 1350 × 10⁴
        ("135천원", 135_000),                     // 135 × 1000
        ("3천500만", 35_000_000),                 // bare number last in its group: 3000 + 500
        ("1만5천원", 15_000),                     // a unit-less last group is fine after 만
        ("천만원", 10_000_000),                   // 천 alone counts as one thousand
        ("1조 2억", 1_000_200_000_000),           // 10¹² + 2 × 10⁸
        ("50원", 50),
        ("0.5억", 50_000_000),
    ]

    @Test("valid literals, in 원", arguments: 0..<13)
    func validLiterals(index: Int) throws {
        let (text, expected) = Self.valid[index]
        #expect(try MoneyLiteral(text).amount(in: .won) == expected, "\(text)")
    }

    @Test("conversion into the file's unit is exact")
    func units() throws {
        #expect(try MoneyLiteral("2.3억").amount(in: .millionWon) == 230)
        #expect(try MoneyLiteral("1억 3500만원").amount(in: .millionWon) == 135)
        #expect(try MoneyLiteral("13억").amount(in: .hundredMillionWon) == 13)
        #expect(try MoneyLiteral("135천원").amount(in: .millionWon) == 0.135)
        #expect(try MoneyLiteral("1,350만 원").amount(in: .tenThousandWon) == 1350)
        #expect(try MoneyLiteral("3천5백만원").amount(in: .thousandWon) == 35_000)
    }

    @Test("invalid literals say why", arguments: [
        ("1억5천", "did you mean '1억5천만'"),
        ("1,350", "no unit"),
        ("5백3천만", "must decrease"),
        ("1만2억", "big units must decrease"),
        ("1,35만", "commas must separate groups of three"),
        ("13억 달러", "unexpected '달'"),
        ("원13억", "원 must come last"),
        ("억", "needs a number"),
        ("", "empty"),
    ])
    func invalid(text: String, reason: String) {
        do {
            _ = try MoneyLiteral(text)
            Issue.record("'\(text)' should be refused")
        } catch {
            #expect(error.description.contains(reason), "\(error.description)")
            #expect(error.description.contains("examples:"))
        }
    }
}
