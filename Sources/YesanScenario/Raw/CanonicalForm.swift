import Crypto
import Foundation

/// The canonical serialisation of a resolved document, whose SHA-256 identifies a scenario in
/// manifests and sweep databases (SPEC 6, 9).
///
/// JSON without whitespace: maps keep their order (the order of sources matters, SPEC 3.4), keys
/// and strings are NFC (as read) with JSON escapes, integers in decimal, other numbers in Swift's
/// shortest round-trip form (`0.035`, `1e-05`, `100.0`), `.inf`/`.nan` as the strings `"+inf"`,
/// `"-inf"`, `"nan"`. Comments, quoting style, flow or block style and positions do not count.
///
/// What does not change results does not change the hash either (SPEC 5, 6): the keys of every
/// map are sorted by code point, except the entries of `sources` (their order is the order of
/// the constraints, SPEC 3.4); `programs` are sorted by id; each correlation pair lists its two
/// drivers in code-point order and the pairs are sorted. Other lists (events, categories,
/// groups, targets) keep their order, which is meaningful.
enum CanonicalForm {
    /// The canonical text of `node`.
    static func serialize(_ node: YAMLNode) -> String {
        String(decoding: bytes(node), as: UTF8.self)
    }

    /// The canonical text of `node` as UTF-8.
    static func bytes(_ node: YAMLNode) -> [UInt8] {
        var out: [UInt8] = []
        write(node, key: nil, into: &out)
        return out
    }

    /// Code-point order of NFC strings (UTF-8 bytes sort in code-point order).
    private static func precedes(_ a: String, _ b: String) -> Bool {
        a.utf8.lexicographicallyPrecedes(b.utf8)
    }

    /// SHA-256 of `data`, lowercase hex.
    static func sha256(_ data: Data) -> String {
        hex(SHA256.hash(data: data))
    }

    /// SHA-256 of the canonical text of `node`, lowercase hex.
    static func sha256(of node: YAMLNode) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(1 << 16)
        write(node, key: nil, into: &out)
        return hex(SHA256.hash(data: out))
    }

    private static func hex(_ digest: SHA256.Digest) -> String {
        digest.map { byte in
            let hex = String(byte, radix: 16)
            return byte < 16 ? "0" + hex : hex
        }.joined()
    }

    private static func append(_ text: String, into out: inout [UInt8]) {
        out.append(contentsOf: text.utf8)
    }

    /// Writes `node` with order-free maps and lists sorted as it goes; `key` is the map key
    /// `node` is the value of.
    private static func write(_ node: YAMLNode, key: String?, into out: inout [UInt8]) {
        switch node.value {
        case .null: append("null", into: &out)
        case .bool(let b): append(b ? "true" : "false", into: &out)
        case .int(let i): append(String(i), into: &out)
        case .number(let d):
            if d.isNaN { append("\"nan\"", into: &out) } else if d.isInfinite { append(d > 0 ? "\"+inf\"" : "\"-inf\"", into: &out) } else { append("\(d)", into: &out) }
        case .string(let s): quote(s, into: &out)
        case .sequence(let items):
            out.append(UInt8(ascii: "["))
            if key == "programs" {
                // By the canonical text of each program's id ("" without one).
                let ids = items.map { item -> [UInt8] in
                    if case .mapping(let es) = item.value, let e = es.first(where: { $0.key == "id" }) { return bytes(e.value) }
                    return []
                }
                for (n, i) in items.indices.sorted(by: { ids[$0].lexicographicallyPrecedes(ids[$1]) }).enumerated() {
                    if n > 0 { out.append(UInt8(ascii: ",")) }
                    write(items[i], key: nil, into: &out)
                }
            } else if key == "correlations" {
                // Each pair with its two drivers in code-point order, the pairs by their text.
                let texts = items.map { item -> [UInt8] in
                    guard case .sequence(var pair) = item.value, pair.count == 3,
                          case .string(let a) = pair[0].value, case .string(let b) = pair[1].value, precedes(b, a)
                    else { return bytes(item) }
                    pair.swapAt(0, 1)
                    var swapped = item
                    swapped.value = .sequence(pair)
                    return bytes(swapped)
                }
                for (n, i) in items.indices.sorted(by: { texts[$0].lexicographicallyPrecedes(texts[$1]) }).enumerated() {
                    if n > 0 { out.append(UInt8(ascii: ",")) }
                    out.append(contentsOf: texts[i])
                }
            } else {
                for (n, item) in items.enumerated() {
                    if n > 0 { out.append(UInt8(ascii: ",")) }
                    write(item, key: nil, into: &out)
                }
            }
            out.append(UInt8(ascii: "]"))
        case .mapping(let entries):
            out.append(UInt8(ascii: "{"))
            let order = key == "sources" ? Array(entries.indices)
                                         : entries.indices.sorted { precedes(entries[$0].key, entries[$1].key) }
            for (n, i) in order.enumerated() {
                if n > 0 { out.append(UInt8(ascii: ",")) }
                quote(entries[i].key, into: &out)
                out.append(UInt8(ascii: ":"))
                write(entries[i].value, key: entries[i].key, into: &out)
            }
            out.append(UInt8(ascii: "}"))
        }
    }

    /// `s` as a JSON string literal (the bytes of `jsonQuoted(s)`).
    private static func quote(_ s: String, into out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        // Most strings need no escape: copied whole, then checked.
        let start = out.count
        out.append(contentsOf: s.utf8)
        var plain = true
        out.withUnsafeBufferPointer { bytes in
            for byte in bytes[start...] where byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") {
                plain = false
                break
            }
        }
        if plain {
            out.append(UInt8(ascii: "\""))
            return
        }
        out.removeSubrange(start...)
        for byte in s.utf8 {
            switch byte {
            case UInt8(ascii: "\""): append("\\\"", into: &out)
            case UInt8(ascii: "\\"): append("\\\\", into: &out)
            case UInt8(ascii: "\n"): append("\\n", into: &out)
            case UInt8(ascii: "\r"): append("\\r", into: &out)
            case UInt8(ascii: "\t"): append("\\t", into: &out)
            case 0..<0x20:
                let hex = String(byte, radix: 16)
                append("\\u" + String(repeating: "0", count: 4 - hex.count) + hex, into: &out)
            default:
                out.append(byte)     // multi-byte scalars (Hangul …) are copied as they are
            }
        }
        out.append(UInt8(ascii: "\""))
    }
}

/// `s` as a JSON string literal: quotes, backslashes and control characters escaped, everything
/// else (Hangul included) as is. Shared by the canonical form and the command line's JSON output.
package func jsonQuoted(_ s: String) -> String {
    var out = "\""
    for scalar in s.unicodeScalars {
        switch scalar {
        case "\"": out += "\\\""
        case "\\": out += "\\\\"
        case "\n": out += "\\n"
        case "\r": out += "\\r"
        case "\t": out += "\\t"
        default:
            if scalar.value < 0x20 {
                let hex = String(scalar.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
    }
    return out + "\""
}
