import Foundation
import Yams

/// A YAML document read with the YAML 1.2 core schema (SPEC 3), every node with its position and
/// every string normalised to NFC.
///
/// Only `true`/`false` (and their capitalised forms) are booleans; `1e-3` is a number; `012` is
/// twelve; quoted scalars are always strings. Mapping keys are strings (a number key is read as
/// its text), and a key given twice is an error.
public indirect enum YAMLValue: Sendable, Equatable {
    case null
    case bool(Bool)
    case int(Int)
    case number(Double)
    case string(String)
    case sequence([YAMLNode])
    case mapping([YAMLEntry])
}

/// A value with the place it was written.
public struct YAMLNode: Sendable, Equatable {
    public var value: YAMLValue
    public var location: SourceLocation

    public init(_ value: YAMLValue, at location: SourceLocation) {
        self.value = value
        self.location = location
    }
}

/// A mapping entry: the key, where the key was written, and the value.
public struct YAMLEntry: Sendable, Equatable {
    public var key: String
    public var keyLocation: SourceLocation
    public var value: YAMLNode
}

/// Reading YAML text or files into `YAMLNode`s.
public enum YAMLReader {
    /// Files larger than this are refused before parsing (SPEC 11).
    public static let maximumFileSize = 16 * 1024 * 1024
    /// Documents with more nodes than this (after expanding aliases) are refused: a small file
    /// with nested aliases ("billion laughs") would otherwise expand without bound.
    public static let maximumNodes = 2_000_000

    /// Parses `text` from `file` (the name used in positions).
    /// - Throws: `Diagnostic` with the position of malformed YAML, duplicate keys, non-string
    ///   keys, several documents, or too many nodes.
    public static func parse(_ text: String, file: String) throws(Diagnostic) -> YAMLNode {
        let root: Node?
        do {
            root = try Yams.compose(yaml: text, .basic)
        } catch let error as YamlError {
            throw diagnostic(error, file: file, text: text)
        } catch {
            throw Diagnostic(SourceLocation(file: file, line: 1, column: 1), "malformed YAML: \(error)")
        }
        guard let root else { return YAMLNode(.null, at: SourceLocation(file: file, line: 1, column: 1)) }
        // Measure the expanded size first, each distinct subtree once, so that an alias bomb is
        // refused in time linear in the file rather than in its expansion.
        var sizes: [SubtreeKey: Int] = [:]
        if expandedSize(root, memo: &sizes) > maximumNodes {
            let where_ = root.mark.map { SourceLocation(file: file, line: $0.line, column: $0.column) }
            throw Diagnostic(where_, "the document expands to more than \(maximumNodes) nodes",
                             hint: "remove nested YAML aliases (*name); scenario files do not need them")
        }
        var budget = maximumNodes
        return try convert(root, file: file, budget: &budget)
    }

    /// Reads and parses a UTF-8 file.
    /// - Throws: `Diagnostic` for a file that is missing, unreadable, too large or not UTF-8
    ///   (`isUnreadable` tells the first kinds apart: exit 66 rather than 65).
    public static func read(path: String) throws(Diagnostic) -> YAMLNode {
        let url = URL(fileURLWithPath: path)
        let attributes = try? FileManager.default.attributesOfItem(atPath: path)
        guard let attributes else {
            throw Diagnostic(nil, "cannot read \(path): no such file", hint: "check the path and the current directory")
        }
        if let size = attributes[.size] as? Int, size > maximumFileSize {
            throw Diagnostic(nil, "\(path) is \(size / 1_048_576) MiB; scenario files may be at most 16 MiB")
        }
        guard let data = try? Data(contentsOf: url) else { throw Diagnostic(nil, "cannot read \(path)") }
        guard var text = String(data: data, encoding: .utf8) else {
            throw Diagnostic(nil, "\(path) is not UTF-8 text", hint: "save the file as UTF-8")
        }
        if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
        return try parse(text, file: path)
    }

    private static func diagnostic(_ error: YamlError, file: String, text: String) -> Diagnostic {
        func at(_ mark: Mark) -> SourceLocation { SourceLocation(file: file, line: mark.line, column: mark.column) }
        switch error {
        case let .scanner(context, problem, mark, _), let .parser(context, problem, mark, _),
             let .composer(context, problem, mark, _):
            let where_ = context.map { " \($0.text)" } ?? ""
            return Diagnostic(at(mark), "malformed YAML: \(problem)\(where_)")
        case let .duplicatedKeysInMapping(duplicates, context):
            // Yams reports the map's start; point at the second occurrence of the first key.
            let key = duplicates.first ?? ""
            var place = at(context.mark)
            var seen = 0
            for (offset, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated()
            where offset + 1 >= context.mark.line {
                let trimmed = line.drop(while: { $0 == " " || $0 == "-" })
                if trimmed.hasPrefix("\(key):") || trimmed.hasPrefix("\(key) :") {
                    seen += 1
                    if seen == 2 {
                        place = SourceLocation(file: file, line: offset + 1, column: line.count - trimmed.count + 1)
                        break
                    }
                }
            }
            return Diagnostic(place, "key '\(key)' given twice in the same map", hint: "remove or rename one of them")
        case let .reader(problem, _, _, _):
            return Diagnostic(SourceLocation(file: file, line: 1, column: 1), "unreadable YAML: \(problem)")
        default:
            return Diagnostic(SourceLocation(file: file, line: 1, column: 1), "malformed YAML: \(error)")
        }
    }

    /// The number of nodes once aliases are expanded, saturating above `maximumNodes`.
    /// A subtree's identity for `expandedSize`: its kind and where it starts.
    private struct SubtreeKey: Hashable {
        let kind: UInt8
        let line: Int
        let column: Int
    }

    private static func expandedSize(_ node: Node, memo: inout [SubtreeKey: Int]) -> Int {
        // An alias expands to the anchored node itself, mark included; two different nodes of
        // the same kind never start at the same position (a map and its first key may), so kind
        // and mark identify the subtree.
        let kind: UInt8 = switch node { case .mapping: 0; case .sequence: 1; case .scalar: 2; case .alias: 3 }
        let key = node.mark.map { SubtreeKey(kind: kind, line: $0.line, column: $0.column) }
        if let key, let known = memo[key] { return known }
        var size = 1
        switch node {
        case .scalar, .alias: break
        case .sequence(let sequence):
            for child in sequence { size = min(size + expandedSize(child, memo: &memo), maximumNodes + 1) }
        case .mapping(let mapping):
            for (k, v) in mapping {
                size = min(size + expandedSize(k, memo: &memo) + expandedSize(v, memo: &memo), maximumNodes + 1)
            }
        }
        if let key { memo[key] = size }
        return size
    }

    private static func convert(_ node: Node, file: String, budget: inout Int) throws(Diagnostic) -> YAMLNode {
        budget -= 1
        let location = node.mark.map { SourceLocation(file: file, line: $0.line, column: $0.column) }
            ?? SourceLocation(file: file, line: 1, column: 1)
        guard budget >= 0 else {
            throw Diagnostic(location, "the document expands to more than \(maximumNodes) nodes",
                             hint: "remove nested YAML aliases (*name); scenario files do not need them")
        }
        switch node {
        case .scalar(let scalar):
            return YAMLNode(resolve(scalar), at: location)
        case .alias:
            throw Diagnostic(location, "unresolved YAML alias")
        case .sequence(let sequence):
            var items: [YAMLNode] = []
            for child in sequence { items.append(try convert(child, file: file, budget: &budget)) }
            return YAMLNode(.sequence(items), at: location)
        case .mapping(let mapping):
            var entries: [YAMLEntry] = []
            var seen: [String: SourceLocation] = [:]
            for (key, value) in mapping {
                guard case .scalar(let k) = key else {
                    let l = key.mark.map { SourceLocation(file: file, line: $0.line, column: $0.column) } ?? location
                    throw Diagnostic(l, "a key must be a plain name or number, not a list or map")
                }
                let keyLocation = k.mark.map { SourceLocation(file: file, line: $0.line, column: $0.column) } ?? location
                let name = nfc(k.string)
                if let first = seen[name] {
                    throw Diagnostic(keyLocation, "key '\(name)' given twice (first at line \(first.line))")
                }
                seen[name] = keyLocation
                entries.append(YAMLEntry(key: name, keyLocation: keyLocation, value: try convert(value, file: file, budget: &budget)))
            }
            return YAMLNode(.mapping(entries), at: location)
        }
    }

    /// The YAML 1.2 core schema for a scalar: plain scalars may be null, bool, int or float.
    static func resolve(_ scalar: Node.Scalar) -> YAMLValue {
        let s = scalar.string
        guard scalar.style == .plain else {
            return .string(nfc(s))
        }
        switch s {
        case "", "~", "null", "Null", "NULL": return .null
        case "true", "True", "TRUE": return .bool(true)
        case "false", "False", "FALSE": return .bool(false)
        case ".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF": return .number(.infinity)
        case "-.inf", "-.Inf", "-.INF": return .number(-.infinity)
        case ".nan", ".NaN", ".NAN": return .number(.nan)
        default: break
        }
        // Only text starting like a number can be one; skip the patterns for everything else.
        guard let first = s.unicodeScalars.first, "+-.0123456789".unicodeScalars.contains(first) else {
            return .string(nfc(s))
        }
        // YAML 1.2 core schema, scanned by hand (a regex literal is compiled again on every use).
        let b = Array(s.utf8)
        func digits(_ i: inout Int, _ ok: (UInt8) -> Bool) -> Int {
            let start = i
            while i < b.count && ok(b[i]) { i += 1 }
            return i - start
        }
        let isDigit = { (c: UInt8) in c >= 48 && c <= 57 }
        if b.count > 2 && b[0] == 48 && (b[1] == 111 || b[1] == 120) {          // 0o… and 0x…
            let octal = b[1] == 111
            var i = 2
            let ok = { (c: UInt8) in octal ? (c >= 48 && c <= 55) : (isDigit(c) || (c | 0x20 >= 97 && c | 0x20 <= 102)) }
            if digits(&i, ok) > 0 && i == b.count, let v = Int(s.dropFirst(2), radix: octal ? 8 : 16) { return .int(v) }
        }
        var i = 0
        if i < b.count && (b[i] == 43 || b[i] == 45) { i += 1 }                     // sign
        let whole = digits(&i, isDigit)
        if whole > 0 && i == b.count {                                               // [-+]?[0-9]+
            if let v = Int(b[0] == 43 ? String(s.dropFirst()) : s) { return .int(v) }
            if let d = Double(s) { return .number(d) }
        }
        var fraction = 0
        var hasPoint = false
        if i < b.count && b[i] == 46 { hasPoint = true; i += 1; fraction = digits(&i, isDigit) }
        var mantissaOK = whole > 0 || (hasPoint && fraction > 0)
        if i < b.count && (b[i] == 101 || b[i] == 69) {                               // exponent
            i += 1
            if i < b.count && (b[i] == 43 || b[i] == 45) { i += 1 }
            if digits(&i, isDigit) == 0 { mantissaOK = false }
        }
        if mantissaOK && i == b.count, let d = Double(s) { return .number(d) }
        return .string(nfc(s))
    }
}

/// `s` in Unicode normalization form C. Text made only of scalars below U+0300 (no combining
/// marks) and precomposed Hangul syllables (U+AC00–U+D7A3, which nothing after them can join
/// unless a conjoining jamo follows, and there is none) is already NFC and is returned as is;
/// anything else goes through Foundation's normalization.
func nfc(_ s: String) -> String {
    let settled = s.unicodeScalars.allSatisfy { $0.value < 0x300 || (0xAC00...0xD7A3).contains($0.value) }
    return settled ? s : s.precomposedStringWithCanonicalMapping
}
