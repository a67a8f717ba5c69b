#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A problem with an input or output file, with its sysexits status.
struct FileProblem: Error {
    /// 65 data error, 66 missing/unreadable input, 73 output cannot be written.
    let status: Int32
    let message: String
}

/// One series of a history CSV: the years where its cell is not empty, and the values.
struct HistorySeries {
    let name: String
    let years: [Int]
    let values: [Double]
}

/// A history CSV (SPEC 8): a `year`/`연도` column and one numeric column per series.
///
/// UTF-8 with or without a byte-order mark; RFC 4180 quoting (`"..."`, `""` for a quote,
/// newlines inside quotes); LF or CRLF. Empty cells are missing values, skipped per series.
/// Numbers may carry thousands separators inside quoted cells ("1,234"). Rows of only
/// empty cells are ignored. Rows are sorted by year; a repeated year is an error.
struct HistoryCSV {
    let path: String
    let series: [HistorySeries]

    /// Reads and parses `path`.
    init(path: String) throws(FileProblem) {
        let bytes = try HistoryCSV.readFile(path)
        try self.init(path: path, bytes: bytes)
    }

    init(path: String, bytes: [UInt8]) throws(FileProblem) {
        self.path = path
        var body = bytes[...]
        if body.starts(with: [0xEF, 0xBB, 0xBF]) { body = body.dropFirst(3) }
        guard let text = String(validating: body, as: UTF8.self) else {
            throw FileProblem(status: 65, message: "\(path): not valid UTF-8 text")
        }
        let records = try HistoryCSV.records(text, path: path)
        guard let header = records.first else {
            throw FileProblem(status: 65, message: "\(path): empty file (expected a header with a `year` or `연도` column)")
        }
        let names = header.cells.map(trim)
        let yearNames: Set<String> = ["year", "연도", "년도"]
        guard let yearColumn = names.firstIndex(where: { yearNames.contains($0.lowercased()) }) else {
            throw FileProblem(status: 65, message: "\(path): row 1: no `year` (or `연도`) column in the header \(names.joined(separator: ","))")
        }
        for (j, name) in names.enumerated() where j != yearColumn {
            if name.isEmpty { throw FileProblem(status: 65, message: "\(path): row 1, column \(j + 1): empty series name") }
            if let k = names[..<j].firstIndex(of: name) {
                throw FileProblem(status: 65, message: "\(path): row 1, column \(j + 1): series '\(name)' repeats column \(k + 1)")
            }
        }
        guard names.count >= 2 else {
            throw FileProblem(status: 65, message: "\(path): row 1: no series columns besides `\(names[yearColumn])`")
        }
        var rows: [(year: Int, row: Int, cells: [Double?])] = []
        for record in records.dropFirst() {
            if record.cells.allSatisfy({ trim($0).isEmpty }) { continue }
            guard record.cells.count == names.count else {
                throw FileProblem(status: 65, message: "\(path): row \(record.row): \(record.cells.count) cells, but the header has \(names.count) (ragged row)")
            }
            let yearText = trim(record.cells[yearColumn])
            guard let year = Int(yearText), (1 ... 9999).contains(year) else {
                throw FileProblem(status: 65, message: "\(path): row \(record.row), column \(yearColumn + 1) (\(names[yearColumn])): '\(yearText)' is not a year")
            }
            if let previous = rows.first(where: { $0.year == year }) {
                throw FileProblem(status: 65, message: "\(path): row \(record.row), column \(yearColumn + 1): year \(year) already on row \(previous.row)")
            }
            var cells: [Double?] = []
            for (j, raw) in record.cells.enumerated() where j != yearColumn {
                let cell = trim(raw)
                if cell.isEmpty { cells.append(nil); continue }
                guard let x = parseNumber(cell) else {
                    throw FileProblem(status: 65, message: "\(path): row \(record.row), column \(j + 1) (\(names[j])): '\(cell)' is not a number")
                }
                cells.append(x)
            }
            rows.append((year, record.row, cells))
        }
        rows.sort { $0.year < $1.year }
        var series: [HistorySeries] = []
        var k = 0
        for (j, name) in names.enumerated() where j != yearColumn {
            let present = rows.filter { $0.cells[k] != nil }
            series.append(HistorySeries(name: name, years: present.map(\.year), values: present.map { $0.cells[k]! }))
            k += 1
        }
        self.series = series
    }

    /// The whole file, or 66 if it is missing or unreadable.
    static func readFile(_ path: String) throws(FileProblem) -> [UInt8] {
        guard let file = fopen(path, "rb") else {
            let reason = String(cString: strerror(errno))
            throw FileProblem(status: 66, message: "\(path): cannot open: \(reason)")
        }
        defer { fclose(file) }
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            let n = fread(&buffer, 1, buffer.count, file)
            if n > 0 { bytes.append(contentsOf: buffer[..<n]) }
            if n < buffer.count {
                if ferror(file) != 0 { throw FileProblem(status: 66, message: "\(path): read error") }
                break
            }
            if bytes.count > 16 << 20 { throw FileProblem(status: 65, message: "\(path): larger than 16 MiB") }
        }
        return bytes
    }

    /// RFC 4180 records with the 1-based line on which each starts (the header is row 1).
    static func records(_ text: String, path: String) throws(FileProblem) -> [(row: Int, cells: [String])] {
        var result: [(row: Int, cells: [String])] = []
        var cells: [String] = []
        var cell = ""
        var inQuotes = false, quotedCell = false
        var line = 1, recordLine = 1
        var scalars = Array(text.unicodeScalars)[...]
        func endRecord() {
            cells.append(cell)
            if !(cells.count == 1 && cells[0].isEmpty && !quotedCell) { result.append((recordLine, cells)) }
            cells = []; cell = ""; quotedCell = false
        }
        while let c = scalars.popFirst() {
            if inQuotes {
                if c == "\"" {
                    if scalars.first == "\"" { scalars.removeFirst(); cell.unicodeScalars.append("\"") } else { inQuotes = false }
                } else {
                    if c == "\n" { line += 1 }
                    cell.unicodeScalars.append(c)
                }
                continue
            }
            switch c {
            case "\"":
                if trim(cell).isEmpty { cell = ""; inQuotes = true; quotedCell = true } else {
                    throw FileProblem(status: 65, message: "\(path): row \(recordLine), column \(cells.count + 1): stray quote inside an unquoted cell")
                }
            case ",":
                cells.append(cell); cell = ""
            case "\r":
                if scalars.first == "\n" { continue }
                endRecord(); line += 1; recordLine = line
            case "\n":
                endRecord(); line += 1; recordLine = line
            default:
                cell.unicodeScalars.append(c)
            }
        }
        if inQuotes {
            throw FileProblem(status: 65, message: "\(path): row \(recordLine), column \(cells.count + 1): unterminated quoted cell")
        }
        if !cell.isEmpty || !cells.isEmpty || quotedCell { endRecord() }
        return result
    }
}

/// Leading and trailing spaces and tabs removed.
func trim(_ s: String) -> String {
    String(s.drop(while: { $0 == " " || $0 == "\t" }).reversed().drop(while: { $0 == " " || $0 == "\t" }).reversed())
}

/// A finite decimal number: optional sign, digits with optional thousands separators in groups
/// of three ("1,234.5"), optional fraction and exponent. nil for anything else (nan, inf, "1,23").
func parseNumber(_ s: String) -> Double? {
    let chars = Array(s.unicodeScalars)
    var i = 0
    var plain = ""
    if i < chars.count, chars[i] == "+" || chars[i] == "-" { plain.unicodeScalars.append(chars[i]); i += 1 }
    var groups: [String] = [""]
    while i < chars.count, chars[i] == "," || ("0" ... "9").contains(chars[i]) {
        if chars[i] == "," { groups.append("") } else { groups[groups.count - 1].unicodeScalars.append(chars[i]) }
        i += 1
    }
    if groups.count > 1 {
        guard (1 ... 3).contains(groups[0].count), groups.dropFirst().allSatisfy({ $0.count == 3 }) else { return nil }
    }
    plain += groups.joined()
    var digits = groups.joined().count
    if i < chars.count, chars[i] == "." {
        plain += "."; i += 1
        while i < chars.count, ("0" ... "9").contains(chars[i]) { plain.unicodeScalars.append(chars[i]); i += 1; digits += 1 }
    }
    guard digits > 0 else { return nil }
    if i < chars.count, chars[i] == "e" || chars[i] == "E" {
        plain += "e"; i += 1
        if i < chars.count, chars[i] == "+" || chars[i] == "-" { plain.unicodeScalars.append(chars[i]); i += 1 }
        var expDigits = 0
        while i < chars.count, ("0" ... "9").contains(chars[i]) { plain.unicodeScalars.append(chars[i]); i += 1; expDigits += 1 }
        guard expDigits > 0 else { return nil }
    }
    guard i == chars.count, let x = Double(plain), x.isFinite else { return nil }
    return x
}
