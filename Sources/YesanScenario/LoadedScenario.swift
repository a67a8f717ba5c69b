import YesanCore

/// A file read while loading a scenario, for the manifest (SPEC 6).
public struct InputFile: Sendable, Hashable {
    /// The command-line file as the user named it; a file reached through `extends`, relative to
    /// the directory of the command-line file (e.g. `base.yaml`, `common/goyang.yaml`, or
    /// `../shared/base.yaml` with `--allow-outside`).
    public let path: String
    /// SHA-256 of the file's bytes, lowercase hex.
    public let sha256: String

    /// A file read, with the SHA-256 (lowercase hex) of its bytes.
    public init(path: String, sha256: String) {
        self.path = path
        self.sha256 = sha256
    }
}

/// A checked scenario with what the manifest needs to reproduce it (SPEC 6).
public struct LoadedScenario: Sendable {
    /// The checked model.
    public var scenario: Scenario
    /// Every file read: the command-line file first, then the files of its `extends` chain.
    public var inputs: [InputFile]
    /// SHA-256 (lowercase hex) of the canonical serialisation of the merged document with the
    /// `--set` overrides applied (see `docs/scenario-format.md`, "Resolved hash").
    public var resolvedSHA256: String
    /// The `--set` overrides as given, in order.
    public var sets: [String]

    /// A loaded scenario; `ScenarioLoader` makes these.
    public init(scenario: Scenario, inputs: [InputFile], resolvedSHA256: String, sets: [String]) {
        self.scenario = scenario
        self.inputs = inputs
        self.resolvedSHA256 = resolvedSHA256
        self.sets = sets
    }
}
