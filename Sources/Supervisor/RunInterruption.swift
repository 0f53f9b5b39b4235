import Foundation
import Synchronization

/// Tells a run to stop: lanes take no more documents, running jobs end at once with
/// their workers killed, and what finished is still reported.
///
/// ```swift
/// let interruption = RunInterruption()
/// // from a signal handler's queue:
/// interruption.interrupt(signal: SIGINT)
/// ```
public final class RunInterruption: Sendable {
    private let state = Mutex<Int32?>(nil)
    /// Becomes readable, and stays so, once the run is interrupted; workers' pumps poll it.
    let descriptor: Int32
    private let writeEnd: Int32

    public init() {
        let pipe = (try? Syscall.pipe()) ?? (read: -1, write: -1)
        descriptor = pipe.read
        writeEnd = pipe.write
    }

    deinit {
        Syscall.close(descriptor)
        Syscall.close(writeEnd)
    }

    /// Interrupts the run; only the first signal is kept.
    public func interrupt(signal: Int32) {
        let first = state.withLock { current in
            guard current == nil else { return false }
            current = signal
            return true
        }
        if first { _ = Syscall.writeAll(writeEnd, [1]) }
    }

    /// The signal that interrupted the run, if any.
    public var signal: Int32? { state.withLock { $0 } }
    public var isInterrupted: Bool { signal != nil }
}
