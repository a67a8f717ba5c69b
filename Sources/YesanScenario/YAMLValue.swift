import Foundation
import Yams

/// A YAML document read with the YAML 1.2 core schema (SPEC 3), every node with its position and
/// every string normalised to NFC.
///
/// Only `true`/`false` (and their capitalised forms) are booleans; `1e-3` is a number; `012` is
/// twelve; quoted scalars are always strings. Mapping keys are strings (a number key is read as
/// its text), and a key given twice is an error.
public enum YAMLValue: Sendable, Equatable {
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
        // The usual document, straight from the parser's events; Yams composes the rest.
        if let node = YAMLEvents.compose(text, file: file) { return node }
        return try composeWithYams(text, file: file)
    }

    /// `parse` through Yams' own tree: every document, every error.
    static func composeWithYams(_ text: String, file: String) throws(Diagnostic) -> YAMLNode {
        // `Yams.compose(yaml:_:)`, with the parser kept: it owns the anchors, which the nodes
        // only reference weakly, and the conversion needs them to tell anchored subtrees apart.
        let parser: Parser
        let root: Node?
        do {
            parser = try Parser(yaml: text, resolver: .basic)
            root = try parser.singleRoot()
        } catch let error as YamlError {
            throw diagnostic(error, file: file, text: text)
        } catch {
            throw Diagnostic(SourceLocation(file: file, line: 1, column: 1), "malformed YAML: \(error)")
        }
        defer { withExtendedLifetime(parser) {} }
        guard let root else { return YAMLNode(.null, at: SourceLocation(file: file, line: 1, column: 1)) }
        // A document that expands (aliases included) to more than `maximumNodes` nodes is refused
        // at its root, before any other problem in it. The conversion counts the expanded nodes
        // as it goes and converts each anchored subtree once (an alias reuses it), so an alias
        // bomb costs time linear in the file rather than in its expansion.
        var converter = Converter(file: file)
        do {
            return try converter.convert(root)
        } catch {
            if converter.exceeded || expandedSize(root) > maximumNodes {
                let where_ = root.mark.map { SourceLocation(file: file, line: $0.line, column: $0.column) }
                throw Diagnostic(where_, "the document expands to more than \(maximumNodes) nodes",
                                 hint: "remove nested YAML aliases (*name); scenario files do not need them")
            }
            throw error
        }
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

    /// The number of nodes once aliases are expanded (keys included), saturating above
    /// `maximumNodes`; each anchored subtree is measured once.
    private static func expandedSize(_ root: Node) -> Int {
        var memo: [ObjectIdentifier: Int] = [:]
        func measure(_ node: Node) -> Int {
            let anchor = Converter.anchor(of: node).map(ObjectIdentifier.init)
            if let anchor, let known = memo[anchor] { return known }
            var size = 1
            switch node {
            case .scalar, .alias: break
            case .sequence(let sequence):
                for child in sequence { size = min(size + measure(child), maximumNodes + 1) }
            case .mapping(let mapping):
                // By index: iterating a Yams mapping copies its pairs into a new array first.
                for i in mapping.startIndex..<mapping.endIndex {
                    let (k, v) = mapping[i]
                    size = min(size + measure(k) + measure(v), maximumNodes + 1)
                }
            }
            if let anchor { memo[anchor] = size }
            return size
        }
        return measure(root)
    }

    /// Converts Yams nodes into `YAMLNode`s, counting the nodes of the expanded document.
    private struct Converter {
        let file: String
        /// Nodes of the expanded document met so far, keys included.
        var count = 0
        /// The count went over `maximumNodes` (the conversion stopped there).
        var exceeded = false
        /// Each anchored subtree converted so far, with its expanded size, by its anchor.
        var anchored: [ObjectIdentifier: (node: YAMLNode, size: Int)] = [:]

        init(file: String) { self.file = file }

        /// The anchor a node was defined with (an alias yields the anchored node itself).
        static func anchor(of node: Node) -> Anchor? {
            switch node {
            case .scalar(let s): s.anchor
            case .mapping(let m): m.anchor
            case .sequence(let s): s.anchor
            case .alias: nil
            }
        }

        func location(_ mark: Mark?) -> SourceLocation {
            mark.map { SourceLocation(file: file, line: $0.line, column: $0.column) } ?? SourceLocation(file: file, line: 1, column: 1)
        }

        /// Counts `n` more nodes; throws (the caller reports the size) past `maximumNodes`.
        mutating func add(_ n: Int) throws(Diagnostic) {
            count += n
            if count > maximumNodes {
                exceeded = true
                throw Diagnostic(nil, "the document expands to more than \(maximumNodes) nodes")
            }
        }

        mutating func convert(_ node: Node) throws(Diagnostic) -> YAMLNode {
            let anchor = Self.anchor(of: node).map(ObjectIdentifier.init)
            if let anchor, let known = anchored[anchor] {
                try add(known.size)
                return known.node
            }
            let before = count
            let converted = try fresh(node)
            if let anchor { anchored[anchor] = (converted, count - before) }
            return converted
        }

        private mutating func fresh(_ node: Node) throws(Diagnostic) -> YAMLNode {
            try add(1)
            switch node {
            case .scalar(let scalar):
                return YAMLNode(resolve(scalar), at: location(scalar.mark))
            case .alias:
                throw Diagnostic(location(node.mark), "unresolved YAML alias")
            case .sequence(let sequence):
                let here = location(sequence.mark)
                var items: [YAMLNode] = []
                items.reserveCapacity(sequence.count)
                for child in sequence { items.append(try convert(child)) }
                return YAMLNode(.sequence(items), at: here)
            case .mapping(let mapping):
                let here = location(mapping.mark)
                var entries: [YAMLEntry] = []
                entries.reserveCapacity(mapping.count)
                // Yams refuses keys written twice; these are keys that only NFC (or the core
                // schema: "true" and true) makes equal. Small maps are scanned, large ones hashed.
                var seen: [String: Int] = [:]
                let hashed = mapping.count > 16
                for i in mapping.startIndex..<mapping.endIndex {
                    let (key, value) = mapping[i]
                    guard case .scalar(let k) = key else {
                        throw Diagnostic(key.mark.map { SourceLocation(file: file, line: $0.line, column: $0.column) } ?? here,
                                         "a key must be a plain name or number, not a list or map")
                    }
                    try add(1)
                    let keyLocation = k.mark.map { SourceLocation(file: file, line: $0.line, column: $0.column) } ?? here
                    let name = nfc(k.string)
                    let first = hashed ? seen[name].map { entries[$0] } : entries.first(where: { $0.key == name })
                    if let first {
                        throw Diagnostic(keyLocation, "key '\(name)' given twice (first at line \(first.keyLocation.line))")
                    }
                    if hashed { seen[name] = entries.count }
                    entries.append(YAMLEntry(key: name, keyLocation: keyLocation, value: try convert(value)))
                }
                return YAMLNode(.mapping(entries), at: here)
            }
        }
    }

    /// The YAML 1.2 core schema for a scalar: plain scalars may be null, bool, int or float.
    static func resolve(_ scalar: Node.Scalar) -> YAMLValue {
        resolve(scalar.string, plain: scalar.style == .plain)
    }

    /// The value of the scalar `s`, written plain (not quoted, not a block scalar) or not.
    static func resolve(_ s: String, plain: Bool) -> YAMLValue {
        guard plain else {
            return .string(nfc(s))
        }
        // Every plain scalar that is not a string starts with one of these bytes (or is empty).
        guard let first = s.utf8.first else { return .null }
        switch first {
        case UInt8(ascii: "~"), UInt8(ascii: "n"), UInt8(ascii: "N"), UInt8(ascii: "t"), UInt8(ascii: "T"),
             UInt8(ascii: "f"), UInt8(ascii: "F"), UInt8(ascii: "."), UInt8(ascii: "+"), UInt8(ascii: "-"):
            switch s {
            case "~", "null", "Null", "NULL": return .null
            case "true", "True", "TRUE": return .bool(true)
            case "false", "False", "FALSE": return .bool(false)
            case ".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF": return .number(.infinity)
            case "-.inf", "-.Inf", "-.INF": return .number(-.infinity)
            case ".nan", ".NaN", ".NAN": return .number(.nan)
            default: break
            }
        default:
            break
        }
        // Only text starting like a number can be one; skip the patterns for everything else.
        guard first == UInt8(ascii: "+") || first == UInt8(ascii: "-") || first == UInt8(ascii: ".")
                || (first >= UInt8(ascii: "0") && first <= UInt8(ascii: "9")) else {
            return .string(nfc(s))
        }
        // YAML 1.2 core schema, scanned by hand (a regex literal is compiled again on every use).
        switch coreNumber(s.utf8) {
        case .integer:
            if let v = Int(first == UInt8(ascii: "+") ? String(s.dropFirst()) : s) { return .int(v) }
            if let d = Double(s) { return .number(d) }
        case .octal:
            if let v = Int(s.dropFirst(2), radix: 8) { return .int(v) }
        case .hexadecimal:
            if let v = Int(s.dropFirst(2), radix: 16) { return .int(v) }
        case .float:
            if let d = Double(s) { return .number(d) }
        case .none:
            break
        }
        return .string(nfc(s))
    }

    /// The core-schema number patterns a plain scalar can match.
    private enum CoreNumber {
        /// `[-+]?[0-9]+`
        case integer
        /// `0o[0-7]+`
        case octal
        /// `0x[0-9a-fA-F]+`
        case hexadecimal
        /// `[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?`
        case float
        case none
    }

    /// Which core-schema number pattern `b` matches (the first that does, in the order above;
    /// when the value does not fit an `Int`, `resolve` tries the next).
    private static func coreNumber(_ b: String.UTF8View) -> CoreNumber {
        var i = b.startIndex
        let end = b.endIndex
        func digits(_ ok: (UInt8) -> Bool) -> Int {
            var n = 0
            while i < end && ok(b[i]) { b.formIndex(after: &i); n += 1 }
            return n
        }
        let isDigit = { (c: UInt8) in c >= 48 && c <= 57 }
        if b.count > 2 && b[i] == 48 {                                                 // 0o… and 0x…
            let marker = b[b.index(after: i)]
            if marker == 111 || marker == 120 {
                let octal = marker == 111
                i = b.index(i, offsetBy: 2)
                let ok = { (c: UInt8) in octal ? (c >= 48 && c <= 55) : (isDigit(c) || (c | 0x20 >= 97 && c | 0x20 <= 102)) }
                if digits(ok) > 0 && i == end { return octal ? .octal : .hexadecimal }
                i = b.startIndex
            }
        }
        if i < end && (b[i] == 43 || b[i] == 45) { b.formIndex(after: &i) }            // sign
        let whole = digits(isDigit)
        if whole > 0 && i == end { return .integer }
        var fraction = 0
        var hasPoint = false
        if i < end && b[i] == 46 { hasPoint = true; b.formIndex(after: &i); fraction = digits(isDigit) }
        var mantissaOK = whole > 0 || (hasPoint && fraction > 0)
        if i < end && (b[i] == 101 || b[i] == 69) {                                     // exponent
            b.formIndex(after: &i)
            if i < end && (b[i] == 43 || b[i] == 45) { b.formIndex(after: &i) }
            if digits(isDigit) == 0 { mantissaOK = false }
        }
        return mantissaOK && i == end ? .float : .none
    }
}

/// `s` in Unicode normalization form C. Text made only of scalars below U+0300 (no combining
/// marks) and precomposed Hangul syllables (U+AC00–U+D7A3, which nothing after them can join
/// unless a conjoining jamo follows, and there is none) is already NFC and is returned as is;
/// anything else goes through Foundation's normalization.
func nfc(_ s: String) -> String {
    let settled = s.utf8.withContiguousStorageIfAvailable(isSettledNFC)
        ?? s.unicodeScalars.allSatisfy { $0.value < 0x300 || (0xAC00...0xD7A3).contains($0.value) }
    return settled ? s : s.precomposedStringWithCanonicalMapping
}

/// Whether the UTF-8 text `bytes` holds only scalars below U+0300 and precomposed Hangul
/// syllables: the test of `nfc`, on the bytes (a two-byte sequence is below U+0300 when its
/// lead byte is below 0xCC; three-byte sequences start at U+0800; four-byte ones are above
/// U+FFFF).
private func isSettledNFC(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
    var i = 0
    let n = bytes.count
    while i < n {
        let lead = bytes[i]
        if lead < 0x80 {
            i += 1
        } else if lead < 0xE0 {
            guard lead < 0xCC else { return false }
            i += 2
        } else if lead < 0xF0, i + 2 < n {
            let scalar = UInt32(lead & 0x0F) << 12 | UInt32(bytes[i + 1] & 0x3F) << 6 | UInt32(bytes[i + 2] & 0x3F)
            guard (0xAC00...0xD7A3).contains(scalar) else { return false }
            i += 3
        } else {
            return false
        }
    }
    return true
}
