import YesanCore

/// The merge rules of `extends` (SPEC 3.6), applied to YAML nodes so that every value keeps the
/// file, line and column where it was written.
///
/// - Maps merge key by key, recursively.
/// - `programs` merge by `id`, `drivers` and `sources` by name: a known one field by field, a new
///   one appended, `{ remove: true }` (with nothing else but the `id`) removes one.
/// - A map that holds `dist`, and a `shares` map, replace the old value whole; a map without
///   `dist` over a distribution merges key by key (changing only `mean`, say).
/// - Every other value, lists included (`events`, `targets`, `correlations`), replaces.
///
/// Problems that only merging can see (removing what no extended file declares, removing a default
/// source, `remove` with other keys, the same program id twice in one file) are collected in
/// `diagnostics`; anything else (a list where a map belongs, a program without an id) is left in
/// place for the checker to report once.
struct ScenarioMerge {
    /// The problems found so far.
    var diagnostics: [Diagnostic] = []

    /// `over` (one file, `extends` already taken out) merged onto `base` (what it extends, or an
    /// empty map).
    mutating func scenario(base: YAMLNode, over: YAMLNode) -> YAMLNode {
        guard case .mapping(var result) = base.value, case .mapping(let entries) = over.value else { return over }
        for entry in entries {
            let old = result.firstIndex { $0.key == entry.key }
            let merged: YAMLNode
            switch entry.key {
            case "programs":
                merged = programs(base: old.map { result[$0].value }, over: entry.value)
            case "drivers", "sources":
                merged = named(base: old.map { result[$0].value }, over: entry.value, section: entry.key)
            default:
                merged = old.map { map(base: result[$0].value, over: entry.value, key: entry.key) } ?? entry.value
            }
            let new = YAMLEntry(key: entry.key, keyLocation: entry.keyLocation, value: merged)
            if let old { result[old] = new } else { result.append(new) }
        }
        return YAMLNode(.mapping(result), at: over.location)
    }

    /// Maps key by key; a map with `dist`, and a `shares` map, replace whole; anything else replaces.
    func map(base: YAMLNode, over: YAMLNode, key: String?) -> YAMLNode {
        guard case .mapping(var result) = base.value, case .mapping(let entries) = over.value,
              key != "shares", !entries.contains(where: { $0.key == "dist" }) else { return over }
        for entry in entries {
            if let old = result.firstIndex(where: { $0.key == entry.key }) {
                result[old] = YAMLEntry(key: entry.key, keyLocation: entry.keyLocation,
                                        value: map(base: result[old].value, over: entry.value, key: entry.key))
            } else {
                result.append(entry)
            }
        }
        return YAMLNode(.mapping(result), at: over.location)
    }

    /// `drivers:` or `sources:` merged by name.
    mutating func named(base: YAMLNode?, over: YAMLNode, section: String) -> YAMLNode {
        guard case .mapping(let entries) = over.value else { return over }
        var result: [YAMLEntry] = []
        if let base, case .mapping(let old) = base.value { result = old }
        for entry in entries {
            func path() -> String { "\(section).\(entry.key)" }
            switch removal(entry.value, path: path(), extra: []) {
            case .invalid:
                continue
            case .remove(let at):
                if section == "sources", Scenario.defaultSourceNames.contains(entry.key) {
                    diagnostics.append(Diagnostic(at, path: path(), "a default source cannot be removed",
                                                  hint: "국비, 도비, 시비, 기금 and 기타 always exist; to lift an inherited limit write cap: null or fund: null"))
                } else if let index = result.firstIndex(where: { $0.key == entry.key }) {
                    result.remove(at: index)
                } else {
                    let what = section == "sources" ? "source" : "driver"
                    diagnostics.append(Diagnostic(entry.keyLocation, path: path(),
                                                  "cannot remove \(what) '\(entry.key)': no extended file declares it",
                                                  hint: Suggestion.hint(for: entry.key, in: result.map(\.key), what: "\(what)s to remove")))
                }
            case .none:
                if let index = result.firstIndex(where: { $0.key == entry.key }) {
                    result[index] = YAMLEntry(key: entry.key, keyLocation: entry.keyLocation,
                                              value: map(base: result[index].value, over: entry.value, key: nil))
                } else {
                    result.append(entry)
                }
            }
        }
        return YAMLNode(.mapping(result), at: over.location)
    }

    /// `programs:` merged by id.
    mutating func programs(base: YAMLNode?, over: YAMLNode) -> YAMLNode {
        guard case .sequence(let items) = over.value else { return over }
        var result: [YAMLNode] = []
        if let base, case .sequence(let old) = base.value { result = old }
        // Where each id first appears in `result` (rebuilt after a removal shifts the rest).
        var position: [String: Int] = [:]
        func index() {
            position = [:]
            for (i, node) in result.enumerated() {
                if let id = Self.programID(node)?.0, position[id] == nil { position[id] = i }
            }
        }
        index()
        var seen: [String: SourceLocation] = [:]
        for item in items {
            guard let (id, idNode) = Self.programID(item) else {
                result.append(item)           // the checker reports the missing id or the wrong type
                continue
            }
            func path() -> String { "programs[\(id)]" }
            if let first = seen[id] {
                diagnostics.append(Diagnostic(idNode.location, path: "\(path()).id",
                                              "duplicate program id '\(id)' (first at line \(first.line))",
                                              hint: "program ids must be unique within a file; rename one or merge them"))
                continue
            }
            seen[id] = idNode.location
            let known = position[id]
            switch removal(item, path: path(), extra: ["id"]) {
            case .invalid:
                continue
            case .remove:
                if let known {
                    result.remove(at: known)
                    index()
                } else {
                    let ids = result.compactMap { Self.programID($0)?.0 }
                    diagnostics.append(Diagnostic(idNode.location, path: path(),
                                                  "cannot remove program '\(id)': no extended file declares it",
                                                  hint: Suggestion.hint(for: id, in: ids, what: "programs to remove")))
                }
            case .none:
                if let known {
                    result[known] = map(base: result[known], over: item, key: nil)   // keeps the id
                } else {
                    position[id] = result.count
                    result.append(item)
                }
            }
        }
        return YAMLNode(.sequence(result), at: over.location)
    }

    /// A program's `id` when it is a mapping with a string id.
    static func programID(_ node: YAMLNode) -> (String, YAMLNode)? {
        guard case .mapping(let entries) = node.value, let id = entries.first(where: { $0.key == "id" }),
              case .string(let text) = id.value.value else { return nil }
        return (text, id.value)
    }

    private enum Removal {
        case none
        case remove(SourceLocation)
        case invalid
    }

    /// Whether `node` is `{ remove: true }` (plus the allowed `extra` keys).
    private mutating func removal(_ node: YAMLNode, path: @autoclosure () -> String, extra: [String]) -> Removal {
        guard case .mapping(let entries) = node.value, let remove = entries.first(where: { $0.key == "remove" }) else {
            return .none
        }
        let others = entries.filter { $0.key != "remove" && !extra.contains($0.key) }
        guard remove.value.value == .bool(true), others.isEmpty else {
            let example = extra.contains("id") ? "{ id: …, remove: true }" : "{ remove: true }"
            diagnostics.append(Diagnostic(others.first?.keyLocation ?? remove.value.location, path: "\(path()).remove",
                                          "remove takes true and no other keys",
                                          hint: "write \(example) to remove it, or leave remove out to change it"))
            return .invalid
        }
        return .remove(remove.keyLocation)
    }
}
