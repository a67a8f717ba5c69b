import Crypto
import Foundation

/// The canonical serialisation of a resolved document, whose SHA-256 identifies a scenario in
/// manifests and sweep databases (SPEC 6, 9).
///
/// JSON without whitespace: maps keep their order (the order of sources matters, SPEC 3.4), keys
/// and strings are NFC (as read) with JSON escapes, integers in decimal, other numbers in Swift's
/// shortest round-trip form (`0.035`, `1e-05`, `100.0`), `.inf`/`.nan` as the strings `"+inf"`,
/// `"-inf"`, `"nan"`. Comments, quoting style, flow or block style and positions do not count.
enum CanonicalForm {
    /// The canonical text of `node`.
    static func serialize(_ node: YAMLNode) -> String {
        var out = ""
        write(node, into: &out)
        return out
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
        out += "\""
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
        out += "\""
    }
}
