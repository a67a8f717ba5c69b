/// Why a scenario could not be loaded: every problem found, with its kind's exit status (SPEC 7).
public struct ScenarioLoadError: Error, Sendable, CustomStringConvertible {
    /// The kind of failure, which decides the exit status.
    public enum Kind: Sendable, Hashable {
        /// A `--set` argument that is not `PATH=VALUE` with a well-formed path (exit 64).
        case usage
        /// A file that is missing or cannot be read, the command-line file or one it extends (exit 66).
        case unreadable
        /// Malformed YAML or an invalid scenario (exit 65).
        case invalid
    }

    /// The kind of failure.
    public let kind: Kind
    /// Every problem found, in file order (files in the order read, then `--set`).
    public let diagnostics: [Diagnostic]

    /// A failure of `kind` with its problems, in the order to show them.
    public init(kind: Kind, diagnostics: [Diagnostic]) {
        self.kind = kind
        self.diagnostics = diagnostics
    }

    /// The sysexits status: 64 usage, 66 unreadable input, 65 invalid data.
    public var exitCode: Int32 {
        switch kind {
        case .usage: 64
        case .unreadable: 66
        case .invalid: 65
        }
    }

    /// One diagnostic per line.
    public var description: String { diagnostics.map(\.description).joined(separator: "\n") }
}
