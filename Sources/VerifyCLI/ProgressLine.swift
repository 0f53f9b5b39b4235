import Bench
import Foundation
import Pipeline
import Synchronization

/// A live `[12/87] docs/python.md:120` line on standard error, only on a TTY.
final class ProgressLine: Sendable {
    private let lastDraw = Mutex(ContinuousClock.now - .seconds(1))

    static func forStandardError() -> ProgressLine? {
        Terminal.isInteractive(STDERR_FILENO) ? ProgressLine() : nil
    }

    func update(_ progress: Verifier.Progress) {
        draw("[\(progress.finished)/\(progress.total)] \(progress.path):\(progress.line)", force: progress.finished == progress.total)
    }

    /// Redraws the line, at most every 80 ms unless `force`.
    func draw(_ text: String, force: Bool) {
        let now = ContinuousClock.now
        let due = lastDraw.withLock { last in
            guard now - last > .milliseconds(80) || force else { return false }
            last = now
            return true
        }
        guard due else { return }
        Console.err("\r\u{1B}[K\(text.prefix(120))")
    }

    func clear() {
        Console.err("\r\u{1B}[K")
    }
}

/// `[3/14] threads-cpu-bound · threads 4/10 · about 1 min 20 s left` on standard error,
/// only on a TTY.
final class BenchProgressLine: Sendable {
    private let line = ProgressLine()

    static func forStandardError() -> BenchProgressLine? {
        Terminal.isInteractive(STDERR_FILENO) ? BenchProgressLine() : nil
    }

    func update(_ progress: BenchProgress) {
        let step = progress.sample == 0 ? "calibrating" : "\(progress.sample)/\(progress.samples)"
        let position = progress.total > 0 ? "[\(progress.index)/\(progress.total)] " : ""
        let left = progress.secondsLeft > 0 ? " · about \(Self.duration(progress.secondsLeft)) left" : ""
        line.draw("\(position)\(progress.benchmark) · \(progress.series) \(step)\(left)", force: false)
    }

    func clear() { line.clear() }

    static func duration(_ seconds: Double) -> String {
        let total = Int(seconds.rounded())
        if total < 60 { return "\(total) s" }
        return total % 60 == 0 ? "\(total / 60) min" : "\(total / 60) min \(total % 60) s"
    }
}
