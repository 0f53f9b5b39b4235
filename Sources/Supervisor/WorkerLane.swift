public import WorkerProtocol

/// A Python job and the seconds it may run.
public struct TimedJob: Sendable {
    public var job: PythonJob
    public var timeout: Double

    public init(job: PythonJob, timeout: Double) {
        self.job = job
        self.timeout = timeout
    }
}

/// One lane of work: a worker process used for one document at a time and replaced
/// whenever a snippet leaves it dirty, kills it or overruns its time.
///
/// A lane belongs to the thread that made it: a worker dies with the thread that
/// started it.
public final class WorkerLane {
    private let configuration: WorkerConfiguration
    private var worker: WorkerProcess?
    /// Facts the last started worker reported about its runtime.
    public private(set) var info: WorkerInfo?

    init(configuration: WorkerConfiguration) {
        self.configuration = configuration
    }

    /// Whether the run this lane belongs to was interrupted.
    public var isInterrupted: Bool { configuration.interruption?.isInterrupted == true }
    /// The folder its workers make their own folders in.
    public var scratchDirectory: String { configuration.scratchDirectory }

    /// Runs a Python job, starting a worker if there is none.
    public func run(_ job: PythonJob, timeout: Double) -> Observation {
        run([TimedJob(job: job, timeout: timeout)])[0]
    }

    /// Runs jobs in order, as `run(_:timeout:)` would one by one, but sent to the worker
    /// together so that it goes from one to the next without waiting. A job that leaves
    /// the worker to be replaced does so before the next job runs; one observation a job.
    public func run(_ batch: [TimedJob]) -> [Observation] {
        var observations: [Observation] = []
        while observations.count < batch.count {
            let empty = CapturedOutput(limit: configuration.outputLimit)
            if isInterrupted {
                let interrupted = Observation(result: nil, stdout: empty, stderr: empty, termination: .interrupted, wallSeconds: 0)
                observations += Array(repeating: interrupted, count: batch.count - observations.count)
                break
            }
            let worker: WorkerProcess
            do {
                worker = try current()
            } catch {
                // A worker stopped while starting because the run was interrupted did not fail.
                let termination: Observation.Termination = isInterrupted ? .interrupted : .workerDied("\(error)")
                observations.append(Observation(result: nil, stdout: empty, stderr: empty, termination: termination, wallSeconds: 0))
                continue
            }
            observations += worker.run(Array(batch[observations.count...]))
            if worker.mustBeReplaced { retire() }
        }
        return observations
    }

    /// Tells the worker the document is over, so nothing it imported reaches the next one.
    public func endDocument() {
        guard let worker else { return }
        worker.endDocument()
        if worker.mustBeReplaced { retire() }
    }

    /// Stops the worker, if any.
    public func close() { retire() }

    /// Starts the worker ahead of need; a failure to start is met again on first use.
    func prepare() {
        _ = try? current()
    }

    private func current() throws -> WorkerProcess {
        if let worker { return worker }
        let started = try WorkerProcess(configuration)
        worker = started
        info = started.info
        return started
    }

    private func retire() {
        worker?.terminate()
        worker = nil
    }
}
