import Foundation
import VerifyCore
import Synchronization

/// Runs work items on a fixed number of worker lanes, each on its own thread, so that
/// a lane blocked on a slow snippet never holds up Swift's cooperative thread pool.
///
/// ```swift
/// let supervisor = Supervisor(configuration: configuration, jobs: 2)
/// let reports = await supervisor.map(documents) { document, lane in
///     runDocument(document, on: lane)
/// }
/// ```
public final class Supervisor: Sendable {
    public let configuration: WorkerConfiguration
    public let jobs: Int

    /// Also sets SIGPIPE to be ignored in this process: a worker that dies between two
    /// jobs must turn the next write into an error, not kill the host.
    public init(configuration: WorkerConfiguration, jobs: Int) {
        self.configuration = configuration
        self.jobs = max(1, jobs)
        signal(SIGPIPE, SIG_IGN)
    }

    /// Applies `body` to every item, `jobs` at a time, and returns the outputs in the
    /// items' order. Each call of `body` has a lane to itself for its whole duration.
    /// Once the configuration's interruption fires, no item is started any more: those
    /// are nil.
    public func map<Item: Sendable, Output: Sendable>(
        _ items: [Item], _ body: @escaping @Sendable (Item, WorkerLane) -> Output
    ) async -> [Output?] {
        let work = WorkQueue<Output>(count: items.count, interruption: configuration.interruption)
        let laneCount = min(jobs, max(items.count, 1))
        let configuration = self.configuration
        await withTaskGroup(of: Void.self) { group in
            for _ in 0..<laneCount {
                group.addTask {
                    await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
                        SystemThread(stackSize: 4 << 20) {
                            let lane = WorkerLane(configuration: configuration)
                            while true {
                                guard let index = work.take() else { break }
                                work.store(body(items[index], lane), at: index)
                            }
                            lane.close()
                            continuation.resume()
                        }.detach()
                    }
                }
            }
        }
        return work.outputs()
    }
}

/// Hands out item indices to lanes and keeps their outputs in order.
private final class WorkQueue<Output: Sendable>: Sendable {
    private let state: Mutex<(next: Int, outputs: [Output?])>
    private let interruption: RunInterruption?

    init(count: Int, interruption: RunInterruption?) {
        state = Mutex((0, [Output?](repeating: nil, count: count)))
        self.interruption = interruption
    }

    func take() -> Int? {
        if interruption?.isInterrupted == true { return nil }
        return state.withLock { state in
            guard state.next < state.outputs.count else { return nil }
            defer { state.next += 1 }
            return state.next
        }
    }

    func store(_ output: Output, at index: Int) {
        state.withLock { $0.outputs[index] = output }
    }

    func outputs() -> [Output?] {
        state.withLock { $0.outputs }
    }
}
