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
    /// Lane threads `warmUp()` started, waiting for `map` to give them work.
    private let warmLanes = Mutex<[ParkedLane]>([])

    /// Also sets SIGPIPE to be ignored in this process: a worker that dies between two
    /// jobs must turn the next write into an error, not kill the host.
    public init(configuration: WorkerConfiguration, jobs: Int) {
        self.configuration = configuration
        self.jobs = max(1, jobs)
        signal(SIGPIPE, SIG_IGN)
    }

    /// Begins to start one more lane's worker (up to `jobs`) in the background, so that
    /// it is ready, or nearly, when `map` needs it: a caller reading its documents calls
    /// this on finding the first ones with Python snippets.
    public func warmUp() {
        warmLanes.withLock { lanes in
            guard lanes.count < jobs else { return }
            lanes.append(ParkedLane(configuration: configuration))
        }
    }

    deinit {
        // Lanes warmed for a `map` that never came.
        warmLanes.withLock { $0 }.forEach { $0.close() }
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
        let warmed = warmLanes.withLock { lanes in
            defer { lanes = [] }
            return lanes
        }
        await withTaskGroup(of: Void.self) { group in
            for index in 0..<laneCount {
                group.addTask {
                    await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
                        let drain: @Sendable (WorkerLane) -> Void = { lane in
                            while true {
                                guard let index = work.take() else { break }
                                work.store(body(items[index], lane), at: index)
                            }
                            lane.close()
                            continuation.resume()
                        }
                        if index < warmed.count {
                            warmed[index].give(drain)
                        } else {
                            SystemThread(stackSize: ParkedLane.stackSize) { drain(WorkerLane(configuration: configuration)) }.detach()
                        }
                    }
                }
            }
        }
        warmed.dropFirst(laneCount).forEach { $0.close() }
        return work.outputs()
    }
}

/// A lane thread started ahead of `map`: it starts its worker, then waits for its work.
/// (A worker dies with the thread that started it, so the thread that starts it must be
/// the one that uses it.)
private final class ParkedLane: Sendable {
    static let stackSize = 4 << 20
    private let work = Mutex<(@Sendable (WorkerLane) -> Void)?>(nil)
    private let arrived = DispatchSemaphore(value: 0)

    init(configuration: WorkerConfiguration) {
        SystemThread(stackSize: Self.stackSize) { [self] in
            let lane = WorkerLane(configuration: configuration)
            lane.prepare()
            arrived.wait()
            work.withLock { $0 }?(lane)
        }.detach()
    }

    /// Runs `body` on the lane's thread with its lane.
    func give(_ body: @escaping @Sendable (WorkerLane) -> Void) {
        work.withLock { $0 = body }
        arrived.signal()
    }

    /// Stops the lane's worker, and waits until it is stopped.
    func close() {
        let closed = DispatchSemaphore(value: 0)
        give { lane in
            lane.close()
            closed.signal()
        }
        closed.wait()
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
