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
        var out = ""
        write(normalized(node, key: nil), into: &out)
        return out
    }

    /// Code-point order of NFC strings.
    private static func precedes(_ a: String, _ b: String) -> Bool {
        a.unicodeScalars.lexicographicallyPrecedes(b.unicodeScalars)
    }

    /// `node` with order-free maps and lists sorted; `key` is the map key `node` is the value of.
    private static func normalized(_ node: YAMLNode, key: String?) -> YAMLNode {
        var node = node
        switch node.value {
        case .mapping(var entries):
            entries = entries.map { entry in
                var e = entry
                e.value = normalized(entry.value, key: entry.key)
                return e
            }
            if key != "sources" { entries.sort { precedes($0.key, $1.key) } }
            node.value = .mapping(entries)
        case .sequence(var items):
            items = items.map { normalized($0, key: nil) }
            if key == "programs" {
                func id(_ n: YAMLNode) -> String {
                    if case .mapping(let es) = n.value, let e = es.first(where: { $0.key == "id" }) { return serialize(e.value) }
                    return ""
                }
                items = items.map { ($0, id($0)) }.sorted { precedes($0.1, $1.1) }.map(\.0)
            } else if key == "correlations" {
                items = items.map { item in
                    guard case .sequence(var pair) = item.value, pair.count == 3,
                          case .string(let a) = pair[0].value, case .string(let b) = pair[1].value, precedes(b, a)
                    else { return item }
                    pair.swapAt(0, 1)
                    var swapped = item
                    swapped.value = .sequence(pair)
                    return swapped
                }
                items = items.map { ($0, serialize($0)) }.sorted { precedes($0.1, $1.1) }.map(\.0)
            }
            node.value = .sequence(items)
        default:
            break
        }
        return node
    }

    /// SHA-256 of `data`, lowercase hex.
    static func sha256(_ data: Data) -> String {
        SHA256.hash(data: data).map { byte in
            let hex = String(byte, radix: 16)
            return byte < 16 ? "0" + hex : hex
        }.joined()
    }

    /// SHA-256 of the canonical text of `node`, lowercase hex.
    static func sha256(of node: YAMLNode) -> String {
        sha256(Data(serialize(node).utf8))
    }

    private static func write(_ node: YAMLNode, into out: inout String) {
        switch node.value {
        case .null: out += "null"
        case .bool(let b): out += b ? "true" : "false"
        case .int(let i): out += String(i)
        case .number(let d):
            if d.isNaN { out += "\"nan\"" } else if d.isInfinite { out += d > 0 ? "\"+inf\"" : "\"-inf\"" } else { out += "\(d)" }
        case .string(let s): quote(s, into: &out)
        case .sequence(let items):
            out += "["
            for (i, item) in items.enumerated() {
                if i > 0 { out += "," }
                write(item, into: &out)
            }
            out += "]"
        case .mapping(let entries):
            out += "{"
            for (i, entry) in entries.enumerated() {
                if i > 0 { out += "," }
                quote(entry.key, into: &out)
                out += ":"
                write(entry.value, into: &out)
            }
            out += "}"
        }
    }

    private static func quote(_ s: String, into out: inout String) {
        out += jsonQuoted(s)
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
