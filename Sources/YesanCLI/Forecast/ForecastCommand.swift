import ArgumentParser
import YesanCore

/// `yesan forecast`: fit trends to a history CSV and project them (SPEC 8).
struct ForecastCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "forecast",
        abstract: "추세 예측 · Fit trends to a history CSV and project them with prediction intervals.",
        discussion: """
            The CSV has a `year` (or `연도`) column and one numeric column per
            series (Korean headers allowed); empty cells are missing values,
            skipped per series. Models: linear (OLS y = a + b·year), loglinear
            (OLS on ln y), drift (random walk with drift), auto (the lowest MASE
            in a rolling-origin one-step-ahead backtest, which is printed).
            See README "Forecasting" and docs/forecast-schema.md.

            Examples:
              yesan forecast Scenarios/history/goyang-2018-2022.csv --series 도비
              yesan forecast h.csv --model loglinear --level 0.9 --format json
              yesan forecast h.csv --series 시비 --emit-driver 시비증가율
            """
    )

    @Argument(help: "History CSV: a `year`/`연도` column and one numeric column per series.")
    var file: String

    @Option(help: "Years to forecast after each series' last year.")
    var horizon: Int = 5

    @Option(help: "auto, linear, loglinear or drift.")
    var model: String = "auto"

    @Option(parsing: .singleValue, help: "Prediction levels in (0, 1), comma list or repeated (default 0.8,0.95); `90%` also works.")
    var level: [String] = []

    @Option(parsing: .singleValue, help: "Only these series (comma list or repeated; default all).")
    var series: [String] = []

    @Option(help: "table, csv, json or md (default table).")
    var format: String?

    @Option(help: "Write the result to FILE (atomically) instead of standard output.")
    var out: String?

    @Option(help: "Label language: ko or en (default from LANG).")
    var lang: String?

    @Option(name: .customLong("emit-driver"), help: "Print a YAML driver NAME (normal growth: fitted rate and its standard error) instead of the forecast; needs one series.")
    var emitDriver: String?

    func validate() throws {
        guard (1 ... 100).contains(horizon) else {
            throw ValidationError("--horizon must be between 1 and 100, got \(horizon)")
        }
        guard model == "auto" || ForecastModel(rawValue: model) != nil else {
            throw ValidationError("--model must be auto, linear, loglinear or drift, got '\(model)'")
        }
        _ = try levels()
        if let format, !["table", "csv", "json", "md"].contains(format) {
            throw ValidationError("--format must be table, csv, json or md, got '\(format)'")
        }
        if let emitDriver {
            if format != nil { throw ValidationError("--emit-driver prints YAML; drop --format") }
            let forbidden: Set<Character> = [".", "[", "]", "@", "=", ",", "*", ":", "#", "\"", "'", "{", "}"]
            guard !emitDriver.isEmpty, !emitDriver.contains(where: { forbidden.contains($0) || $0.isWhitespace }) else {
                throw ValidationError("--emit-driver: '\(emitDriver)' is not a valid driver name (no spaces or . [ ] @ = , * : # quotes braces)")
            }
        }
    }

    /// The prediction levels, ascending and without repeats.
    func levels() throws -> [Double] {
        let texts = level.isEmpty ? ["0.8", "0.95"] : level.flatMap { $0.split(separator: ",").map { trim(String($0)) } }
        var result: [Double] = []
        for text in texts {
            var x: Double?
            if text.hasSuffix("%") { x = parseNumber(String(text.dropLast())).map { $0 / 100 } } else { x = parseNumber(text) }
            guard let x, x > 0, x < 1 else {
                throw ValidationError("--level: '\(text)' is not a level in (0, 1) such as 0.8 or 95%")
            }
            if !result.contains(x) { result.append(x) }
        }
        return result.sorted()
    }

    func run() throws {
        let levels = try levels()
        let language = Language.resolve(lang)
        let csv: HistoryCSV
        do {
            csv = try HistoryCSV(path: file)
        } catch {
            printError("error: \(error.message)")
            throw ExitCode(error.status)
        }
        var selected = csv.series
        if !series.isEmpty {
            let wanted = series.flatMap { $0.split(separator: ",").map { trim(String($0)) } }
            for name in wanted where !csv.series.contains(where: { $0.name == name }) {
                throw ValidationError("--series: no column '\(name)' in \(file); columns: \(csv.series.map(\.name).joined(separator: ", "))")
            }
            selected = csv.series.filter { wanted.contains($0.name) }
        }
        if emitDriver != nil && selected.count != 1 {
            throw ValidationError("--emit-driver needs exactly one series; choose one with --series (columns: \(selected.map(\.name).joined(separator: ", ")))")
        }

        var results: [SeriesForecast] = []
        var problems: [String] = []
        for s in selected {
            do throws(ForecastError) {
                results.append(try SeriesForecast(series: s, model: model, horizon: horizon, levels: levels))
            } catch {
                problems.append("error: \(file): series '\(s.name)': \(describe(error, model: model))")
            }
        }
        guard problems.isEmpty else {
            problems.forEach(printError)
            throw ExitCode(65)
        }
        for r in results where r.fit.values.allSatisfy({ $0 == r.fit.values[0] }) {
            printError(language == .ko
                ? "경고 warning: '\(r.series.name)' 계열은 상수(\(r.fit.values[0]))이므로 예측구간의 폭이 0입니다 (README Forecasting)"
                : "warning: series '\(r.series.name)' is constant (\(r.fit.values[0])): its prediction intervals have zero width (see README, Forecasting)")
        }

        let report = ForecastReport(file: file, horizon: horizon, levels: levels, results: results, language: language)
        let text: String
        if let emitDriver {
            text = report.driverYAML(name: emitDriver)
        } else {
            text = report.rendered(format ?? "table")
        }
        if let out {
            do {
                try writeAtomically(text, to: out)
            } catch {
                printError("error: \(error.message)")
                throw ExitCode(error.status)
            }
        } else {
            print(text, terminator: "")
        }
    }

    private func describe(_ error: ForecastError, model: String) -> String {
        switch error {
        case let .tooFewPoints(needed, actual):
            return model == "auto"
                ? "\(actual) points, but auto needs at least \(needed) (linear, loglinear and drift need \(minimumForecastPoints))"
                : "\(actual) points, but \(model) needs at least \(needed)"
        case let .nonPositive(year, value):
            return "loglinear needs values > 0, but \(year) has \(value)"
        case let .yearsNotIncreasing(year):
            return "year \(year) is out of order"
        case let .missingYear(year):
            return "drift needs consecutive years, but \(year) is missing"
        case let .nonFinite(year):
            return "the value of \(year) is not finite"
        case let .invalidLevel(x):
            return "level \(x) is not in (0, 1)"
        case let .invalidHorizon(h):
            return "horizon \(h) is below 1"
        case let .linearAlgebra(e):
            return "least squares failed: \(e)"
        }
    }
}

/// One series' fitted model, forecast and (for auto) backtest.
struct SeriesForecast {
    let series: HistorySeries
    let fit: TrendFit
    let forecast: [ForecastPoint]
    let backtest: Backtest?

    init(series: HistorySeries, model: String, horizon: Int, levels: [Double]) throws(ForecastError) {
        self.series = series
        if let m = ForecastModel(rawValue: model) {
            backtest = nil
            fit = try fitTrend(m, years: series.years, values: series.values)
        } else {
            let b = try YesanCore.backtest(years: series.years, values: series.values)
            backtest = b
            fit = try fitTrend(b.chosen, years: series.years, values: series.values)
        }
        forecast = try fit.forecast(horizon: horizon, levels: levels)
    }
}
