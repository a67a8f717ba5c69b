import YesanCore
import YesanScenario

/// The results of one `yesan compare`, ready to render as table, Markdown, CSV or JSON (SPEC 6, 7).
struct CompareReport: FormattedReport {
    /// One compared scenario.
    struct Column {
        /// The column header: the file stem without the prefix all stems share, or the `--vs` value.
        let label: String
        /// The scenario file as given on the command line.
        let file: String
        let loaded: LoadedScenario
        /// The scenario as run (the shared seed and trials applied).
        let scenario: Scenario
        let repaired: Bool
    }

    /// What a metric's values are, which decides how they are shown.
    enum Kind {
        /// An amount in the scenario's unit (display unit in output).
        case money
        /// A count of people.
        case people
        /// A 0/1 indicator, whose mean is a probability (fund depleted, target met).
        case probability

        init(_ name: String) {
            if name.hasPrefix("target.") || (name.hasPrefix("fund.") && name.hasSuffix(".depleted")) {
                self = .probability
            } else if isMoneyMetric(name) {
                self = .money
            } else {
                self = .people
            }
        }
    }

    let columns: [Column]
    /// `--vs`: the parameter varied (then every column is the same file).
    let parameter: VaryingParameter?
    /// `--set` overrides applied to every scenario.
    let sets: [String]
    let seed: UInt64
    let trials: Int
    let years: ClosedRange<Int>
    /// `--year`, or nil for the totals.
    let year: Int?
    /// The rows, in order.
    let keys: [MetricKey]
    /// Whether `--metric` chose the rows (then they are labelled by key).
    let selected: Bool
    /// Per scenario: the statistics of each key it has.
    let summaries: [[MetricKey: Summary]]
    /// Per scenario: the paired difference from scenario 0 of each key both have (empty for 0).
    let differences: [[MetricKey: PairedDifference]]
    let language: Language
    /// Multiply an amount in the scenarios' unit by this to get the display unit.
    let moneyScale: Double
    let displayUnit: String
    /// The width the table must fit in, in display columns.
    let width: Int

    var labels: CompareLabels { CompareLabels(language: language) }

    /// A value of `key` in the display unit.
    func display(_ x: Double, _ key: MetricKey) -> Double { displayValue(x, key, moneyScale: moneyScale) }

    // MARK: Rows

    /// The rows of the default table at `year` (nil: over the horizon): budget, 시비 budget, each
    /// fund's draw (its spend, SPEC 4 step 7), spend, participants, placements, cost per
    /// placement, each limited source's shortfall, each fund's `depleted`, and every target at
    /// its own year; sources are those any scenario shows, in the order first met.
    static func defaultKeys(simulations: [Simulation], year: Int?) -> [MetricKey] {
        var funds: [String] = [], limited: [String] = [], city = false
        var targets: [MetricKey] = []
        for simulation in simulations {
            let shown = Set(simulation.shownSources)
            for source in simulation.scenario.sources where shown.contains(source.name) {
                if source.name == "시비" { city = true }
                if source.fund != nil && !funds.contains(source.name) { funds.append(source.name) }
                if (source.cap != nil || source.fund != nil) && !limited.contains(source.name) { limited.append(source.name) }
            }
            for t in simulation.scenario.targets {
                let key = MetricKey("target.\(t.name)", year: t.year)
                if !targets.contains(key) { targets.append(key) }
            }
        }
        var names = ["budget"] + (city ? ["budget.시비"] : []) + funds.map { "spend.\($0)" }
        names += ["spend", "participants", "placements", "cost_per_placement"]
        names += limited.map { "shortfall.\($0)" } + funds.map { "fund.\($0).depleted" }
        return names.map { MetricKey($0, year: year) } + targets
    }

    /// The label of a row.
    func rowLabel(_ key: MetricKey) -> String {
        if selected { return key.description }
        let name = key.name
        func after(_ prefix: String) -> String { String(name.dropFirst(prefix.count)) }
        switch name {
        case "budget": return labels.budget
        case "spend": return labels.spend
        case "participants": return labels.participants
        case "placements": return labels.placements
        case "cost_per_placement": return labels.costPerPlacement
        default:
            if name.hasPrefix("budget.") { return labels.budgetOf(after("budget.")) }
            if name.hasPrefix("spend.") { return labels.draw(after("spend.")) }
            if name.hasPrefix("shortfall.") { return labels.shortfall(after("shortfall.")) }
            if name.hasPrefix("target.") { return labels.target(after("target."), year: key.year) }
            if name.hasPrefix("fund."), name.hasSuffix(".depleted") {
                return labels.depleted(String(after("fund.").dropLast(".depleted".count)))
            }
            return key.description
        }
    }

    // MARK: Cells

    /// Decimals of a row: people 0; money about four significant digits of its largest
    /// quantile over the scenarios (0 from 1,000, 1 from 100, else 2).
    private func decimals(_ key: MetricKey) -> Int {
        guard Kind(key.name) == .money else { return 0 }
        var largest = 0.0
        for s in summaries {
            guard let summary = s[key], summary.count > 0 else { continue }
            for q in summary.quantiles { largest = max(largest, abs(display(q, key))) }
        }
        if largest >= 1000 || largest == 0 { return 0 }
        if largest >= 100 { return 1 }
        return 2
    }

    /// Decimals of a row's differences: at least the row's, and enough for three significant
    /// digits of its largest mean difference (at most 4 for money, 2 for people), so that a
    /// small difference between large values does not print as 0.
    private func differenceDecimals(_ key: MetricKey, row: Int) -> Int {
        let kind = Kind(key.name)
        guard kind != .probability else { return 1 }
        var largest = 0.0
        for d in differences { if let p = d[key], p.n > 0 { largest = max(largest, abs(display(p.mean, key))) } }
        guard largest > 0 else { return row }
        var places = 0
        var scaled = largest
        while scaled < 100 && places < (kind == .money ? 4 : 2) {
            scaled *= 10
            places += 1
        }
        return max(row, places)
    }


    /// `x` with its sign: `+` for a positive number that does not round to 0.
    private func signed(_ x: Double, decimals: Int) -> String {
        let text = formatNumber(x, decimals: decimals)
        let nonzero = text.contains { $0.isNumber && $0 != "0" }
        return x > 0 && nonzero ? "+" + text : text
    }

    /// Scenario `i`'s cell of `key`: (P50, [P5–P95]), or for a probability (P, ± se).
    func levelCell(_ i: Int, _ key: MetricKey, decimals: Int) -> (String, String) {
        guard let s = summaries[i][key], s.count > 0 else { return ("—", "") }
        if Kind(key.name) == .probability {
            return (formatPercent(s.mean), s.se.map { "±" + formatNumber($0 * 100, decimals: 1) + labels.percentPoints } ?? "")
        }
        let q = s.quantiles.map { display($0, key) }
        return (formatNumber(q[2], decimals: decimals),
                "[\(formatNumber(q[0], decimals: decimals))–\(formatNumber(q[4], decimals: decimals))]")
    }

    /// Scenario `i`'s difference cells of `key`: (Δ mean, [lo95, hi95], P(Δ>0)).
    func differenceCells(_ i: Int, _ key: MetricKey, decimals: Int) -> (String, String, String) {
        guard let d = differences[i][key], d.n > 0 else { return ("—", "", "—") }
        if Kind(key.name) == .probability {
            let f = { (x: Double) in self.signed(x * 100, decimals: 1) }
            return (f(d.mean) + labels.percentPoints, "[\(f(d.lo95)), \(f(d.hi95))]", formatPercent(d.pPositive))
        }
        let f = { (x: Double) in self.signed(self.display(x, key), decimals: decimals) }
        return (f(d.mean), "[\(f(d.lo95)), \(f(d.hi95))]", formatPercent(d.pPositive))
    }

    // MARK: Table and Markdown

    /// The wide table: header and two text lines per row (first line: P50, Δ mean, P(Δ>0);
    /// second: [P5–P95], [lo95, hi95]); Markdown: one line per row.
    private func wideTable(markdown: Bool) -> (header: [String], rows: [[String]]) {
        let n = columns.count
        var header = [labels.metric] + columns.map(\.label)
        for i in 1..<n { header += [labels.difference(columns[i].label), labels.positive] }
        var rows: [[String]] = []
        for key in keys {
            let places = decimals(key)
            let levels = columns.indices.map { levelCell($0, key, decimals: places) }
            let differencePlaces = differenceDecimals(key, row: places)
            let diffs = (1..<max(n, 1)).map { differenceCells($0, key, decimals: differencePlaces) }
            if markdown {
                func join(_ a: String, _ b: String) -> String { b.isEmpty ? a : "\(a) \(b)" }
                rows.append([rowLabel(key)] + levels.map { join($0.0, $0.1) } + diffs.flatMap { [join($0.0, $0.1), $0.2] })
            } else {
                rows.append([rowLabel(key)] + levels.map(\.0) + diffs.flatMap { [$0.0, $0.2] })
                rows.append([""] + levels.map(\.1) + diffs.flatMap { [$0.1, ""] })
            }
        }
        return (header, rows)
    }

    private var titleLine: String {
        labels.title(years: years, year: year, selected: selected, scenarios: columns.count, trials: trials, seed: seed)
    }

    /// The scenarios: label and name (`--vs`: the parameter, then the values), the baseline marked.
    private var legendLines: [String] {
        let labelWidth = columns.map { displayWidth($0.label) }.max() ?? 0
        var out: [String] = []
        if let parameter { out.append(labels.varying(parameter.path, file: columns[0].file)) }
        for (i, c) in columns.enumerated() {
            var line = "  " + pad(c.label, to: labelWidth)
            if parameter == nil { line += "  " + c.scenario.name }
            if i == 0 { line += "  " + labels.baselineMark }
            out.append(trimmedRight(line[...]))
        }
        return out
    }

    private var notes: [String] {
        var out: [String] = []
        var missing = false
        for key in keys {
            for i in columns.indices {
                guard let s = summaries[i][key] else { missing = true; continue }
                if s.count == 0 { missing = true }
                if key.name == "cost_per_placement" && s.undefined > 0 && s.count > 0 {
                    out.append(labels.undefinedNote(key.description, columns[i].label, s.undefined))
                }
            }
        }
        if missing { out.insert(labels.missingNote, at: 0) }
        out += columns.filter(\.repaired).map { labels.repairedNote($0.label) }
        return out
    }

    /// The text table. The wide layout (metrics as rows; each scenario a column, then Δ and
    /// P(Δ>0) of each other scenario) when it fits in `width`; otherwise transposed: one block
    /// per metric, one line per scenario, which fits 80 columns for any number of scenarios.
    func table() -> String {
        let t = wideTable(markdown: false)
        var widths = t.header.map(displayWidth)
        for row in t.rows { for (i, cell) in row.enumerated() { widths[i] = max(widths[i], displayWidth(cell)) } }
        let wide = widths.reduce(0, +) + 2 * (widths.count - 1) <= width
        var out = [titleLine] + legendLines + labels.unitLines(displayUnit, wide: wide) + [""]
        let body = wide ? renderTable(header: t.header, rows: t.rows) : transposedTable()
        out += body.split(separator: "\n", omittingEmptySubsequences: false).map(trimmedRight)
        let notes = notes
        if !notes.isEmpty { out += [""] + notes }
        return out.joined(separator: "\n") + "\n"
    }

    /// One block per metric: its label on a line of its own, then one aligned line per scenario
    /// (label, P50, [P5–P95], Δ, [lo95, hi95], P(Δ>0); Δ empty for the baseline).
    private func transposedTable() -> String {
        var rows: [[String]] = []
        for key in keys {
            let places = decimals(key), differencePlaces = differenceDecimals(key, row: places)
            for i in columns.indices {
                let level = levelCell(i, key, decimals: places)
                let d = i == 0 ? ("", "", "") : differenceCells(i, key, decimals: differencePlaces)
                rows.append(["  " + columns[i].label, level.0, level.1, d.0, d.1, d.2])
            }
        }
        // Align every scenario line as one table, then put each metric's label above its lines
        // (the labels do not widen the columns).
        let lines = renderTable(header: labels.transposedHeader, rows: rows).split(separator: "\n", omittingEmptySubsequences: false)
        var out = Array(lines.prefix(2)).map(String.init)
        for (k, key) in keys.enumerated() {
            out.append(rowLabel(key))
            out += lines[(2 + k * columns.count)..<(2 + (k + 1) * columns.count)].map(String.init)
        }
        return out.joined(separator: "\n")
    }

    func markdown() -> String {
        var out = ["**\(titleLine.replacingPipes())**", ""]
        out += legendLines.map { "- " + trim($0).replacingPipes() } + [""]
        out += labels.unitLines(displayUnit, wide: false).map { $0.replacingPipes() + "  " }
        out.append("")
        let t = wideTable(markdown: true)
        out.append("| " + t.header.map { $0.replacingPipes() }.joined(separator: " | ") + " |")
        out.append("| --- |" + String(repeating: " ---: |", count: t.header.count - 1))
        out += t.rows.map { "| " + $0.map { $0.replacingPipes() }.joined(separator: " | ") + " |" }
        let notes = notes
        if !notes.isEmpty { out += [""] + notes }
        return out.joined(separator: "\n") + "\n"
    }

    // MARK: CSV and JSON

    /// One row per metric and scenario (display unit; no thousands separators): the statistics
    /// of run's csv, then the paired difference from the baseline (empty for the baseline).
    func csv() -> String {
        var lines = ["metric,year,scenario,label,mean,sd,se,min,max,p5,p25,p50,p75,p95,n,undefined,"
            + "diff_mean,diff_se,diff_lo95,diff_hi95,diff_p_positive,diff_n"]
        for key in keys {
            for i in columns.indices {
                guard let s = summaries[i][key] else { continue }
                let v = { (x: Double?) -> String in x.map { csvNumber(self.display($0, key)) } ?? "" }
                let defined = s.count > 0
                var cells = [csvCell(key.name), key.year.map(String.init) ?? "total", String(i), csvCell(columns[i].label),
                             v(defined ? s.mean : nil), v(s.sd), v(s.se), v(defined ? s.min : nil), v(defined ? s.max : nil)]
                cells += s.quantiles.map { v(defined ? $0 : nil) } + [String(s.count), String(s.undefined)]
                if let d = differences[i][key] {
                    cells += [v(d.mean), v(d.se), v(d.lo95), v(d.hi95), csvNumber(d.pPositive), String(d.n)]
                } else {
                    cells += ["", "", "", "", "", ""]
                }
                lines.append(cells.joined(separator: ","))
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// `yesan/compare@1` (docs/compare-schema.md).
    func json() -> String {
        var out = "{\n  \"schema\": \"yesan/compare@1\",\n  \"manifest\": " + manifestJSON() + ",\n"
        out += "  \"unit\": \(jsonString(displayUnit)),\n"
        out += "  \"years\": [" + years.map(String.init).joined(separator: ", ") + "],\n"
        out += "  \"baseline\": 0,\n"
        out += "  \"scenarios\": [\n"
        out += columns.indices.map { i in
            var s = "    {\"name\": \(jsonString(columns[i].scenario.name)), \"label\": \(jsonString(columns[i].label)),\n"
            s += "     \"metrics\": {"
            let present = keys.filter { summaries[i][$0] != nil }
            s += present.isEmpty ? "}" : "\n" + present.map { key in
                "       " + jsonString(key.description) + ": " + summaryJSON(summaries[i][key]!, key) { self.display($0, key) }
            }.joined(separator: ",\n") + "\n     }"
            s += ",\n     \"targets\": {"
            let targets = columns[i].scenario.targets.compactMap { t -> String? in
                guard let summary = summaries[i][MetricKey("target.\(t.name)", year: t.year)] else { return nil }
                return "       " + jsonString(t.name) + ": {\"p\": \(jsonNumber(summary.mean)), \"se\": "
                    + (summary.se.map(jsonNumber) ?? "null") + ", \"year\": " + (t.year.map(String.init) ?? "\"total\"") + "}"
            }
            s += targets.isEmpty ? "}" : "\n" + targets.joined(separator: ",\n") + "\n     }"
            return s + "}"
        }.joined(separator: ",\n")
        out += "\n  ],\n"
        out += "  \"differences\": {"
        let rows = keys.map { key -> String in
            let cells = columns.indices.map { i -> String in
                guard i > 0, let d = differences[i][key] else { return "null" }
                let v = { (x: Double) in jsonNumber(self.display(x, key)) }
                return "{\"mean\": \(v(d.mean)), \"se\": \(v(d.se)), \"lo95\": \(v(d.lo95)), \"hi95\": \(v(d.hi95)), "
                    + "\"p_positive\": \(jsonNumber(d.pPositive)), \"n\": \(d.n)}"
            }
            return "    " + jsonString(key.description) + ": [" + cells.joined(separator: ", ") + "]"
        }
        out += rows.isEmpty ? "}\n}\n" : "\n" + rows.joined(separator: ",\n") + "\n  }\n}\n"
        return out
    }

    private func manifestJSON() -> String {
        var lines = ["\"version\": \(jsonString(yesanVersion))",
                     "\"seed\": \(seed)",
                     "\"trials\": \(trials)",
                     "\"sets\": [" + sets.map(jsonString).joined(separator: ", ") + "]",
                     "\"generator\": \"philox4x32-10\""]
        if let parameter {
            lines.append("\"vs\": {\"path\": \(jsonString(parameter.path)), \"values\": ["
                + parameter.values.map(jsonString).joined(separator: ", ") + "]}")
        }
        let scenarios = columns.map { c in
            var fields = ["\"name\": \(jsonString(c.scenario.name))",
                          "\"file\": \(jsonString(c.file))",
                          "\"inputs\": {" + c.loaded.inputs.map { "\(jsonString($0.path)): \(jsonString($0.sha256))" }.joined(separator: ", ") + "}",
                          "\"resolved\": \(jsonString(c.loaded.resolvedSHA256))",
                          "\"sets\": [" + c.loaded.sets.map(jsonString).joined(separator: ", ") + "]"]
            if c.repaired { fields.append("\"correlation\": \"repaired\"") }
            return "      {" + fields.joined(separator: ", ") + "}"
        }
        lines.append("\"scenarios\": [\n" + scenarios.joined(separator: ",\n") + "\n    ]")
        return "{\n" + lines.map { "    " + $0 }.joined(separator: ",\n") + "\n  }"
    }
}

/// `line` without trailing spaces.
func trimmedRight(_ line: Substring) -> String {
    var end = line.endIndex
    while end > line.startIndex && line[line.index(before: end)] == " " { end = line.index(before: end) }
    return String(line[..<end])
}
