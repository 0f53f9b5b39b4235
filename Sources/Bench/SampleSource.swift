public import Foundation
public import Supervisor
import WorkerProtocol

/// One measurement of one workload: the metric values of a sample.
public struct Sample: Sendable, Hashable {
    public var values: [BenchMetric: Double]
    /// Seconds the sample took from start to answer, worker start included.
    public var elapsed: Double
    public var python: String?
    public var sqlite: String?

    public init(values: [BenchMetric: Double], elapsed: Double = 0, python: String? = nil, sqlite: String? = nil) {
        self.values = values
        self.elapsed = elapsed
        self.python = python
        self.sqlite = sqlite
    }
}

/// Loops per sample for a workload, and the seconds one loop took while calibrating.
public struct Calibration: Sendable, Hashable {
    public var loops: Int
    public var secondsPerLoop: Double

    public init(loops: Int, secondsPerLoop: Double) {
        self.loops = loops
        self.secondsPerLoop = secondsPerLoop
    }
}

/// A failure to measure a workload (its code raised, its worker died).
public struct BenchError: Error, Sendable, Hashable, CustomStringConvertible {
    public var description: String
    public init(_ description: String) { self.description = description }
}

/// Where samples come from. The real source runs each one in a fresh worker process;
/// tests use sources that record the order of requests.
public protocol SampleSource: AnyObject {
    func calibrate(_ workload: Workload, of benchmark: BenchmarkSpec, target: Double) throws(BenchError) -> Calibration
    /// A time sample (`.wall`, `.cpu`, `.rss`) or, for `.memory`, a tracemalloc peak.
    func sample(_ workload: Workload, of benchmark: BenchmarkSpec, loops: Int, metric: BenchMetric) throws(BenchError) -> Sample
}

/// Runs every calibration and every sample in a fresh worker process (the lane is
/// closed after each job), so no sample inherits another's heap, caches or threads.
public final class WorkerSampleSource: SampleSource {
    private let lane: WorkerLane
    /// Seconds one job may run beyond what its loops should take.
    public var timeout: Double

    public init(lane: WorkerLane, timeout: Double) {
        self.lane = lane
        self.timeout = timeout
    }

    public func calibrate(_ workload: Workload, of benchmark: BenchmarkSpec, target: Double) throws(BenchError) -> Calibration {
        let answer = try run(PythonHarness.Request(mode: .calibrate, workload: workload, target: target), benchmark).answer
        return Calibration(loops: answer.loops, secondsPerLoop: answer.wall ?? target)
    }

    public func sample(
        _ workload: Workload, of benchmark: BenchmarkSpec, loops: Int, metric: BenchMetric
    ) throws(BenchError) -> Sample {
        let mode: PythonHarness.Mode = metric == .memory ? .memory : .time
        let (answer, elapsed) = try run(PythonHarness.Request(mode: mode, workload: workload, loops: loops), benchmark)
        var values: [BenchMetric: Double] = [:]
        values[.wall] = answer.wall
        values[.cpu] = answer.cpu
        values[.memory] = answer.memory
        values[.rss] = answer.rss
        return Sample(values: values, elapsed: elapsed, python: answer.python, sqlite: answer.sqlite)
    }

    private func run(_ request: PythonHarness.Request, _ benchmark: BenchmarkSpec) throws(BenchError) -> (answer: PythonHarness.Answer, elapsed: Double) {
        defer { lane.close() }
        let job = PythonJob(
            id: 0, source: PythonHarness.program(request), fileName: "verify_bench.py",
            fixtures: benchmark.fixtures)
        let observation = lane.run(job, timeout: timeout)
        let stdout = String(decoding: observation.stdout.bytes, as: UTF8.self)
        switch observation.termination {
        case .completed: break
        case .timedOut(let seconds): throw BenchError("timed out after \(Int(seconds)) s")
        case .workerDied(let detail), .protocolError(let detail), .workerFailed(let detail): throw BenchError(detail)
        case .processLimit(let tasks): throw BenchError("the workload reached the limit of \(tasks) processes")
        case .interrupted: throw BenchError("interrupted")
        }
        if let exception = observation.result?.exception {
            throw BenchError("\(exception.type): \(exception.message)")
        }
        if let code = observation.result?.exitCode, observation.result?.outcome == .exited {
            throw BenchError("the workload exited with status \(code)")
        }
        guard let answer = PythonHarness.answer(in: stdout) else {
            throw BenchError("the harness gave no answer")
        }
        return (answer, observation.wallSeconds)
    }
}
