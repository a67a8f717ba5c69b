import ArgumentParser
import YesanScenario

/// Options of commands that print simulation results (SPEC 7): format, output file, Excel's
/// byte-order mark, label language and display unit. `run` and `compare` share them.
struct OutputOptions: ParsableArguments {
    @Option(help: "table, csv, json or md.")
    var format: String = "table"

    @Flag(help: "With csv output: start with a UTF-8 byte-order mark so that Excel on Korean Windows reads Hangul.")
    var excel = false

    @Option(help: "Write the result to FILE (atomically) instead of standard output.")
    var out: String?

    @Option(help: "Label language: ko or en (default from LANG).")
    var lang: String?

    @Option(help: "Display unit of money: 원, 천원, 만원, 백만원 or 억원 (default: the scenario's unit).")
    var unit: String?

    func validate() throws {
        guard ["table", "csv", "json", "md"].contains(format) else {
            throw ValidationError("--format must be table, csv, json or md, got '\(format)'")
        }
        if let unit, MoneyUnit(rawValue: unit) == nil {
            throw ValidationError("--unit must be one of 원, 천원, 만원, 백만원, 억원, got '\(unit)'")
        }
        if let lang, !["ko", "en"].contains(lang.lowercased()) {
            throw ValidationError("--lang must be ko or en, got '\(lang)'")
        }
    }

    /// The label language: `--lang`, else the environment.
    var language: Language { Language.resolve(lang) }

    /// The display unit: `--unit`, else `fileUnit`.
    func displayUnit(fileUnit: MoneyUnit) -> MoneyUnit {
        unit.flatMap(MoneyUnit.init(rawValue:)) ?? fileUnit
    }

    /// `text` as the chosen format writes it: csv gets the byte-order mark with `--excel`.
    func finished(_ text: String) -> String {
        format == "csv" && excel ? "\u{FEFF}" + text : text
    }

    /// Writes `text` to `--out` (atomically) or standard output.
    func emit(_ text: String) throws(FileProblem) {
        if let out {
            try writeAtomically(text, to: out)
        } else {
            print(text, terminator: "")
        }
    }
}

/// A result that prints itself in each `--format`.
protocol FormattedReport {
    func table() -> String
    func markdown() -> String
    func csv() -> String
    func json() -> String
}

extension FormattedReport {
    /// The report in `format` (table, md, csv or json; anything else: table).
    func rendered(_ format: String) -> String {
        switch format {
        case "json": json()
        case "csv": csv()
        case "md": markdown()
        default: table()
        }
    }
}
