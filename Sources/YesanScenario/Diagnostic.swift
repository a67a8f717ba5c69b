/// A place in a scenario file: 1-based line and column.
public struct SourceLocation: Sendable, Hashable, CustomStringConvertible {
    /// The file as named on the command line or by `extends`.
    public let file: String
    /// 1-based line.
    public let line: Int
    /// 1-based column.
    public let column: Int

    public init(file: String, line: Int, column: Int) {
        self.file = file
        self.line = line
        self.column = column
    }

    public var description: String { "\(file):\(line):\(column)" }
}

/// One problem with a scenario or data file (SPEC 11): where, what, and how to fix it.
public struct Diagnostic: Error, Sendable, Hashable, CustomStringConvertible {
    /// Where the problem is (nil when it concerns the file as a whole).
    public let location: SourceLocation?
    /// The key path, e.g. `programs[신중년경력형].execution`, or empty.
    public let path: String
    /// What is wrong and what was expected.
    public let message: String
    /// How to fix it (a did-you-mean, the valid form), or empty.
    public let hint: String

    public init(_ location: SourceLocation?, path: String = "", _ message: String, hint: String = "") {
        self.location = location
        self.path = path
        self.message = message
        self.hint = hint
    }

    /// `file:line:column: path: message (hint)`.
    public var description: String {
        var s = location.map { "\($0): " } ?? ""
        if !path.isEmpty { s += "\(path): " }
        s += message
        if !hint.isEmpty { s += " (\(hint))" }
        return s
    }
}
