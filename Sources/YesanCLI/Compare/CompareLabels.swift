/// Labels of the compare report in Korean or English (identifiers such as source, fund, target
/// and scenario names stay as written).
struct CompareLabels {
    let language: Language

    var ko: Bool { language == .ko }
    var metric: String { ko ? "지표" : "metric" }
    var total: String { ko ? "합계" : "total" }
    var budget: String { ko ? "예산 편성" : "budget" }
    func budgetOf(_ source: String) -> String { ko ? "\(source) 예산" : "budget \(source)" }
    func draw(_ fund: String) -> String { ko ? "\(fund) 인출" : "\(fund) draw" }
    var spend: String { ko ? "집행" : "spend" }
    var participants: String { ko ? "참여자(명)" : "participants" }
    var placements: String { ko ? "취업자(명)" : "placements" }
    var costPerPlacement: String { ko ? "취업자당 비용" : "cost/placement" }
    func shortfall(_ source: String) -> String { ko ? "\(source) 한도 초과액" : "\(source) shortfall" }
    func depleted(_ fund: String) -> String { ko ? "\(fund) 고갈 확률" : "P(\(fund) depleted)" }
    func target(_ name: String, year: Int?) -> String {
        let when = year.map(String.init) ?? total
        return ko ? "목표 \(name) (\(when))" : "target \(name) (\(when))"
    }
    func difference(_ label: String) -> String { "Δ \(label)" }
    var positive: String { "P(Δ>0)" }
    var percentPoints: String { ko ? "%p" : " pp" }
    var baselineMark: String { ko ? "(기준)" : "(baseline)" }

    func title(years: ClosedRange<Int>, year: Int?, selected: Bool, scenarios: Int, trials: Int, seed: UInt64) -> String {
        let span = "\(years.lowerBound)–\(years.upperBound)"
        let n = formatNumber(Double(trials), decimals: 0)
        let what: String
        if selected {
            what = span
        } else if let year {
            what = ko ? "\(year)년 (\(span) 중)" : "year \(year) of \(span)"
        } else {
            what = ko ? "\(span) 합계" : "total \(span)"
        }
        return ko
            ? "시나리오 \(scenarios)개 비교 · \(what) · \(n)회 시행 · 공통 seed \(seed)"
            : "\(scenarios) scenarios compared · \(what) · \(n) trials · common seed \(seed)"
    }

    func varying(_ path: String, file: String) -> String {
        ko ? "\(file)에서 \(path) 값만 바꾼 시나리오:" : "\(file) with \(path) set to:"
    }

    /// What the cells mean: the wide table has a second line under each value; the transposed
    /// one has everything on one line.
    func unitLines(_ unit: String, wide: Bool) -> [String] {
        if ko {
            return [wide ? "금액 단위 \(unit) · 각 칸: 중앙값 P50, 아래 줄 [P5–P95] (확률: 비율 ±표준오차)"
                         : "금액 단위 \(unit) · P50 [P5–P95]: 중앙값과 90% 구간 (확률: 비율 ±표준오차)",
                    wide ? "Δ: 기준과의 평균 차이, 아래 줄 같은 시행끼리 짝지은 95% 구간 (확률은 %p)"
                         : "Δ: 기준과의 평균 차이와 같은 시행끼리 짝지은 95% 구간 (확률은 %p)",
                    "P(Δ>0): 차이가 양수인 시행의 비율"]
        }
        return [wide ? "money in \(unit) · each cell: median P50, below it [P5–P95] (probabilities: share ± se)"
                     : "money in \(unit) · P50 [P5–P95]: median and 90 % band (probabilities: share ± se)",
                wide ? "Δ: mean difference from the baseline, below it its 95 % interval paired by trial"
                     : "Δ: mean difference from the baseline with its 95 % interval paired by trial",
                "(probabilities in percentage points) · P(Δ>0): share of trials with Δ > 0"]
    }

    /// Headers of the transposed table.
    var transposedHeader: [String] {
        ko ? ["지표 · 시나리오", "P50", "[P5–P95]", "Δ 평균", "[95% 구간]", "P(Δ>0)"]
           : ["metric · scenario", "P50", "[P5–P95]", "Δ mean", "[95 % interval]", "P(Δ>0)"]
    }

    var missingNote: String {
        ko ? "—: 그 시나리오에 없는 지표 (또는 정의된 시행이 없음)" : "—: the scenario has no such metric (or no trial defines it)"
    }

    func undefinedNote(_ key: String, _ label: String, _ count: Int) -> String {
        let n = formatNumber(Double(count), decimals: 0)
        return ko
            ? "\(key) · \(label): 취업자가 0인 시행 \(n)회는 제외했습니다 (취업자당 비용 정의 안 됨; 차이는 양쪽 다 정의된 시행만)"
            : "\(key) · \(label): \(n) trials with no placements are left out (cost per placement undefined; Δ pairs only trials defined in both)"
    }

    func repairedNote(_ label: String) -> String {
        ko ? "주의: \(label)은(는) 상관행렬을 가장 가까운 유효 행렬로 바꿔 실행했습니다 (--repair-correlation)"
           : "note: \(label) ran with the nearest valid correlation matrix (--repair-correlation)"
    }
}
