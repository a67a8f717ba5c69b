#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `--vs PATH=V1,V2,...`: one scenario file compared under several values of one parameter.
struct VaryingParameter: Equatable {
    /// The `--set` path, e.g. `programs[신중년경력형].events[0].absorb.시비`.
    let path: String
    /// The values as written (YAML), in order; each becomes one scenario `--set PATH=VALUE`.
    let values: [String]

    /// Parses `PATH=V1,V2,...`. Values are separated by commas outside brackets, braces and
    /// quotes, so a YAML list or map can be one value (`--vs 'x=[1, 2],[3, 4]'`); blanks around a
    /// value are dropped.
    ///
    /// - Throws: a message for a usage error: no `=`, an empty path, an empty value, unbalanced
    ///   brackets or quotes.
    init(_ text: String) throws(UsageMessage) {
        let example = "e.g. --vs 'programs[신중년경력형].events[0].absorb.시비=0,0.35,1'"
        guard let equals = text.firstIndex(of: "=") else {
            throw UsageMessage("--vs '\(text)': expected PATH=V1,V2,... (\(example))")
        }
        path = trim(String(text[..<equals]))
        guard !path.isEmpty else { throw UsageMessage("--vs '\(text)': the path before '=' is empty (\(example))") }
        var values: [String] = []
        var current = ""
        var depth = 0
        var quote: Character?
        for c in text[text.index(after: equals)...] {
            if let q = quote {
                if c == q { quote = nil }
                current.append(c)
                continue
            }
            switch c {
            case "\"", "'": quote = c
            case "[", "{": depth += 1
            case "]", "}": depth -= 1
            case "," where depth == 0:
                values.append(trim(current))
                current = ""
                continue
            default: break
            }
            guard depth >= 0 else { throw UsageMessage("--vs '\(text)': a closing bracket without its opening one") }
            current.append(c)
        }
        guard quote == nil, depth == 0 else { throw UsageMessage("--vs '\(text)': an unclosed quote or bracket") }
        values.append(trim(current))
        if let empty = values.firstIndex(where: \.isEmpty) {
            throw UsageMessage("--vs '\(text)': value \(empty + 1) is empty (write the values separated by commas, \(example))")
        }
        self.values = values
    }

    /// The `--set` argument of value `i`.
    func set(_ i: Int) -> String { "\(path)=\(values[i])" }
}

/// A usage error's message (exit 64).
struct UsageMessage: Error {
    let text: String
    init(_ text: String) { self.text = text }
}

/// Column labels of the scenarios of a comparison: each file's stem without the part that every
/// stem shares at its start, cut after a `-`, `_`, `.` or space (`goyang-2025-absorb0`,
/// `goyang-2025-absorb35` → `absorb0`, `absorb35`); the whole stem when that would leave one
/// empty. A label that repeats an earlier one gets `#2`, `#3`, ….
func columnLabels(files: [String]) -> [String] {
    let stems = files.map(fileStem)
    var labels = stems
    if stems.count >= 2, let first = stems.first {
        var common = Array(first)
        for s in stems.dropFirst() {
            let c = Array(s)
            var n = 0
            while n < common.count && n < c.count && common[n] == c[n] { n += 1 }
            common = Array(common[..<n])
        }
        if let cut = common.lastIndex(where: { "-_. ".contains($0) }) {
            let drop = cut + 1
            let stripped = stems.map { String($0.dropFirst(drop)) }
            if !stripped.contains(where: \.isEmpty) { labels = stripped }
        }
    }
    return uniqued(labels)
}

/// `labels` with `#2`, `#3`, … appended to repeats.
func uniqued(_ labels: [String]) -> [String] {
    var seen: [String: Int] = [:]
    return labels.map { label in
        let n = (seen[label] ?? 0) + 1
        seen[label] = n
        return n == 1 ? label : "\(label)#\(n)"
    }
}

/// The file name without directory and extension.
func fileStem(_ path: String) -> String {
    let name = path.split(separator: "/", omittingEmptySubsequences: false).last.map(String.init) ?? path
    guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return name }
    return String(name[..<dot])
}

/// The width of the terminal on standard output in columns, or nil when it is not a terminal.
func terminalColumns() -> Int? {
    guard isatty(STDOUT_FILENO) == 1 else { return nil }
    var size = winsize()
    guard ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 else { return nil }
    return Int(size.ws_col)
}
