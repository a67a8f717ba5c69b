#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Synchronization

/// Seconds on the monotonic clock.
func monotonicSeconds() -> Double {
    var t = timespec()
    clock_gettime(CLOCK_MONOTONIC, &t)
    return Double(t.tv_sec) + Double(t.tv_nsec) * 1e-9
}

/// Whether standard error is a terminal.
func standardErrorIsTerminal() -> Bool { isatty(STDERR_FILENO) == 1 }

/// The number of online processors.
func availableCores() -> Int { max(1, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN)))) }

/// Physical memory in bytes (0 if unknown).
func physicalMemory() -> Int {
    let pages = sysconf(Int32(_SC_PHYS_PAGES)), size = sysconf(Int32(_SC_PAGESIZE))
    return pages > 0 && size > 0 ? pages * size : 0
}

/// A progress bar with rate and ETA on standard error (SPEC 7): drawn only on a terminal, only
/// after the work has lasted about a second, at most ten times a second, and erased at the end.
final class ProgressBar: Sendable {
    private struct State {
        var lastDraw = 0.0
        var drawn = false
    }

    private let total: Int
    private let label: String
    private let start = monotonicSeconds()
    private let state = Mutex(State())
    private let enabled: Bool

    init(total: Int, label: String, enabled: Bool) {
        self.total = total
        self.label = label
        self.enabled = enabled && total > 0
    }

    /// Reports that `done` units of `total` are finished (callable from any thread).
    func update(_ done: Int) {
        guard enabled else { return }
        let now = monotonicSeconds()
        let elapsed = now - start
        guard elapsed >= 1 else { return }
        let line: String? = state.withLock { s in
            guard now - s.lastDraw >= 0.1 || done >= total else { return nil }
            s.lastDraw = now
            s.drawn = true
            return render(done: min(done, total), elapsed: elapsed)
        }
        if let line { writeStandardError("\r" + line + "\u{1B}[K") }
    }

    /// Erases the bar if it was drawn.
    func finish() {
        guard enabled else { return }
        let drawn = state.withLock { $0.drawn }
        if drawn { writeStandardError("\r\u{1B}[K") }
    }

    private func render(done: Int, elapsed: Double) -> String {
        let fraction = Double(done) / Double(total)
        let width = 24
        let filled = Int((fraction * Double(width)).rounded(.down))
        let bar = String(repeating: "█", count: filled) + String(repeating: "░", count: width - filled)
        let rate = Double(done) / max(elapsed, 1e-9)
        let eta = rate > 0 ? Double(total - done) / rate : 0
        return "\(label) \(bar) \(formatNumber(fraction * 100, decimals: 0))% "
            + "\(formatNumber(Double(done), decimals: 0))/\(formatNumber(Double(total), decimals: 0)) · "
            + "\(formatNumber(rate, decimals: 0))/s · ETA \(formatNumber(eta, decimals: 1))s"
    }
}

/// Writes `text` to standard error without a newline.
func writeStandardError(_ text: String) {
    let bytes = Array(text.utf8)
    var offset = 0
    while offset < bytes.count {
        let n = bytes[offset...].withUnsafeBytes { write(STDERR_FILENO, $0.baseAddress, $0.count) }
        if n < 0 && errno == EINTR { continue }
        if n <= 0 { return }
        offset += n
    }
}
