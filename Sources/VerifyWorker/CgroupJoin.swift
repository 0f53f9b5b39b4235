import VerifyCore

/// The worker's move into the supervisor's cgroup, made on a thread of its own while the
/// interpreter starts (see `WorkerSandbox.joinCgroup`).
struct CgroupJoin: Sendable {
    private final class Outcome: @unchecked Sendable {
        var joined = false
    }

    private let outcome = Outcome()
    private let thread: SystemThread?

    /// Starts the move; `procs` is -1 when there is no cgroup to join.
    init(procs: Int32) {
        let outcome = outcome
        thread = procs < 0 ? nil : SystemThread(stackSize: 256 << 10) { outcome.joined = WorkerSandbox.joinCgroup(procs) }
    }

    /// Waits for the move to end, once; whether it worked (false without a cgroup).
    func wait() -> Bool {
        guard let thread else { return false }
        thread.join()
        return outcome.joined
    }
}
