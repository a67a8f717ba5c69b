import Foundation
import YesanCore

/// Loads scenario files into the checked model: reads the `extends` chain, merges it, applies
/// `--set` overrides and checks everything (SPEC 3, 3.6, 11).
///
/// Every problem is reported at once, in file order, each with file:line:column, key path, what
/// was expected and a hint. See `docs/scenario-format.md`.
public enum ScenarioLoader {
    /// Loads the scenario file at `path`.
    ///
    /// - Parameters:
    ///   - path: the command-line file, as the user named it (relative to the current directory
    ///     or absolute). Diagnostics and `inputs` use this name.
    ///   - sets: `--set PATH=VALUE` overrides, applied in order after merging.
    ///   - allowOutside: let `extends` leave the directory tree of `path` (`--allow-outside`).
    /// - Returns: the checked scenario with its inputs' hashes and the resolved hash.
    /// - Throws: `ScenarioLoadError` with every problem: `.usage` (64) for a malformed `--set`,
    ///   `.unreadable` (66) for a missing or unreadable file, `.invalid` (65) otherwise.
    public static func load(path: String, sets: [String] = [], allowOutside: Bool = false) throws(ScenarioLoadError) -> LoadedScenario {
        let overrides = try parseSets(sets)
        var chain = ExtendsChain(commandLinePath: path, allowOutside: allowOutside)
        let document = chain.load(path: path)
        return try finish(document, chain: chain, overrides: overrides, sets: sets, defaultName: stem(path))
    }

    /// Loads a scenario given as YAML text, as if read from `file` (used in positions and as the
    /// default name; `extends` is relative to `file`'s directory, the current directory for a bare
    /// name, and may not leave it).
    ///
    /// - Throws: `ScenarioLoadError` as `load(path:sets:allowOutside:)`.
    public static func load(yaml: String, file: String, sets: [String] = []) throws(ScenarioLoadError) -> LoadedScenario {
        let overrides = try parseSets(sets)
        var chain = ExtendsChain(commandLinePath: file, allowOutside: false)
        let document = chain.load(text: yaml, file: file)
        return try finish(document, chain: chain, overrides: overrides, sets: sets, defaultName: stem(file))
    }

    /// The file name without directory and extension: the default scenario name.
    static func stem(_ path: String) -> String {
        ((path as NSString).lastPathComponent as NSString).deletingPathExtension
    }

    /// Parses every `--set`; a malformed one is a usage error (all of them reported).
    static func parseSets(_ sets: [String]) throws(ScenarioLoadError) -> [SetOverride] {
        var overrides: [SetOverride] = []
        var problems: [Diagnostic] = []
        for (i, text) in sets.enumerated() {
            do { overrides.append(try SetOverride(text, index: i + 1)) } catch { problems.append(error) }
        }
        if !problems.isEmpty { throw ScenarioLoadError(kind: .usage, diagnostics: problems) }
        return overrides
    }

    private static func finish(_ document: YAMLNode?, chain: ExtendsChain, overrides: [SetOverride], sets: [String],
                               defaultName: String) throws(ScenarioLoadError) -> LoadedScenario {
        var diagnostics = chain.diagnostics + chain.merge.diagnostics
        guard var document, !chain.fatal else {
            throw ScenarioLoadError(kind: chain.unreadable ? .unreadable : .invalid,
                                    diagnostics: sorted(diagnostics, files: chain.fileOrder))
        }
        for o in overrides {
            do { try o.apply(to: &document) } catch { diagnostics.append(error) }
        }
        var checker = ScenarioChecker()
        let scenario = checker.scenario(document, defaultName: defaultName)
        diagnostics += checker.diagnostics
        guard diagnostics.isEmpty, let scenario else {
            if diagnostics.isEmpty {
                diagnostics.append(Diagnostic(nil, "the scenario is invalid", hint: "please report this: no specific problem was recorded"))
            }
            throw ScenarioLoadError(kind: .invalid, diagnostics: sorted(diagnostics, files: chain.fileOrder))
        }
        return LoadedScenario(scenario: scenario, inputs: chain.inputs, resolvedSHA256: CanonicalForm.sha256(of: document),
                              sets: sets)
    }

    /// Diagnostics in file order: files in the order read, then `--set`, then those without a
    /// position; within a file by line and column (stable otherwise).
    static func sorted(_ diagnostics: [Diagnostic], files: [String]) -> [Diagnostic] {
        func rank(_ d: Diagnostic) -> (Int, Int, Int) {
            guard let l = d.location else { return (Int.max, 0, 0) }
            let file = l.file == "--set" ? Int.max - 1 : (files.firstIndex(of: l.file) ?? Int.max - 2)
            return (file, l.line, l.column)
        }
        return diagnostics.enumerated().sorted { a, b in
            let ra = rank(a.element), rb = rank(b.element)
            return ra != rb ? ra < rb : a.offset < b.offset
        }.map(\.element)
    }
}
