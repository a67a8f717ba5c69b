import YesanCore
import YesanScenario

/// The output formats of `yesan forecast`: table, md, csv, json (`yesan/forecast@1`) and the
/// `--emit-driver` YAML block.
struct ForecastReport: FormattedReport {
    let file: String
    let horizon: Int
    let levels: [Double]
    let results: [SeriesForecast]
    let language: Language

    private var ko: Bool { language == .ko }

    /// "80", "95", "97.5": a level as a percent label.
    static func percentLabel(_ level: Double) -> String {
        let tenThousandths = Int((level * 1_000_000).rounded())  // level × 100, 4 decimals
        var text = String(tenThousandths / 10_000)
        var fraction = tenThousandths % 10_000
        if fraction > 0 {
            var digits = String(fraction)
            digits = String(repeating: "0", count: 4 - digits.count) + digits
            while digits.hasSuffix("0") { digits.removeLast() }
            text += "." + digits
            fraction = 0
        }
        return text
    }

    // MARK: Sections shared by table and md

    private struct Section {
        let title: [String]
        let header: [String]
        let rows: [[String]]
    }

    private func sections(markdown: Bool) -> [Section] {
        results.flatMap { r -> [Section] in
            let fit = r.fit
            let decimals = Self.decimals(for: fit.values)
            let f = { (x: Double) in formatNumber(x, decimals: decimals) }
            let span = "\(fit.years[0])–\(fit.lastYear)"
            let chosen = r.backtest != nil
                ? (ko ? " (자동 선택 auto: MASE 최소)" : " (auto: lowest MASE)") : ""
            let title = ko
                ? "\(r.series.name) — 모형 model \(fit.model.rawValue)\(chosen) · n = \(fit.count), \(span)"
                : "\(r.series.name) — model \(fit.model.rawValue)\(chosen) · n = \(fit.count), \(span)"
            var header = ko ? ["연도 year", "예측 point"] : ["year", "point"]
            for level in levels {
                let p = Self.percentLabel(level)
                header += ko ? ["하한 lo\(p)", "상한 hi\(p)"] : ["lo\(p)", "hi\(p)"]
            }
            let rows = r.forecast.map { point -> [String] in
                [String(point.year), f(point.point)] + point.intervals.flatMap { [f($0.lower), f($0.upper)] }
            }
            var result = [Section(title: [title, parameterLine(fit)], header: header, rows: rows)]
            if let b = r.backtest {
                let btTitle = ko
                    ? "백테스트 backtest — \(r.series.name): 1단계 예측 one-step-ahead, 기점 origins \(b.origins)"
                    : "backtest — \(r.series.name): one-step-ahead, \(b.origins) origins"
                let btHeader = ko ? ["모형 model", "MAE", "MAPE %", "MASE", ""] : ["model", "MAE", "MAPE %", "MASE", ""]
                var btRows = b.scores.map { s -> [String] in
                    [s.model.rawValue, f(s.mae), formatNumber(s.mape, decimals: 2), formatNumber(s.mase, decimals: 3),
                     s.model == b.chosen ? (ko ? "← 선택 chosen" : "← chosen") : ""]
                }
                for (m, reason) in b.excluded {
                    btRows.append([m.rawValue, "—", "—", "—", (ko ? "제외 excluded: " : "excluded: ") + Self.reason(reason)])
                }
                result.append(Section(title: [btTitle], header: btHeader, rows: btRows))
            }
            return result
        }
    }

    private static func reason(_ error: ForecastError) -> String {
        switch error {
        case let .nonPositive(year, value): return "value ≤ 0 (\(year): \(formatNumber(value, decimals: 0)))"
        case let .missingYear(year): return "year \(year) missing"
        default: return "\(error)"
        }
    }

    private func parameterLine(_ fit: TrendFit) -> String {
        let g = { (x: Double) in formatSignificant(x, digits: 4) }
        let fitLabel = ko ? "적합 fit" : "fit"
        switch fit.model {
        case .linear:
            return "\(fitLabel): y = a + b·year, a = \(g(fit.intercept!)) (se \(g(fit.interceptStandardError!))), "
                + "b = \(g(fit.slope!)) (se \(g(fit.slopeStandardError!))), s = \(g(fit.sigma))"
        case .loglinear:
            let rate = fit.growthRate
            return "\(fitLabel): ln y = a + b·year, a = \(g(fit.intercept!)) (se \(g(fit.interceptStandardError!))), "
                + "b = \(g(fit.slope!)) (se \(g(fit.slopeStandardError!))), s = \(g(fit.sigma)); "
                + (ko ? "증가율 growth" : "growth") + " exp(b) − 1 = \(formatNumber(rate.rate * 100, decimals: 2)) %"
        case .drift:
            return "\(fitLabel): y_T+h = y_T + h·d, d = \(g(fit.drift!)) (se \(g(fit.driftStandardError!))), "
                + "σ = \(g(fit.sigma))"
        }
    }

    /// Display decimals for a series' numbers, from its largest magnitude.
    static func decimals(for xs: [Double]) -> Int {
        let m = xs.map(abs).max() ?? 0
        return m >= 1000 || m == 0 ? 0 : m >= 100 ? 1 : m >= 1 ? 2 : 4
    }

    // MARK: Formats

    /// The aligned text tables (Hangul counted as two columns).
    func table() -> String {
        sections(markdown: false).map { s in
            (s.title + [renderTable(header: s.header, rows: s.rows)]).joined(separator: "\n")
        }.joined(separator: "\n\n") + "\n"
    }

    /// GitHub-flavoured Markdown: a heading and a pipe table per section.
    func markdown() -> String {
        sections(markdown: true).map { s in
            let escape = { (c: String) in c.replacingPipes() }
            var lines = ["### " + escape(s.title[0])]
            if s.title.count > 1 { lines += ["", s.title.dropFirst().map(escape).joined(separator: "\n")] }
            lines.append("")
            lines.append("| " + s.header.map(escape).joined(separator: " | ") + " |")
            lines.append("|" + s.header.enumerated().map { i, _ in i == 0 ? " --- |" : " ---: |" }.joined())
            for row in s.rows { lines.append("| " + row.map(escape).joined(separator: " | ") + " |") }
            return lines.joined(separator: "\n")
        }.joined(separator: "\n\n") + "\n"
    }

    /// Long CSV: one row per series and year, full precision, no thousands separators.
    func csv() -> String {
        var header = ["series", "model", "year", "point"]
        for level in levels { header += ["lo\(Self.percentLabel(level))", "hi\(Self.percentLabel(level))"] }
        var lines = [header.joined(separator: ",")]
        for r in results {
            for p in r.forecast {
                var cells = [csvCell(r.series.name), r.fit.model.rawValue, String(p.year), jsonNumber(p.point)]
                for i in p.intervals { cells += [jsonNumber(i.lower), jsonNumber(i.upper)] }
                lines.append(cells.joined(separator: ","))
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// `yesan/forecast@1` (docs/forecast-schema.md).
    func json() -> String {
        var out = "{\n  \"schema\": \"yesan/forecast@1\",\n"
        out += "  \"horizon\": \(horizon),\n"
        out += "  \"levels\": [\(levels.map(jsonNumber).joined(separator: ", "))],\n"
        out += "  \"series\": {"
        var first = true
        for r in results {
            let fit = r.fit
            out += first ? "\n" : ",\n"
            first = false
            out += "    \(jsonString(r.series.name)): {\n"
            out += "      \"model\": \(jsonString(fit.model.rawValue)),\n"
            out += "      \"n\": \(fit.count),\n"
            if fit.model == .drift {
                out += "      \"params\": {\"drift\": \(jsonNumber(fit.drift!))},\n"
                out += "      \"se\": {\"drift\": \(jsonNumber(fit.driftStandardError!))},\n"
            } else {
                out += "      \"params\": {\"intercept\": \(jsonNumber(fit.intercept!)), \"slope\": \(jsonNumber(fit.slope!))},\n"
                out += "      \"se\": {\"intercept\": \(jsonNumber(fit.interceptStandardError!)), \"slope\": \(jsonNumber(fit.slopeStandardError!))},\n"
            }
            out += "      \"sigma\": \(jsonNumber(fit.sigma)),\n"
            out += "      \"forecast\": ["
            out += r.forecast.map { p in
                var fields = ["\"year\": \(p.year)", "\"point\": \(jsonNumber(p.point))"]
                for i in p.intervals {
                    let label = Self.percentLabel(i.level)
                    fields += ["\"lo\(label)\": \(jsonNumber(i.lower))", "\"hi\(label)\": \(jsonNumber(i.upper))"]
                }
                return "\n        {" + fields.joined(separator: ", ") + "}"
            }.joined(separator: ",")
            out += "\n      ],\n"
            out += "      \"backtest\": "
            if let b = r.backtest {
                out += "{\n        \"origins\": \(b.origins),\n        \"chosen\": \(jsonString(b.chosen.rawValue)),\n"
                out += "        \"models\": {"
                out += b.scores.map { s in
                    "\n          \(jsonString(s.model.rawValue)): {\"mae\": \(jsonNumber(s.mae)), \"mape\": \(jsonNumber(s.mape)), \"mase\": \(jsonNumber(s.mase))}"
                }.joined(separator: ",")
                out += "\n        },\n        \"excluded\": {"
                out += b.excluded.map { "\(jsonString($0.model.rawValue)): \(jsonString(Self.reason($0.reason)))" }
                    .joined(separator: ", ")
                out += "}\n      }\n"
            } else {
                out += "null\n"
            }
            out += "    }"
        }
        out += results.isEmpty ? "}\n}\n" : "\n  }\n}\n"
        return out
    }

    /// A scenario driver (SPEC 3.2) for the single series' fitted growth rate.
    func driverYAML(name: String) -> String {
        let r = results[0], fit = r.fit
        let (rate, sd) = fit.growthRate
        let how: String
        switch fit.model {
        case .loglinear: how = "mean = exp(b) − 1 with b = \(formatSignificant(fit.slope!, digits: 6)), sd = exp(b)·se(b) (delta method)"
        case .linear: how = "mean = b/ŷ_T (slope over the fitted \(fit.lastYear) level), sd by the delta method on (ŷ_T, b)"
        case .drift: how = "mean = d/y_T (drift over the \(fit.lastYear) value), sd = se(d)/y_T"
        }
        let base = file.split(separator: "/").last.map(String.init) ?? file
        var lines = [
            "# yesan forecast: series \(r.series.name) of \(base) (\(fit.years[0])–\(fit.lastYear), n = \(fit.count)), model \(fit.model.rawValue)\(r.backtest != nil ? " (auto)" : "")",
            "# \(how); paste under `drivers:`",
        ]
        let m = yamlNumber(rate), s = yamlNumber(sd)
        if !rate.isFinite {
            lines.append("# the fitted level is 0, so no growth rate can be formed")
            lines.append("\(name): { dist: fixed, value: 0 }")
        } else if !(sd > 0) || !sd.isFinite {
            lines.append("# the standard error is 0 (a perfect fit), so the driver is fixed")
            lines.append("\(name): { dist: fixed, value: \(m), per: year }")
        } else {
            lines.append("\(name): { dist: normal, mean: \(m), sd: \(s), per: year, clip: [-0.5, null] }")
        }
        return lines.joined(separator: "\n") + "\n"
    }
}

// MARK: Number and string formatting

/// `x` with `digits` significant digits, thousands separators, no exponent.
func formatSignificant(_ x: Double, digits: Int) -> String {
    guard x.isFinite, x != 0 else { return formatNumber(x, decimals: 0) }
    var magnitude = 0
    var a = abs(x)
    while a >= 10 { a /= 10; magnitude += 1 }
    while a < 1 { a *= 10; magnitude -= 1 }
    return formatNumber(x, decimals: min(12, max(0, digits - 1 - magnitude)))
}

/// A YAML/JSON-safe plain number with 4 significant digits (no separators).
func yamlNumber(_ x: Double) -> String {
    var text = formatSignificant(x, digits: 4)
    text.removeAll { $0 == "," }
    return text
}

/// A JSON number (shortest round-trip digits), `null` for NaN and ±∞.
func jsonNumber(_ x: Double) -> String {
    guard x.isFinite else { return "null" }
    if x == x.rounded(), abs(x) < 1e15 { return String(Int(x)) }
    return "\(x)"
}

/// A JSON string literal.
func jsonString(_ s: String) -> String { jsonQuoted(s) }

/// A CSV cell, quoted when it holds a comma, quote or newline.
func csvCell(_ s: String) -> String {
    guard s.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return s }
    return "\"" + s.split(separator: "\"", omittingEmptySubsequences: false).joined(separator: "\"\"") + "\""
}

extension String {
    /// `|` escaped for a Markdown table cell.
    func replacingPipes() -> String {
        split(separator: "|", omittingEmptySubsequences: false).joined(separator: "\\|")
    }
}
