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
        let now = ContinuousClock.now
        let due = lastDraw.withLock { last in
            guard now - last > .milliseconds(80) || progress.finished == progress.total else { return false }
            last = now
            return true
        }
        guard due else { return }
        let text = "[\(progress.finished)/\(progress.total)] \(progress.path):\(progress.line)"
        FileHandle.standardError.write(Data("\r\u{1B}[K\(text.prefix(120))".utf8))
    }

    func clear() {
        FileHandle.standardError.write(Data("\r\u{1B}[K".utf8))
    }
}
