import Foundation
import Testing

/// The built `yesan` executable, next to this test bundle in the build products folder.
func yesanExecutable() -> URL {
    var dir = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
    // On Linux the test runner is `<products>/yesanPackageTests.xctest`; its folder holds `yesan`.
    while !FileManager.default.isExecutableFile(atPath: dir.appendingPathComponent("yesan").path) {
        let up = dir.deletingLastPathComponent()
        if up.path == dir.path { break }
        dir = up
    }
    return dir.appendingPathComponent("yesan")
}

/// Runs `yesan` with `arguments`; returns (exit status, standard output, standard error).
func runYesan(_ arguments: [String], environment: [String: String] = [:]) throws -> (Int32, String, String) {
    let process = Process()
    process.executableURL = yesanExecutable()
    process.arguments = arguments
    var env = ProcessInfo.processInfo.environment
    for (k, v) in environment { env[k] = v }
    process.environment = env
    let out = Pipe(), err = Pipe()
    process.standardOutput = out
    process.standardError = err
    try process.run()
    let o = out.fileHandleForReading.readDataToEndOfFile()
    let e = err.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (process.terminationStatus, String(decoding: o, as: UTF8.self), String(decoding: e, as: UTF8.self))
}

/// The committed golden files of CLI output.
let snapshotsDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Snapshots")

/// Compares `actual` with the golden file `name`; `YESAN_RECORD=1 swift test` rewrites it instead.
func assertSnapshot(_ actual: String, named name: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
    let url = snapshotsDirectory.appendingPathComponent(name)
    if ProcessInfo.processInfo.environment["YESAN_RECORD"] == "1" {
        try actual.write(to: url, atomically: true, encoding: .utf8)
        return
    }
    let expected = try String(contentsOf: url, encoding: .utf8)
    #expect(actual == expected, "output differs from Snapshots/\(name); YESAN_RECORD=1 swift test re-records", sourceLocation: sourceLocation)
}

@Suite("yesan command line")
struct CLITests {
    @Test("--version prints the version")
    func version() throws {
        let (status, out, _) = try runYesan(["--version"])
        #expect(status == 0 && out == "0.2.0\n")
    }

    @Test("help lists the dist command", arguments: [["help"], ["--help"], ["help", "dist"]])
    func help(arguments: [String]) throws {
        let (status, out, _) = try runYesan(arguments)
        #expect(status == 0)
        #expect(out.contains("dist"))
    }

    @Test("yesan dist: golden tables in Korean and English", arguments: ["ko", "en"])
    func distTable(lang: String) throws {
        let (status, out, err) = try runYesan(["dist", "beta", "--mean", "0.92", "--sd", "0.03", "--trials", "20000", "--lang", lang])
        #expect(status == 0, "\(err)")
        try assertSnapshot(out, named: "dist-beta-\(lang).txt")
    }

    @Test("yesan dist: clipped normal from a 90 % interval")
    func distClipped() throws {
        let (status, out, _) = try runYesan(["dist", "normal", "--ci90", "0.01,0.05", "--clip=0.02,", "--trials", "20000", "--lang", "en"])
        #expect(status == 0)
        try assertSnapshot(out, named: "dist-normal-clip-en.txt")
    }

    @Test("bad input exits 64 with the parameter and the fix named",
          arguments: [
            (["dist", "beta", "--mean", "0.5", "--sd", "0.6"], "the sd must be below 0.5"),
            (["dist", "gamma", "--mean", "3"], "gamma needs --sd"),
            (["dist", "weibull"], "unknown distribution 'weibull'"),
            (["dist", "normal", "--mean", "0", "--sd", "1", "--trials", "0"], "--trials must be between 1"),
            (["dist", "uniform", "--min", "2", "--max", "1"], "max: must be above min"),
            (["dist", "normal", "--ci90", "0.01"], "--ci90 takes LO,HI"),
          ])
    func badInput(arguments: [String], message: String) throws {
        let (status, out, err) = try runYesan(arguments)
        #expect(status == 64)
        #expect(out.isEmpty)
        #expect(err.contains(message), "stderr: \(err)")
    }
}
