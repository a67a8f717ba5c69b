import YesanCore

/// Whether a metric is an amount of money (shown in the display unit).
func isMoneyMetric(_ name: String) -> Bool {
    // The text before the first "." character, found by bytes when that is certainly the same:
    // no dot at all, or an ASCII text before it and, after it, ASCII or a Hangul syllable (which
    // cannot join the dot into one character). Anything else splits by characters.
    let utf8 = name.utf8
    let head: Substring
    if let dot = utf8.firstIndex(of: UInt8(ascii: ".")) {
        let after = utf8.index(after: dot)
        let next = after < utf8.endIndex ? name.unicodeScalars[after].value : 0
        if dot != utf8.startIndex, utf8[..<dot].allSatisfy({ $0 < 0x80 }), next < 0x80 || (0xAC00...0xD7A3).contains(next) {
            head = name[..<dot]
        } else {
            head = name.split(separator: ".", maxSplits: 1).first ?? Substring(name)
        }
    } else {
        head = Substring(name)
    }
    switch head {
    case "requested", "budget", "spend", "shortfall", "cut", "cost_per_placement": return true
    case "fund": return name.hasSuffix(".balance")
    default: return false
    }
}

/// A value of `key` in the display unit: money scaled by `moneyScale` (file unit → display unit).
func displayValue(_ x: Double, _ key: MetricKey, moneyScale: Double) -> Double {
    isMoneyMetric(key.name) ? x * moneyScale : x
}

/// Labels of the run report in Korean or English (identifiers such as source names stay as written).
struct RunLabels {
    let language: Language

    var year: String { language == .ko ? "연도" : "year" }
    var total: String { language == .ko ? "합계" : "total" }
    var budget: String { language == .ko ? "예산 편성" : "budget" }
    func budgetOf(_ source: String) -> String { language == .ko ? "\(source) 예산" : "budget \(source)" }
    var spend: String { language == .ko ? "집행" : "spend" }
    var participants: String { language == .ko ? "참여자(명)" : "participants" }
    var placements: String { language == .ko ? "취업자(명)" : "placements" }
    var costPerPlacement: String { language == .ko ? "취업자당 비용" : "cost/placement" }
    var target: String { language == .ko ? "목표" : "target" }
    var metric: String { language == .ko ? "지표" : "metric" }
    var threshold: String { language == .ko ? "기준" : "threshold" }
    var probabilityMet: String { language == .ko ? "달성 확률" : "P(met)" }
    var standardError: String { language == .ko ? "±표준오차" : "± se" }
    func capBinds(_ source: String) -> String { language == .ko ? "\(source) 한도 초과 확률" : "P(\(source) limit binds)" }
    func depleted(_ fund: String) -> String { language == .ko ? "\(fund) 고갈 확률" : "P(\(fund) depleted)" }
    func balance(_ fund: String) -> String { language == .ko ? "\(fund) 잔액 P50" : "\(fund) balance P50" }
    var mean: String { language == .ko ? "평균" : "mean" }
    var sd: String { language == .ko ? "표준편차" : "sd" }

    func header(name: String, range: ClosedRange<Int>, trials: Int, seed: UInt64) -> String {
        let span = "\(range.lowerBound)–\(range.upperBound)"
        let n = formatNumber(Double(trials), decimals: 0)
        return language == .ko
            ? "\(name) · \(span) · \(n)회 시행 · seed \(seed)"
            : "\(name) · \(span) · \(n) trials · seed \(seed)"
    }

    func unitLine(_ unit: String) -> String {
        language == .ko
            ? "금액 단위 \(unit) · 각 칸: 중앙값 P50, 아래 줄 [P5–P95]"
            : "money in \(unit) · each cell: median P50, below it [P5–P95]"
    }

    func unitLineStatistics(_ unit: String) -> String {
        language == .ko ? "금액 단위 \(unit)" : "money in \(unit)"
    }

    func targetsTitle() -> String { language == .ko ? "목표 달성 · targets" : "targets" }
    func limitsTitle() -> String { language == .ko ? "한도와 기금 · limits and funds" : "limits and funds" }
    func undefinedNote(_ count: Int, _ key: String) -> String {
        language == .ko
            ? "\(key): 취업자가 0인 시행 \(formatNumber(Double(count), decimals: 0))회는 제외했습니다 (취업자당 비용 정의 안 됨)"
            : "\(key): \(formatNumber(Double(count), decimals: 0)) trials with no placements are left out (cost per placement undefined)"
    }
}
