import YesanCore

/// The valid range of a numeric field (SPEC 3.1, "Support check") with the advice to give when a
/// value or a distribution falls outside it.
struct ValidRange: Sendable {
    /// Every allowed value.
    let support: Support
    /// What to do about a distribution or driver whose support is not inside (`clip`, another family).
    let fix: String
    /// What the field accepts, for a single value outside the range.
    let meaning: String

    /// Money amounts and counts: [0, ∞).
    static let nonNegative = ValidRange(support: Support(0, .infinity, includesLower: true, includesUpper: false),
                                        fix: "add clip: [0, null], or use lognormal or gamma",
                                        meaning: "money amounts and counts are never negative")
    /// Unit costs: (0, ∞).
    static let positive = ValidRange(support: Support(0, .infinity, includesLower: false, includesUpper: false),
                                     fix: "add clip: [a positive lower bound, null] such as clip: [1, null], or use lognormal or gamma",
                                     meaning: "a unit cost is above 0")
    /// Fractions (placement rate, cut and absorb fractions): [0, 1].
    static let fraction = ValidRange(support: Support(0, 1, includesLower: true, includesUpper: true),
                                     fix: "add clip: [0, 1], or use beta",
                                     meaning: "a fraction lies between 0 and 1 (0.35 or \"35%\")")
    /// 집행률: (0, 1].
    static let execution = ValidRange(support: Support(0, 1, includesLower: false, includesUpper: true),
                                      fix: "add clip: [0.5, 1] (any lower bound above 0), or use beta",
                                      meaning: "집행률 is a fraction above 0 and at most 1 (0.92 or \"92%\")")
    /// Growth and interest rates: (−1, ∞).
    static let growth = ValidRange(support: Support(-1, .infinity, includesLower: false, includesUpper: false),
                                   fix: "add clip: [-0.5, null] (any lower bound above -1)",
                                   meaning: "a growth rate is above -1 (-0.05 is a fall of 5 %)")
    /// Event probabilities: [0, 1].
    static let probability = ValidRange(support: Support(0, 1, includesLower: true, includesUpper: true),
                                        fix: "", meaning: "a probability lies between 0 and 1")
}

/// How a numeric field's text is read (SPEC 3.1).
enum NumberKind: Sendable {
    /// A number or a money literal ("13억"), converted into the file's unit.
    case money
    /// A number or a percentage ("3.5%" = 0.035).
    case rate
    /// A number only (counts, shares, priority, probability, correlation).
    case plain
}
