#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
// libyaml as Yams ships it. Yams does not export the module, but it is visible to every target
// that depends on Yams (Yams' own Swift module needs it); only this file uses it.
internal import CYaml

/// The common case of `YAMLReader.parse`, straight from libyaml's events: one document whose
/// keys are distinct scalars, at most `YAMLReader.maximumNodes` nodes once aliases are expanded.
///
/// Yams composes a tree of its own nodes (a class per tag, an event object per event, hashing
/// every map's keys) that the reader would only copy into `YAMLNode`s and throw away; this
/// builds the `YAMLNode`s from the same parser's events, with the same strings, styles and
/// positions. Anything else, and every error, is left to the Yams path (`compose` returns nil):
/// its messages stay the ones Yams and the reader give.
struct YAMLEvents {
    let file: String
    let parser: UnsafeMutablePointer<yaml_parser_t>
    /// Nodes of the expanded document so far, keys included (as `YAMLReader` counts them).
    var count = 0
    /// Each anchor's node and expanded size (a later anchor of the same name replaces it).
    var anchors: [String: (node: YAMLNode, size: Int)] = [:]

    /// The document in `text`, or nil when the Yams path must read it.
    static func compose(_ text: String, file: String) -> YAMLNode? {
        // Yams reads its encoding from this variable (and says so on standard output).
        guard !text.isEmpty, getenv("YAMS_DEFAULT_ENCODING") == nil else { return nil }
        let node = text.utf8.withContiguousStorageIfAvailable { bytes -> YAMLNode? in
            guard let base = bytes.baseAddress else { return nil }
            let parser = UnsafeMutablePointer<yaml_parser_t>.allocate(capacity: 1)   // libyaml keeps its address
            defer { parser.deallocate() }
            guard yaml_parser_initialize(parser) == 1 else { return nil }
            defer { yaml_parser_delete(parser) }
            yaml_parser_set_encoding(parser, YAML_UTF8_ENCODING)
            yaml_parser_set_input_string(parser, base, bytes.count)
            var events = YAMLEvents(file: file, parser: parser)
            return events.document()
        }
        return node ?? nil
    }

    /// Reads the next event into `event` (to be deleted by the caller); false on an error.
    private func next(_ event: inout yaml_event_t) -> Bool {
        yaml_parser_parse(parser, &event) == 1
    }

    /// Reads the next event and deletes it; its type, or nil on an error.
    private func skip() -> yaml_event_type_t? {
        var event = yaml_event_t()
        guard next(&event) else { return nil }
        defer { yaml_event_delete(&event) }
        return event.type
    }

    private func location(_ mark: yaml_mark_t) -> SourceLocation {
        SourceLocation(file: file, line: Int(mark.line) + 1, column: Int(mark.column) + 1)
    }

    /// A scalar's value, as Yams makes it; nil for one that starts with a byte-order mark
    /// (Yams' `String(bytes:encoding:)` drops it: left to Yams).
    private static func value(_ event: yaml_event_t) -> String? {
        let bytes = UnsafeBufferPointer(start: event.data.scalar.value, count: event.data.scalar.length)
        if bytes.count >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF { return nil }
        return String(decoding: bytes, as: UTF8.self)
    }

    private static func text(_ pointer: UnsafePointer<yaml_char_t>?) -> String? {
        pointer.map { String(cString: $0) }
    }

    /// Counts `n` more nodes; false past the limit.
    private mutating func add(_ n: Int) -> Bool {
        count += n
        return count <= YAMLReader.maximumNodes
    }

    /// The single document of the stream (a null at 1:1 for an empty stream), as
    /// `Parser.singleRoot` reads it.
    private mutating func document() -> YAMLNode? {
        guard skip() == YAML_STREAM_START_EVENT else { return nil }
        switch skip() {
        case YAML_STREAM_END_EVENT?: return YAMLNode(.null, at: SourceLocation(file: file, line: 1, column: 1))
        case YAML_DOCUMENT_START_EVENT?: break
        default: return nil
        }
        var event = yaml_event_t()
        guard next(&event), let root = node(&event), skip() == YAML_DOCUMENT_END_EVENT,
              skip() == YAML_STREAM_END_EVENT else { return nil }
        return root
    }

    /// The node that starts with `event` (which this deletes), or nil.
    private mutating func node(_ event: inout yaml_event_t) -> YAMLNode? {
        switch event.type {
        case YAML_SCALAR_EVENT:
            let scalar = event.data.scalar
            let value = Self.value(event)
            let plain = scalar.style == YAML_PLAIN_SCALAR_STYLE
            let anchor = Self.text(scalar.anchor)
            let here = location(event.start_mark)
            yaml_event_delete(&event)
            guard let value, add(1) else { return nil }
            let node = YAMLNode(YAMLReader.resolve(value, plain: plain), at: here)
            if let anchor { anchors[anchor] = (node, 1) }
            return node
        case YAML_ALIAS_EVENT:
            let name = Self.text(event.data.alias.anchor)
            yaml_event_delete(&event)
            guard let name, let known = anchors[name], add(known.size) else { return nil }
            return known.node
        case YAML_SEQUENCE_START_EVENT:
            let anchor = Self.text(event.data.sequence_start.anchor)
            let here = location(event.start_mark)
            yaml_event_delete(&event)
            let before = count
            guard add(1) else { return nil }
            var items: [YAMLNode] = []
            while true {
                guard next(&event) else { return nil }
                if event.type == YAML_SEQUENCE_END_EVENT {
                    yaml_event_delete(&event)
                    break
                }
                guard let item = node(&event) else { return nil }
                items.append(item)
            }
            let node = YAMLNode(.sequence(items), at: here)
            if let anchor { anchors[anchor] = (node, count - before) }
            return node
        case YAML_MAPPING_START_EVENT:
            let anchor = Self.text(event.data.mapping_start.anchor)
            let here = location(event.start_mark)
            yaml_event_delete(&event)
            let before = count
            guard add(1) else { return nil }
            var entries: [YAMLEntry] = []
            var keys = Set<String>()
            while true {
                guard next(&event) else { return nil }
                if event.type == YAML_MAPPING_END_EVENT {
                    yaml_event_delete(&event)
                    break
                }
                // A key that is not a plain, unanchored scalar is left to Yams.
                guard event.type == YAML_SCALAR_EVENT, event.data.scalar.anchor == nil else {
                    yaml_event_delete(&event)
                    return nil
                }
                let raw = Self.value(event)
                let keyLocation = location(event.start_mark)
                yaml_event_delete(&event)
                guard let raw else { return nil }
                let key = nfc(raw)
                // Keys that are equal as Swift strings (canonical equivalence) are the only ones
                // Yams or the reader could refuse as duplicates: leave them to Yams.
                let known: Bool
                if entries.count < 16 {
                    known = entries.contains { $0.key == key }        // small maps: a scan
                } else {
                    if keys.isEmpty { keys = Set(entries.map(\.key)) }
                    known = !keys.insert(key).inserted
                }
                guard !known, add(1), next(&event), let value = node(&event) else { return nil }
                entries.append(YAMLEntry(key: key, keyLocation: keyLocation, value: value))
            }
            let node = YAMLNode(.mapping(entries), at: here)
            if let anchor { anchors[anchor] = (node, count - before) }
            return node
        default:
            yaml_event_delete(&event)
            return nil
        }
    }
}
