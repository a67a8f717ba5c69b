import Foundation

/// One `--set PATH=VALUE` override (SPEC 3.6), applied after merging.
///
/// PATH is a dotted path of keys with `[id]` or `[index]` selectors
/// (`programs[신중년경력형].events[0].absorb.시비`); VALUE is parsed as YAML. Values get positions in
/// the file `--set`: line N for the N-th override, the column counted in the whole `PATH=VALUE`
/// argument.
struct SetOverride {
    /// One step of PATH.
    enum Step: Equatable {
        /// `.name`: a key of a map (or an index or id in a list).
        case key(String)
        /// `[x]`: an index or id in a list (or a key of a map).
        case selector(String)

        var text: String {
            switch self {
            case .key(let k): k
            case .selector(let s): s
            }
        }
    }

    /// The argument as given.
    let argument: String
    /// The path as written (NFC).
    let pathText: String
    let steps: [(step: Step, column: Int)]
    let value: YAMLNode
    /// Where the override is, for diagnostics: `--set:N:1`.
    let location: SourceLocation

    /// Parses the `index`-th (1-based) override.
    /// - Throws: a `Diagnostic` for a malformed argument (a usage error, exit 64).
    init(_ argument: String, index: Int) throws(Diagnostic) {
        self.argument = argument
        let text = argument.precomposedStringWithCanonicalMapping
        location = SourceLocation(file: "--set", line: index, column: 1)
        guard let equals = text.firstIndex(of: "=") else {
            throw Diagnostic(location, "--set '\(argument)': expected PATH=VALUE",
                             hint: "for example --set trials=100000 or --set 'programs[신중년경력형].execution=0.9'")
        }
        pathText = String(text[..<equals].reversed().drop(while: { $0 == " " }).reversed())   // "a.b = 1" is fine
        var steps: [(Step, Int)] = []
        var name = ""
        var nameColumn = 1
        var column = 0
        var inSelector = false
        var selector = ""
        var selectorColumn = 0
        var afterSelector = false
        func bad(_ why: String, _ col: Int) -> Diagnostic {
            Diagnostic(SourceLocation(file: "--set", line: index, column: col),
                       "--set '\(argument)': \(why)",
                       hint: "PATH is keys separated by dots, with [id] or [index] selectors: programs[신중년경력형].events[0].absorb.시비")
        }
        for c in pathText {
            column += 1
            if inSelector {
                if c == "]" {
                    guard !selector.isEmpty else { throw bad("empty selector []", column) }
                    steps.append((.selector(selector), selectorColumn))
                    selector = ""
                    inSelector = false
                    afterSelector = true
                } else if c == "[" {
                    throw bad("'[' inside a selector", column)
                } else {
                    selector.append(c)
                }
                continue
            }
            switch c {
            case ".":
                if !name.isEmpty { steps.append((.key(name), nameColumn)); name = "" }
                else if !afterSelector { throw bad("empty key before '.'", column) }
                afterSelector = false
                nameColumn = column + 1
            case "[":
                if !name.isEmpty { steps.append((.key(name), nameColumn)); name = "" }
                else if !afterSelector { throw bad("a selector must follow a key", column) }
                inSelector = true
                afterSelector = false
                selectorColumn = column + 1
            case "]":
                throw bad("']' without '['", column)
            default:
                if afterSelector { throw bad("expected '.' or '[' after a selector", column) }
                name.append(c)
            }
        }
        if inSelector { throw bad("unclosed '['", column) }
        if !name.isEmpty { steps.append((.key(name), nameColumn)) }
        else if !afterSelector { throw bad(steps.isEmpty ? "empty PATH" : "the path ends with '.'", Swift.max(1, column)) }
        self.steps = steps.map { (step: $0.0, column: $0.1) }

        let valueColumn = text.distance(from: text.startIndex, to: equals) + 2
        let valueText = String(text[text.index(after: equals)...])
        let parsed: YAMLNode
        do {
            parsed = try YAMLReader.parse(valueText, file: "--set")
        } catch {
            let col = (error.location?.line == 1 ? error.location?.column ?? 1 : 1) + valueColumn - 1
            throw Diagnostic(SourceLocation(file: "--set", line: index, column: col),
                             "--set '\(argument)': VALUE is not valid YAML: \(error.message)",
                             hint: "quote VALUE for the shell, e.g. --set 'programs[x].shares={국비: 0.5, 시비: 0.5}'")
        }
        value = Self.relocate(parsed, line: index, shift: valueColumn - 1)
    }

    /// Moves positions of the parsed VALUE to `--set:<line>:<column in the argument>`.
    private static func relocate(_ node: YAMLNode, line: Int, shift: Int) -> YAMLNode {
        func at(_ l: SourceLocation) -> SourceLocation {
            SourceLocation(file: "--set", line: line, column: l.line == 1 ? l.column + shift : l.column)
        }
        switch node.value {
        case .sequence(let items):
            return YAMLNode(.sequence(items.map { relocate($0, line: line, shift: shift) }), at: at(node.location))
        case .mapping(let entries):
            return YAMLNode(.mapping(entries.map {
                YAMLEntry(key: $0.key, keyLocation: at($0.keyLocation), value: relocate($0.value, line: line, shift: shift))
            }), at: at(node.location))
        default:
            return YAMLNode(node.value, at: at(node.location))
        }
    }

    /// Applies the override to `document`.
    /// - Throws: a `Diagnostic` naming the path when it selects nothing.
    func apply(to document: inout YAMLNode) throws(Diagnostic) {
        try apply(&document, steps[...], walked: "")
    }

    private func apply(_ node: inout YAMLNode, _ rest: ArraySlice<(step: Step, column: Int)>, walked: String) throws(Diagnostic) {
        guard let (step, column) = rest.first else { return }
        let last = rest.count == 1
        let here = SourceLocation(file: "--set", line: location.line, column: column)
        let shown: String
        switch step {
        case .key(let k): shown = walked.isEmpty ? k : "\(walked).\(k)"
        case .selector(let s): shown = "\(walked)[\(s)]"
        }
        func nothing(_ why: String, hint: String = "") -> Diagnostic {
            Diagnostic(here, path: shown, "--set '\(argument)' selects nothing: \(why)", hint: hint)
        }
        switch node.value {
        case .mapping(var entries):
            if let i = entries.firstIndex(where: { $0.key == step.text }) {
                if last {
                    entries[i].value = value
                } else {
                    try apply(&entries[i].value, rest.dropFirst(), walked: shown)
                }
            } else {
                guard case .key(let k) = step else {
                    throw nothing("no key '\(step.text)'", hint: Suggestion.hint(for: step.text, in: entries.map(\.key), what: "keys here"))
                }
                var child = last ? value : YAMLNode(.mapping([]), at: here)
                if !last { try apply(&child, rest.dropFirst(), walked: shown) }
                entries.append(YAMLEntry(key: k, keyLocation: here, value: child))
            }
            node.value = .mapping(entries)
        case .sequence(var items):
            let s = step.text
            let index: Int?
            if s.allSatisfy({ $0.isASCII && $0.isNumber }) {
                index = Int(s).flatMap { $0 < items.count ? $0 : nil }
                if index == nil {
                    throw nothing("index \(s) is beyond the list of \(items.count) element\(items.count == 1 ? "" : "s")",
                                  hint: items.isEmpty ? "the list is empty" : "indices start at 0: [0] … [\(items.count - 1)]")
                }
            } else {
                index = items.firstIndex { ScenarioMerge.programID($0)?.0 == s }
                if index == nil {
                    let ids = items.compactMap { ScenarioMerge.programID($0)?.0 }
                    throw nothing("no element with id '\(s)'", hint: Suggestion.hint(for: s, in: ids, what: "ids"))
                }
            }
            guard let index else { return }
            if last {
                items[index] = value
            } else {
                try apply(&items[index], rest.dropFirst(), walked: shown)
            }
            node.value = .sequence(items)
        case .null where !last:
            guard case .key = step else { throw nothing("'\(walked)' is empty") }
            var child = YAMLNode(.mapping([]), at: node.location)
            try apply(&child, rest, walked: walked)
            node = child
        default:
            throw nothing("'\(walked)' is \(node.value.described), not a map or a list")
        }
    }
}
