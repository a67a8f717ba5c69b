import YesanCore
import YesanScenario

/// The results of one `yesan run`, ready to render as table, Markdown, CSV or JSON (SPEC 6, 7).
struct RunReport: FormattedReport {
    let loaded: LoadedScenario
    /// The scenario as run (`--trials` and `--seed` applied).
    let scenario: Scenario
    /// Every computed key with its summary, in output order.
    let keys: [MetricKey]
    let summaries: [MetricKey: Summary]
    /// P(value > 0) with its standard error, for the shortfall keys of the limits table.
    let positive: [MetricKey: (p: Double, se: Double)]
    /// Whether `--metric` chose the keys (then tables list them instead of the key table).
    let selected: Bool
    let repaired: Bool
    let language: Language
    /// Multiply an amount in the scenario's unit by this to get the display unit.
    let moneyScale: Double
    let displayUnit: String

    var labels: RunLabels { RunLabels(language: language) }
    var years: [Int] { Array(scenario.years) }

    /// A value of `key` in the display unit.
    func display(_ x: Double, _ key: MetricKey) -> Double { displayValue(x, key, moneyScale: moneyScale) }

    /// The sources that have a cap or a fund, in declared order.
    var limitedSources: [FundingSource] { scenario.sources.filter { $0.cap != nil || $0.fund != nil } }

    // MARK: Table and Markdown

    /// The key columns of the default table: (label, metric name, is a count of people).
    var keyColumns: [(label: String, name: String, people: Bool)] {
        [(labels.budget, "budget", false), (labels.budgetOf("시비"), "budget.시비", false),
         (labels.spend, "spend", false), (labels.participants, "participants", true),
         (labels.placements, "placements", true), (labels.costPerPlacement, "cost_per_placement", false)]
            .filter { summaries[MetricKey($0.1, year: nil)] != nil }
    }

    /// Decimals for a column: about four significant digits for its largest median, 0 to 2.
    private func decimals(_ name: String, people: Bool) -> Int {
        if people { return 0 }
        var largest = 0.0
        for y in years.map(Optional.some) + [nil] {
            let key = MetricKey(name, year: y)
            if let s = summaries[key], s.count > 0 { largest = max(largest, abs(display(s.quantiles[2], key))) }
        }
        if largest >= 1000 || largest == 0 { return 0 }
        if largest >= 100 { return 1 }
        return 2
    }

    private func cell(_ key: MetricKey, decimals: Int) -> (median: String, band: String) {
        guard let s = summaries[key], s.count > 0 else { return ("—", "") }
        let q = s.quantiles.map { display($0, key) }
        return (formatNumber(q[2], decimals: decimals),
                "[\(formatNumber(q[0], decimals: decimals))–\(formatNumber(q[4], decimals: decimals))]")
    }

    private func percentPoints(_ se: Double) -> String {
        "±" + formatNumber(se * 100, decimals: 1) + (language == .ko ? "%p" : " pp")
    }

    private func yearLabel(_ year: Int?) -> String { year.map(String.init) ?? labels.total }

    /// The per-year key table: two lines per year (P50, then [P5–P95]).
    private func keyTable(markdown: Bool) -> (header: [String], rows: [[String]]) {
        let columns = keyColumns
        let places = columns.map { decimals($0.name, people: $0.people) }
        var rows: [[String]] = []
        for year in years.map(Optional.some) + [nil] {
            let cells = columns.enumerated().map { i, c in cell(MetricKey(c.name, year: year), decimals: places[i]) }
            if markdown {
                rows.append([yearLabel(year)] + cells.map { $0.band.isEmpty ? $0.median : "\($0.median) \($0.band)" })
            } else {
                rows.append([yearLabel(year)] + cells.map(\.median))
                rows.append([""] + cells.map(\.band))
            }
        }
        return ([labels.year] + columns.map(\.label), rows)
    }

    private func thresholdText(_ t: Target) -> String {
        let key = MetricKey(t.metric, year: nil)
        var parts: [String] = []
        func amount(_ x: Double) -> String {
            let v = display(x, key)
            return v == v.rounded() ? formatNumber(v, decimals: 0) : formatSignificant(v, digits: 4)
        }
        if let lo = t.atLeast { parts.append("≥ " + amount(lo)) }
        if let hi = t.atMost { parts.append("≤ " + amount(hi)) }
        return parts.joined(separator: ", ")
    }

    private func targetMetricText(_ t: Target) -> String {
        guard let f = t.filter else { return t.metric }
        var parts: [String] = []
        if let c = f.categories { parts.append(c.joined(separator: "|")) }
        if let g = f.groups { parts.append(g.joined(separator: "|")) }
        if let p = f.programs { parts.append(p.joined(separator: "|")) }
        return "\(t.metric) (\(parts.joined(separator: ", ")))"
    }

    /// The share of trials with a 0/1 key at 1 and its standard error: counted by the run, or
    /// from the key's statistics.
    private func probability(_ key: MetricKey) -> (p: Double, se: Double)? {
        positive[key] ?? summaries[key].map { ($0.mean, $0.se ?? .nan) }
    }

    private func targetTable() -> (header: [String], rows: [[String]])? {
        guard !scenario.targets.isEmpty else { return nil }
        let rows = scenario.targets.map { t -> [String] in
            let share = probability(MetricKey("target.\(t.name)", year: t.year))
            return [t.name, targetMetricText(t), yearLabel(t.year), thresholdText(t),
                    share.map { formatPercent($0.p) } ?? "—", share.flatMap { $0.se.isNaN ? nil : $0.se }.map(percentPoints) ?? "—"]
        }
        return ([labels.target, labels.metric, labels.year, labels.threshold, labels.probabilityMet, labels.standardError], rows)
    }

    private func limitsTable() -> (header: [String], rows: [[String]])? {
        let sources = limitedSources
        guard !sources.isEmpty else { return nil }
        var header = [labels.year]
        // A fund without a cap binds exactly when it is depleted: one column says it.
        for s in sources {
            if s.cap != nil { header.append(labels.capBinds(s.name)) }
            if s.fund != nil { header += [labels.depleted(s.name), labels.balance(s.name)] }
        }
        var rows: [[String]] = []
        for year in years.map(Optional.some) + [nil] {
            var row = [yearLabel(year)]
            for s in sources {
                if s.cap != nil { row.append(positive[MetricKey("shortfall.\(s.name)", year: year)].map { formatPercent($0.p) } ?? "—") }
                if s.fund != nil {
                    row.append(probability(MetricKey("fund.\(s.name).depleted", year: year)).map { formatPercent($0.p) } ?? "—")
                    let key = MetricKey("fund.\(s.name).balance", year: year)
                    row.append(summaries[key].map { formatNumber(display($0.quantiles[2], key), decimals: decimals(key.name, people: false)) } ?? "—")
                }
            }
            rows.append(row)
        }
        return (header, rows)
    }

    /// The `--metric` table: one row per key with its statistics.
    private func statisticsTable() -> (header: [String], rows: [[String]]) {
        let header = [labels.metric, labels.mean, labels.sd, "P5", "P50", "P95", "n"]
        let rows = keys.map { key -> [String] in
            guard let s = summaries[key], s.count > 0 else { return [key.description, "—", "—", "—", "—", "—", "0"] }
            let f = { (x: Double) in formatSignificant(self.display(x, key), digits: 5) }
            return [key.description, f(s.mean), s.sd.map(f) ?? "—", f(s.quantiles[0]), f(s.quantiles[2]), f(s.quantiles[4]),
                    formatNumber(Double(s.count), decimals: 0)]
        }
        return (header, rows)
    }

    private var undefinedNotes: [String] {
        keys.filter { $0.name == "cost_per_placement" }.compactMap { key in
            guard let s = summaries[key], s.undefined > 0 else { return nil }
            return labels.undefinedNote(s.undefined, key.description)
        }
    }

    private var titleLines: [String] {
        [labels.header(name: scenario.name, range: scenario.years, trials: scenario.trials, seed: scenario.seed)]
            + (repaired ? [language == .ko ? "주의: 상관행렬을 가장 가까운 유효 행렬로 바꿔 실행했습니다 (--repair-correlation)"
                                          : "note: run with the nearest valid correlation matrix (--repair-correlation)"] : [])
    }

    func table() -> String {
        var out = titleLines
        if selected {
            out.append(labels.unitLineStatistics(displayUnit))
            out.append("")
            let t = statisticsTable()
            out.append(renderTable(header: t.header, rows: t.rows))
        } else {
            out.append(labels.unitLine(displayUnit))
            out.append("")
            let t = keyTable(markdown: false)
            out.append(renderTable(header: t.header, rows: t.rows))
            if let t = targetTable() {
                out += ["", labels.targetsTitle(), renderTable(header: t.header, rows: t.rows, leftAligned: [0, 1])]
            }
            if let t = limitsTable() {
                out += ["", labels.limitsTitle(), renderTable(header: t.header, rows: t.rows)]
            }
        }
        let notes = undefinedNotes
        if !notes.isEmpty { out += [""] + notes }
        return out.joined(separator: "\n") + "\n"
    }

    func markdown() -> String {
        func md(_ t: (header: [String], rows: [[String]]), left: Set<Int> = [0]) -> [String] {
            ["| " + t.header.map { $0.replacingPipes() }.joined(separator: " | ") + " |",
             "|" + t.header.indices.map { left.contains($0) ? " --- |" : " ---: |" }.joined()]
                + t.rows.map { "| " + $0.map { $0.replacingPipes() }.joined(separator: " | ") + " |" }
        }
        var out = titleLines.map { "**\($0.replacingPipes())**" } + [""]
        if selected {
            out += [labels.unitLineStatistics(displayUnit), ""] + md(statisticsTable())
        } else {
            out += [language == .ko ? "금액 단위 \(displayUnit) · 중앙값 P50 [P5–P95]" : "money in \(displayUnit) · median P50 [P5–P95]", ""]
            out += md(keyTable(markdown: true))
            if let t = targetTable() { out += ["", "### " + labels.targetsTitle(), ""] + md(t, left: [0, 1]) }
            if let t = limitsTable() { out += ["", "### " + labels.limitsTitle(), ""] + md(t) }
        }
        let notes = undefinedNotes
        if !notes.isEmpty { out += [""] + notes }
        return out.joined(separator: "\n") + "\n"
    }

    // MARK: CSV and JSON

    /// One row per key: metric, year, statistics (display unit; no thousands separators).
    func csv() -> String {
        var lines = ["metric,year,mean,sd,se,min,max,p5,p25,p50,p75,p95,n,undefined"]
        for key in keys {
            guard let s = summaries[key] else { continue }
            let v = { (x: Double?) -> String in x.map { csvNumber(self.display($0, key)) } ?? "" }
            let defined = s.count > 0
            lines.append(([csvCell(key.name), key.year.map(String.init) ?? "total",
                           v(defined ? s.mean : nil), v(s.sd), v(s.se), v(defined ? s.min : nil), v(defined ? s.max : nil)]
                          + s.quantiles.map { v(defined ? $0 : nil) }
                          + [String(s.count), String(s.undefined)]).joined(separator: ","))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// `yesan/run@1` (docs/run-schema.md).
    func json() -> String {
        var out = "{\n  \"schema\": \"yesan/run@1\",\n  \"manifest\": " + manifestJSON(indent: "  ") + ",\n"
        out += "  \"unit\": \(jsonString(displayUnit)),\n"
        out += "  \"years\": [" + years.map(String.init).joined(separator: ", ") + "],\n"
        out += "  \"metrics\": {"
        var first = true
        for key in keys {
            guard let s = summaries[key] else { continue }
            out += (first ? "\n" : ",\n") + "    " + jsonString(key.description) + ": " + statisticsJSON(s, key)
            first = false
        }
        out += first ? "},\n" : "\n  },\n"
        out += "  \"targets\": {"
        first = true
        for t in scenario.targets {
            let key = MetricKey("target.\(t.name)", year: t.year)
            guard let s = summaries[key] else { continue }
            out += (first ? "\n" : ",\n") + "    " + jsonString(t.name) + ": {\"p\": \(jsonNumber(s.mean)), \"se\": "
                + (s.se.map(jsonNumber) ?? "null") + ", \"year\": " + (t.year.map(String.init).map { $0 } ?? "\"total\"") + "}"
            first = false
        }
        out += first ? "}\n}\n" : "\n  }\n}\n"
        return out
    }

    private func statisticsJSON(_ s: Summary, _ key: MetricKey) -> String {
        summaryJSON(s, key) { self.display($0, key) }
    }

    func manifestJSON(indent: String) -> String {
        let inner = indent + "  "
        var lines = ["\"version\": \(jsonString(yesanVersion))",
                     "\"scenario\": \(jsonString(scenario.name))",
                     "\"inputs\": {" + loaded.inputs.map { "\(jsonString($0.path)): \(jsonString($0.sha256))" }.joined(separator: ", ") + "}",
                     "\"resolved\": \(jsonString(loaded.resolvedSHA256))",
                     "\"seed\": \(scenario.seed)",
                     "\"trials\": \(scenario.trials)",
                     "\"sets\": [" + loaded.sets.map(jsonString).joined(separator: ", ") + "]",
                     "\"generator\": \"philox4x32-10\""]
        if repaired { lines.append("\"correlation\": \"repaired\"") }
        return "{\n" + lines.map { inner + $0 }.joined(separator: ",\n") + "\n" + indent + "}"
    }
}

/// The `yesan/run@1` statistics object of one metric (docs/run-schema.md), every value passed
/// through `display` (the display unit); `null` for a statistic that does not exist.
func summaryJSON(_ s: Summary, _ key: MetricKey, display: (Double) -> Double) -> String {
    let defined = s.count > 0
    func v(_ x: Double?) -> String { x.map { jsonNumber(display($0)) } ?? "null" }
    var fields = [("mean", v(defined ? s.mean : nil)), ("sd", v(s.sd)), ("se", v(s.se)),
                  ("min", v(defined ? s.min : nil)), ("max", v(defined ? s.max : nil))]
    for (label, q) in zip(["p5", "p25", "p50", "p75", "p95"], s.quantiles) { fields.append((label, v(defined ? q : nil))) }
    fields.append(("n", String(s.count)))
    if key.name == "cost_per_placement" { fields.append(("undefined", String(s.undefined))) }
    return "{" + fields.map { "\"\($0.0)\": \($0.1)" }.joined(separator: ", ") + "}"
}

/// A CSV number: shortest round-trip digits, empty for NaN (undefined).
func csvNumber(_ x: Double) -> String {
    x.isNaN ? "" : jsonNumber(x)
}
