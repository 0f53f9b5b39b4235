import Foundation
import Supervisor
import Testing
import WorkerProtocol

/// Jobs sent straight to a lane of real workers, below the pipeline.
@Suite("Worker lanes")
struct WorkerLaneTests {
    /// Runs `body` on one lane of a supervisor with real workers.
    private func onLane<T: Sendable>(_ body: @escaping @Sendable (WorkerLane) -> T) async throws -> T {
        let scratch = try TemporaryDirectory()
        let configuration = WorkerConfiguration(executable: BuildProducts.worker, scratchDirectory: scratch.url.path)
        let outputs = await Supervisor(configuration: configuration, jobs: 1).map([0]) { _, lane in body(lane) }
        return try #require(outputs.first ?? nil)
    }

    private func job(_ id: Int, _ source: String) -> PythonJob {
        PythonJob(id: id, source: source, fileName: "doc_L\(id).py")
    }

    /// A snippet that reaches nothing outside itself runs without a file of its own;
    /// its traceback quotes its lines all the same, and names the snippet's file.
    @Test func tracebackQuotesTheLinesOfASnippetThatNeedsNoFile() async throws {
        let observation = try await onLane { lane in
            lane.run(job(1, "values = [1, 2, 3]\ntotal = sum(values)\nraise ValueError('bad total %d' % total)\n"), timeout: 20)
        }
        let exception = try #require(observation.result?.exception)
        #expect(exception.line == 3)
        #expect(exception.traceback.contains("doc_L1.py\", line 3"), "\(exception.traceback)")
        #expect(exception.traceback.contains("raise ValueError('bad total %d' % total)"), "\(exception.traceback)")
        #expect(exception.traceback.hasSuffix("ValueError: bad total 6\n"), "\(exception.traceback)")
    }
}
