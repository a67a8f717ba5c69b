import Foundation

/// Reads the command-line file and, recursively, the files it `extends` (SPEC 3.6), and merges
/// them into one document with positions.
///
/// - `extends: FILE` is relative to the extending file's directory; the file must stay inside the
///   directory tree of the command-line file (symbolic links resolved) unless `allowOutside`.
/// - At most `maximumDepth` extends steps; a file reached twice on one chain is a cycle.
/// - Every file needs `yesan: 1`. A file without `unit` inherits the unit of the file it extends;
///   one that declares another unit than that is refused (the root's default is 백만원).
///
/// A file that cannot be read or parsed stops the load after this layer (`fatal`): without it the
/// rest of the checks would only report consequences.
struct ExtendsChain {
    /// Extends steps allowed below the command-line file.
    static let maximumDepth = 8

    let allowOutside: Bool
    /// The directory of the command-line file, absolute and with symbolic links resolved.
    let rootReal: String
    /// The same directory, absolute and lexically normalised (for relative manifest paths).
    let rootLexical: String
    /// The same directory as the user named it (for diagnostic file names), "" for the cwd.
    let rootDisplay: String

    var diagnostics: [Diagnostic] = []
    var inputs: [InputFile] = []
    /// Display names of the files read, in order (for sorting diagnostics).
    var fileOrder: [String] = []
    /// A file could not be read (exit 66).
    var unreadable = false
    /// A file could not be read or parsed: stop after this layer.
    var fatal = false
    var merge = ScenarioMerge()

    /// - Parameters:
    ///   - commandLinePath: the command-line file (or the name given to YAML text) as the user named it.
    init(commandLinePath: String, allowOutside: Bool) {
        self.allowOutside = allowOutside
        let absolute = Self.absolute(commandLinePath)
        let directory = (absolute as NSString).deletingLastPathComponent
        rootLexical = directory
        rootReal = URL(fileURLWithPath: directory).resolvingSymlinksInPath().path
        rootDisplay = (commandLinePath as NSString).deletingLastPathComponent
    }

    /// An absolute, lexically normalised path (`.` and `..` removed).
    static func absolute(_ path: String) -> String {
        let base = path.hasPrefix("/") ? path : FileManager.default.currentDirectoryPath + "/" + path
        return normalize(base)
    }

    /// `.` and `..` removed lexically; keeps leading `..` of a relative path.
    static func normalize(_ path: String) -> String {
        let isAbsolute = path.hasPrefix("/")
        var parts: [Substring] = []
        for part in path.split(separator: "/", omittingEmptySubsequences: true) {
            if part == "." { continue }
            if part == "..", let last = parts.last, last != ".." { parts.removeLast(); continue }
            if part == "..", isAbsolute { continue }
            parts.append(part)
        }
        let joined = parts.joined(separator: "/")
        return isAbsolute ? "/" + joined : (joined.isEmpty ? "." : joined)
    }

    /// `file` relative to the directory `from` (both absolute and normalised).
    static func relative(_ file: String, from directory: String) -> String {
        let f = file.split(separator: "/"), d = directory.split(separator: "/")
        var common = 0
        while common < f.count, common < d.count, f[common] == d[common] { common += 1 }
        let up = Array(repeating: "..", count: d.count - common)
        return (up + f[common...].map(String.init)).joined(separator: "/")
    }

    /// The text of YAML given directly (not from a file) under the name `file`.
    mutating func load(text: String, file: String) -> YAMLNode? {
        inputs.append(InputFile(path: file, sha256: CanonicalForm.sha256(Data(text.utf8))))
        fileOrder.append(file)
        let absolute = Self.absolute(file)
        let real = URL(fileURLWithPath: absolute).resolvingSymlinksInPath().path
        return document(text: text, display: file, absolute: absolute, chain: [(real, file)])?.0
    }

    /// The command-line file at `path`.
    mutating func load(path: String) -> YAMLNode? {
        let absolute = Self.absolute(path)
        guard let text = read(absolute: absolute, display: path, manifest: path, at: nil) else { return nil }
        let real = URL(fileURLWithPath: absolute).resolvingSymlinksInPath().path
        return document(text: text, display: path, absolute: absolute, chain: [(real, path)])?.0
    }

    /// Reads a file, recording it in `inputs`; nil (with a diagnostic) when missing, unreadable,
    /// too large or not UTF-8.
    private mutating func read(absolute: String, display: String, manifest: String, at: SourceLocation?) -> String? {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: absolute, isDirectory: &isDirectory) else {
            diagnostics.append(Diagnostic(at, "cannot read \(display): no such file",
                                          hint: at == nil ? "check the path and the current directory" : "extends is relative to the extending file's directory"))
            unreadable = true; fatal = true
            return nil
        }
        guard !isDirectory.boolValue else {
            diagnostics.append(Diagnostic(at, "cannot read \(display): it is a directory", hint: "name a .yaml file"))
            unreadable = true; fatal = true
            return nil
        }
        guard let size = Self.regularFileSize(URL(fileURLWithPath: absolute).resolvingSymlinksInPath().path) else {
            diagnostics.append(Diagnostic(at, "cannot read \(display): not a regular file", hint: "name a .yaml file"))
            unreadable = true; fatal = true
            return nil
        }
        if size > YAMLReader.maximumFileSize {
            diagnostics.append(Diagnostic(at, "\(display) is \(size / 1_048_576) MiB; scenario files may be at most 16 MiB",
                                          hint: "a scenario is a description, not data: split it or check the file"))
            fatal = true
            return nil
        }
        guard let data = FileManager.default.contents(atPath: absolute) else {
            diagnostics.append(Diagnostic(at, "cannot read \(display): permission denied or I/O error", hint: "check the file's permissions"))
            unreadable = true; fatal = true
            return nil
        }
        inputs.append(InputFile(path: manifest, sha256: CanonicalForm.sha256(data)))
        fileOrder.append(display)
        guard var text = String(data: data, encoding: .utf8) else {
            diagnostics.append(Diagnostic(SourceLocation(file: display, line: 1, column: 1), "\(display) is not UTF-8 text",
                                          hint: "save the file as UTF-8"))
            fatal = true
            return nil
        }
        if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
        return text
    }

    /// The size of the regular file at `path`; nil when it is something else or cannot be
    /// examined. What `FileManager.attributesOfItem` tells (it does not follow a final symbolic
    /// link either), without building its dictionary and casting its values.
    static func regularFileSize(_ path: String) -> Int? {
        var info = stat()
        guard lstat(path, &info) == 0, info.st_mode & S_IFMT == S_IFREG else { return nil }
        return Int(info.st_size)
    }

    /// A file on the chain being read: its real path (for cycles) and its display name.
    typealias Link = (real: String, display: String)

    /// Parses one file, loads what it extends and merges it onto that; returns the merged
    /// document and the chain's unit.
    private mutating func document(text: String, display: String, absolute: String, chain: [Link]) -> (YAMLNode, String)? {
        let parsed: YAMLNode
        do {
            parsed = try YAMLReader.parse(text, file: display)
        } catch {
            diagnostics.append(error)
            fatal = true
            return nil
        }
        let start = SourceLocation(file: display, line: 1, column: 1)
        guard case .mapping(var entries) = parsed.value else {
            diagnostics.append(Diagnostic(parsed.location, "a scenario file is a YAML map, got \(parsed.value.described)",
                                          hint: "start with yesan: 1, then years:, programs: …"))
            fatal = true
            return nil
        }
        if let version = entries.first(where: { $0.key == "yesan" }) {
            if version.value.value != .int(1) {
                diagnostics.append(Diagnostic(version.value.location, path: "yesan",
                                              "unsupported format version: expected yesan: 1, got \(version.value.value.described)",
                                              hint: "this version of yesan reads yesan: 1"))
            }
        } else {
            diagnostics.append(Diagnostic(start, path: "yesan", "the format version 'yesan: 1' is required",
                                          hint: "add the line yesan: 1 at the top of \(display)"))
        }
        var base = YAMLNode(.mapping([]), at: start)
        var unit = MoneyUnit.default.rawValue
        if let index = entries.firstIndex(where: { $0.key == "extends" }) {
            let ext = entries.remove(at: index)
            guard let loaded = extends(ext, absolute: absolute, chain: chain) else { return nil }
            base = loaded.document
            if let own = entries.first(where: { $0.key == "unit" }), case .string(let declared) = own.value.value,
               declared != loaded.unit {
                diagnostics.append(Diagnostic(own.value.location, path: "unit",
                                              "unit \(declared) differs from \(loaded.unit), the unit of the extended file \(loaded.display)",
                                              hint: "every file of an extends chain uses one unit: leave unit out to inherit \(loaded.unit), or convert the amounts"))
            }
            unit = loaded.unit
        }
        if let own = entries.first(where: { $0.key == "unit" }), case .string(let declared) = own.value.value { unit = declared }
        let own = YAMLNode(.mapping(entries), at: parsed.location)
        return (merge.scenario(base: base, over: own), unit)
    }

    /// Follows an `extends` entry: the merged document of the extended file, its unit and name.
    private mutating func extends(_ entry: YAMLEntry, absolute: String, chain: [Link]) -> (document: YAMLNode, unit: String, display: String)? {
        guard case .string(let target) = entry.value.value, !target.isEmpty else {
            diagnostics.append(Diagnostic(entry.value.location, path: "extends",
                                          "expected a file name, got \(entry.value.value.described)",
                                          hint: "extends: base.yaml (relative to this file's directory)"))
            fatal = true
            return nil
        }
        let here = (absolute as NSString).deletingLastPathComponent
        let next = Self.normalize(target.hasPrefix("/") ? target : here + "/" + target)
        let real = URL(fileURLWithPath: next).resolvingSymlinksInPath().path
        let manifest = Self.relative(next, from: rootLexical)
        let display = rootDisplay.isEmpty ? manifest : Self.normalize(rootDisplay + "/" + manifest)
        if chain.contains(where: { $0.real == real }) {
            let names = chain.map(\.display) + [display]
            diagnostics.append(Diagnostic(entry.value.location, path: "extends",
                                          "extends cycle: \(names.joined(separator: " -> "))",
                                          hint: "a file cannot extend itself, directly or through others"))
            fatal = true
            return nil
        }
        if chain.count > Self.maximumDepth {
            diagnostics.append(Diagnostic(entry.value.location, path: "extends",
                                          "the extends chain is deeper than \(Self.maximumDepth) steps",
                                          hint: "merge some of the intermediate files"))
            fatal = true
            return nil
        }
        if !allowOutside, real != rootReal, !real.hasPrefix(rootReal == "/" ? "/" : rootReal + "/") {
            diagnostics.append(Diagnostic(entry.value.location, path: "extends",
                                          "'\(target)' leaves the directory tree of the command-line file (\(rootDisplay.isEmpty ? "." : rootDisplay))",
                                          hint: "move the file into that directory tree, or pass --allow-outside"))
            fatal = true
            return nil
        }
        guard let text = read(absolute: next, display: display, manifest: manifest, at: entry.value.location),
              let (document, unit) = document(text: text, display: display, absolute: next, chain: chain + [(real, display)])
        else { return nil }
        return (document, unit, display)
    }
}
