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
