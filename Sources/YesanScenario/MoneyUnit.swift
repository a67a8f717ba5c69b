/// The unit of every money amount in a scenario file (SPEC 3): 원, 천원, 만원, 백만원 or 억원.
public enum MoneyUnit: String, CaseIterable, Sendable {
    case won = "원"
    case thousandWon = "천원"
    case tenThousandWon = "만원"
    case millionWon = "백만원"
    case hundredMillionWon = "억원"

    /// How many 원 one unit is.
    public var won: Int64 {
        switch self {
        case .won: 1
        case .thousandWon: 1_000
        case .tenThousandWon: 10_000
        case .millionWon: 1_000_000
        case .hundredMillionWon: 100_000_000
        }
    }

    /// The scenario default, 백만원 (SPEC 3).
    public static let `default` = MoneyUnit.millionWon
}
