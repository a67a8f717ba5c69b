#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes `text` to `path` atomically: a temporary file in the same directory, flushed and
/// synced, then renamed over `path`. On any failure the temporary file is removed and
/// nothing is left at `path` that was not there before (status 73).
func writeAtomically(_ text: String, to path: String) throws(FileProblem) {
    let slash = path.lastIndex(of: "/")
    let directory = slash.map { String(path[...$0]) } ?? ""
    let base = slash.map { String(path[path.index(after: $0)...]) } ?? path
    var template = Array((directory + "." + base + ".tmp-XXXXXX").utf8CString)
    let fd = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
    guard fd >= 0 else {
        throw FileProblem(status: 73, message: "\(path): cannot write: \(String(cString: strerror(errno)))")
    }
    let temporary = template.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
    var failure: String?
    var bytes = Array(text.utf8)[...]
    while !bytes.isEmpty && failure == nil {
        let n = bytes.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
        if n < 0 {
            if errno == EINTR { continue }
            failure = String(cString: strerror(errno))
        } else {
            bytes = bytes.dropFirst(n)
        }
    }
    if failure == nil && fsync(fd) != 0 { failure = String(cString: strerror(errno)) }
    if close(fd) != 0 && failure == nil { failure = String(cString: strerror(errno)) }
    if failure == nil {
        _ = fchmodat(AT_FDCWD, temporary, 0o644, 0)
        if rename(temporary, path) != 0 { failure = String(cString: strerror(errno)) }
    }
    if let failure {
        unlink(temporary)
        throw FileProblem(status: 73, message: "\(path): cannot write: \(failure)")
    }
}

/// Writes a line to standard error.
func printError(_ message: String) {
    writeStandardError(message + "\n")
}
