extension YAMLValue {
    /// What the value is, for messages: "a list", "a map", "true", "nothing (null)", "the text 'x'".
    var described: String {
        switch self {
        case .null: "nothing (null)"
        case .bool(let b): "\(b)"
        case .int(let i): "the number \(i)"
        case .number(let d): "the number \(d)"
        case .string(let s): "the text '\(s.count > 40 ? String(s.prefix(40)) + "…" : s)'"
        case .sequence: "a list"
        case .mapping: "a map"
        }
    }
}

extension YAMLNode {
    /// The entries of a mapping (empty for anything else).
    var entries: [YAMLEntry] {
        if case .mapping(let e) = value { return e }
        return []
    }

    /// The entry for `key`, if this is a mapping that has it.
    func entry(_ key: String) -> YAMLEntry? {
        guard case .mapping(let entries) = value else { return nil }
        for entry in entries where entry.key == key { return entry }
        return nil
    }
}
