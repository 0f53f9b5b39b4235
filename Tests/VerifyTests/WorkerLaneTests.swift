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

    /// Match patterns and format strings read attributes without naming them in the
    /// code: a snippet that reaches frames through them is not taken for a plain one
    /// (which runs without the checks of what it left behind).
    @Test func reachingFramesThroughPatternsOrFormatStringsIsNotPlain() async throws {
        let throughPattern = try await onLane { lane in
            lane.run(job(1, """
                try:
                    raise ValueError
                except ValueError as error:
                    match error:
                        case ValueError(__traceback__=object(tb_frame=object(f_back=object(f_code=object(co_name=name))))):
                            print(name)
                """), timeout: 20)
        }
        #expect(throughPattern.termination == .completed)
        #expect(!throughPattern.stdout.text.isEmpty && throughPattern.stdout.text != "_run_plain\n", "\(throughPattern.stdout.text)")
        let throughFormat = try await onLane { lane in
            lane.run(job(2, """
                def walk():
                    print("{0.gi_frame.f_back.f_back.f_code.co_name}".format(steps))
                    yield
                steps = walk()
                next(steps)
                """), timeout: 20)
        }
        #expect(throughFormat.termination == .completed)
        #expect(!throughFormat.stdout.text.isEmpty && throughFormat.stdout.text != "_run_plain\n", "\(throughFormat.stdout.text)")
        // A format string put together at run time is no constant the code could show.
        let throughBuiltFormat = try await onLane { lane in
            lane.run(job(3, """
                def walk():
                    dot, under = chr(46), chr(95)
                    spec = "{0" + dot + "gi" + under + "frame" + dot + "f" + under + "back" + dot + "f" + under + "back" \\
                        + dot + "f" + under + "code" + dot + "co" + under + "name}"
                    print(spec.format(steps))
                    yield
                steps = walk()
                next(steps)
                """), timeout: 20)
        }
        #expect(throughBuiltFormat.termination == .completed)
        #expect(
            !throughBuiltFormat.stdout.text.isEmpty && throughBuiltFormat.stdout.text != "_run_plain\n",
            "\(throughBuiltFormat.stdout.text)")
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

/// Jobs sent to a worker together: each keeps its own output, its own time limit and
/// a clean worker, exactly as if it had been sent alone.
@Suite("Worker lanes: jobs sent together")
struct WorkerBatchTests {
    private func runTogether(
        _ sources: [String], timeout: Double = 20, timeouts: [Double]? = nil, outputLimit: Int = 1 << 20
    ) async throws -> [Observation] {
        let scratch = try TemporaryDirectory()
        let configuration = WorkerConfiguration(
            executable: BuildProducts.worker, scratchDirectory: scratch.url.path, outputLimit: outputLimit)
        let batch = sources.enumerated().map { index, source in
            TimedJob(job: PythonJob(id: index, source: source, fileName: "doc_L\(index).py"), timeout: timeouts?[index] ?? timeout)
        }
        let outputs = await Supervisor(configuration: configuration, jobs: 1).map([0]) { _, lane in lane.run(batch) }
        let observations = try #require(outputs.first ?? nil)
        try #require(observations.count == sources.count)
        return observations
    }

    private func stdout(_ observation: Observation) -> String { observation.stdout.text }
    private func stderr(_ observation: Observation) -> String { observation.stderr.text }

    @Test func eachJobKeepsItsOwnOutput() async throws {
        let observations = try await runTogether([
            "print('one')\nimport sys\nprint('err one', file=sys.stderr)",
            "print('two', end='')",
            "import os\nos.write(1, b'three\\n')\nos.write(2, b'err three')",
            "pass",
            "print('caf\\u00e9 \\U0001F40D')",
        ])
        #expect(observations.map(stdout) == ["one\n", "two", "three\n", "", "café 🐍\n"])
        #expect(observations.map(stderr) == ["err one\n", "", "err three", "", ""])
        #expect(observations.allSatisfy { $0.termination == .completed })
    }

    /// A plain snippet reaches stdout and stderr only through sys.stdout and sys.stderr:
    /// when it wrote nothing to a stream, the worker marks no end there and says so, and
    /// each stream still goes to the right jobs (a warning while compiling included).
    @Test func jobsThatWriteNothingToAStreamLeaveItUnmarked() async throws {
        let observations = try await runTogether([
            "x = 1",
            "print('out only')",
            "assert (1, 'always true')\nprint('after the warning')",
            "import sys\nsys.stderr.write('from a full run\\n')",
            "print('last')",
        ])
        #expect(observations.map(stdout) == ["", "out only\n", "after the warning\n", "", "last\n"])
        #expect(observations.map(stderr)[0...1] == ["", ""])
        #expect(stderr(observations[2]).contains("SyntaxWarning"), "\(stderr(observations[2]))")
        #expect(observations.map(stderr)[3...] == ["from a full run\n", ""])
        #expect(observations.map { $0.result?.unmarkedStreams ?? ["no result"] } == [["stdout", "stderr"], ["stderr"], [], [], ["stderr"]])
    }

    /// stdout is line-buffered, as at a terminal: a whole line reaches the supervisor when
    /// it is printed, and a worker killed afterwards keeps it.
    @Test func aPrintedLineOutlivesAWorkerKilledLater() async throws {
        let observations = try await runTogether(["import os\nprint('bye')\nos.kill(os.getpid(), 9)", "print('next')"])
        #expect(observations.map(stdout) == ["bye\n", "next\n"])
        #expect(observations[1].termination == .completed)
    }

    @Test func aJobThatOverrunsIsStoppedAndTheNextOnesStillRun() async throws {
        let observations = try await runTogether([
            "print('before')",
            "print('started', flush=True)\nwhile True:\n    pass",
            "print('after')",
        ], timeout: 2)
        #expect(observations.map(\.termination) == [.completed, .timedOut(seconds: 2), .completed])
        #expect(observations.map(stdout) == ["before\n", "started\n", "after\n"])
    }

    /// The worker wakes the supervisor only when it has run all it was sent; a job's time
    /// still counts from the end of the one before, not from the end of that one's limit.
    @Test func eachJobsTimeCountsFromTheEndOfTheOneBefore() async throws {
        let clock = ContinuousClock()
        let started = clock.now
        let observations = try await runTogether([
            "print('quick')",
            "while True:\n    pass",
            "print('after')",
        ], timeouts: [60, 2, 60])
        let elapsed = clock.now - started
        #expect(observations.map(\.termination) == [.completed, .timedOut(seconds: 2), .completed])
        #expect(observations[1].wallSeconds < 30, "\(observations[1].wallSeconds)")
        #expect(elapsed < .seconds(30), "\(elapsed)")
    }

    @Test func aJobThatLeavesTheWorkerDirtyIsTheLastOneItRuns() async throws {
        let observations = try await runTogether([
            "import os\nprint(os.getpid())",
            "import threading, time\nthreading.Thread(target=time.sleep, args=(30,), daemon=True).start()\nimport os\nprint(os.getpid())",
            "import os\nprint(os.getpid())",
        ])
        #expect(observations.map(\.termination) == [.completed, .completed, .completed])
        #expect(observations[1].result?.leftovers.isEmpty == false)
        let pids = observations.map { stdout($0).trimmingCharacters(in: .whitespacesAndNewlines) }
        #expect(pids[0] == pids[1])
        #expect(pids[2] != pids[1] && !pids[2].isEmpty)
    }

    @Test func aJobThatKillsTheWorkerKeepsItsOutputAndTheNextOnesRun() async throws {
        let observations = try await runTogether([
            "print('first')",
            "import os\nprint('bye', flush=True)\nos.kill(os.getpid(), 9)",
            "print('third')",
        ])
        #expect(observations[1].termination == .workerDied("killed by signal 9 (Killed)"))
        #expect(observations.map(stdout) == ["first\n", "bye\n", "third\n"])
        #expect(observations[2].termination == .completed)
    }

    @Test func moreRequestsThanAPipeHoldsAllRun() async throws {
        let padding = "# " + String(repeating: "x", count: 8000) + "\n"
        let sources = (0..<30).map { "\(padding)print(\($0) * 2)" }
        let observations = try await runTogether(sources)
        #expect(observations.map(stdout) == (0..<30).map { "\($0 * 2)\n" })
    }

    @Test func eachJobsOutputIsCutOnItsOwn() async throws {
        let observations = try await runTogether([
            "import sys\nsys.stdout.write('y' * 300000)",
            "print('small')",
        ], outputLimit: 100_000)
        #expect(observations[0].stdout.bytes.count == 100_000)
        #expect(observations[0].stdout.droppedBytes == 200_000)
        #expect(stdout(observations[1]) == "small\n")
    }
}

/// The glue's compiled code kept between runs.
@Suite("Worker cache")
struct WorkerCacheTests {
    private func runOnce(cache: String, scratch: String) async throws -> Observation {
        let configuration = WorkerConfiguration(executable: BuildProducts.worker, scratchDirectory: scratch, cacheDirectory: cache)
        let outputs = await Supervisor(configuration: configuration, jobs: 1).map([0]) { _, lane in
            lane.run(PythonJob(id: 1, source: "print(6 * 7)", fileName: "doc_L1.py"), timeout: 20)
        }
        return try #require(outputs.first ?? nil)
    }

    @Test func theGlueIsCompiledOnceAndABrokenCacheIsCompiledAgain() async throws {
        let folder = try TemporaryDirectory()
        let cache = folder.url.appendingPathComponent("cache")
        try FileManager.default.createDirectory(at: cache, withIntermediateDirectories: true)
        let first = try await runOnce(cache: cache.path, scratch: folder.url.path)
        #expect(first.stdout.text == "42\n")
        let files = try FileManager.default.contentsOfDirectory(atPath: cache.path).sorted()
        #expect(files.count == 2 && files.allSatisfy { $0.hasSuffix(".marshal") }, "\(files)")
        let glue = try #require(files.first { $0.hasPrefix("_verify_glue-") })
        let written = try FileManager.default.attributesOfItem(atPath: cache.appendingPathComponent(glue).path)

        let second = try await runOnce(cache: cache.path, scratch: folder.url.path)
        #expect(second.stdout.text == "42\n")
        let kept = try FileManager.default.attributesOfItem(atPath: cache.appendingPathComponent(glue).path)
        // Read, not written again (a new file would take the place of the old one).
        let inode = { (attributes: [FileAttributeKey: Any]) in (attributes[.systemFileNumber] as? NSNumber)?.uint64Value }
        #expect(try #require(inode(kept)) == (try #require(inode(written))))

        try Data("not marshal data".utf8).write(to: cache.appendingPathComponent(glue))
        let third = try await runOnce(cache: cache.path, scratch: folder.url.path)
        #expect(third.stdout.text == "42\n")
        let rewritten = try Data(contentsOf: cache.appendingPathComponent(glue))
        #expect(rewritten.count > 1000)
    }

    @Test func compilingTheGlueRemovesItsOtherVersionsUnusedForAMonthOnly() async throws {
        let folder = try TemporaryDirectory()
        let cache = folder.url.appendingPathComponent("cache")
        try FileManager.default.createDirectory(at: cache, withIntermediateDirectories: true)
        let stale = ["_verify_glue-0000000000000000-1.marshal", "_verify_apps-0000000000000000-1.marshal"]
        let inUse = ["_verify_glue-1111111111111111-1.marshal"]
        let others = ["notes.txt", "_verify_glue.marshal", "_verify_gluey-0000000000000000-1.marshal"]
        let monthsAgo = Date().addingTimeInterval(-40 * 24 * 3600)
        for name in stale + inUse + others {
            let file = cache.appendingPathComponent(name)
            try Data("old".utf8).write(to: file)
            if !inUse.contains(name) { try FileManager.default.setAttributes([.modificationDate: monthsAgo], ofItemAtPath: file.path) }
        }
        #expect(try await runOnce(cache: cache.path, scratch: folder.url.path).stdout.text == "42\n")
        let files = Set(try FileManager.default.contentsOfDirectory(atPath: cache.path))
        #expect(files.isDisjoint(with: stale), "\(files)")
        #expect(files.isSuperset(of: inUse + others), "\(files)")
        #expect(files.count == inUse.count + others.count + 2, "\(files)")
    }

    @Test func aCacheHitMarksTheFileInUse() async throws {
        let folder = try TemporaryDirectory()
        let cache = folder.url.appendingPathComponent("cache")
        try FileManager.default.createDirectory(at: cache, withIntermediateDirectories: true)
        _ = try await runOnce(cache: cache.path, scratch: folder.url.path)
        let glue = try #require(try FileManager.default.contentsOfDirectory(atPath: cache.path).first { $0.hasPrefix("_verify_glue-") })
        let path = cache.appendingPathComponent(glue).path
        try FileManager.default.setAttributes([.modificationDate: Date().addingTimeInterval(-40 * 24 * 3600)], ofItemAtPath: path)
        _ = try await runOnce(cache: cache.path, scratch: folder.url.path)
        let touched = try #require(try FileManager.default.attributesOfItem(atPath: path)[.modificationDate] as? Date)
        #expect(touched.timeIntervalSinceNow > -3600)
    }
}

/// Workers started while documents are still being read.
@Suite("Worker lanes: warm-up")
struct WarmUpTests {
    /// The pids of the workers that ran under `scratch` (each makes a folder named after it)
    /// that are still alive.
    private func liveWorkers(in scratch: URL) throws -> [Int32] {
        try FileManager.default.contentsOfDirectory(atPath: scratch.path).compactMap { name -> Int32? in
            let parts = name.split(separator: "-")
            guard parts.count >= 3, parts[0] == "verify", parts[1] == "worker", let pid = Int32(parts[2]) else { return nil }
            return kill(pid, 0) == 0 ? pid : nil
        }
    }

    @Test func warmedLanesDoTheWorkAndOnesLeftOverStop() async throws {
        let scratch = try TemporaryDirectory()
        let configuration = WorkerConfiguration(executable: BuildProducts.worker, scratchDirectory: scratch.url.path)
        let supervisor = Supervisor(configuration: configuration, jobs: 2)
        supervisor.warmUp()
        supervisor.warmUp()
        supervisor.warmUp()  // beyond the number of lanes: ignored
        let outputs = await supervisor.map([7]) { item, lane in
            lane.run(PythonJob(id: item, source: "import os\nprint(os.getpid())", fileName: "doc_L1.py"), timeout: 20)
        }
        let observation = try #require(outputs.first ?? nil)
        #expect(observation.termination == .completed)
        let folders = try FileManager.default.contentsOfDirectory(atPath: scratch.url.path).filter { $0.hasPrefix("verify-worker-") }
        #expect(folders.count == 2, "\(folders)")
        #expect(try liveWorkers(in: scratch.url).isEmpty)
    }

    @Test func aSupervisorWarmedForNothingStopsItsWorkers() async throws {
        let scratch = try TemporaryDirectory()
        do {
            let supervisor = Supervisor(
                configuration: WorkerConfiguration(executable: BuildProducts.worker, scratchDirectory: scratch.url.path), jobs: 1)
            supervisor.warmUp()
            try await Task.sleep(for: .milliseconds(50))
        }
        #expect(try liveWorkers(in: scratch.url).isEmpty)
    }
}
