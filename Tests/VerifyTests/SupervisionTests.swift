import Foundation
import Testing
import VerifyCore

/// Snippets that hang, die or misbehave never take the rest of the document down.
@Suite("Supervision")
struct SupervisionTests {
    /// The document's last snippet, which must always run and pass.
    private let survivor = python("print('survivor')")

    private func run(_ hostile: String, timeout: Double = 20) async throws -> (SnippetReport, SnippetReport) {
        let report = try await verify(python(hostile) + survivor, timeout: timeout)
        let snippets = try #require(report.documents.first?.snippets)
        try #require(snippets.count == 2)
        #expect(snippets[1].status == .passed)
        #expect(snippets[1].stdout == "survivor\n")
        return (snippets[0], snippets[1])
    }

    @Test func timeoutKeepsTheOutputProducedUntilThen() async throws {
        let (hostile, _) = try await run("print('started', flush=True)\nwhile True:\n    pass", timeout: 2)
        #expect(hostile.status == .timeout)
        #expect(hostile.stdout == "started\n")
        #expect(hostile.reason == "still running after 2 s; stopped")
    }

    @Test func killedBySignalIsACrash() async throws {
        let (hostile, _) = try await run("import os\nprint('bye', flush=True)\nos.kill(os.getpid(), 9)")
        #expect(hostile.status == .crashed)
        #expect(hostile.reason == "worker killed by signal 9 (Killed)")
        #expect(hostile.stdout == "bye\n")
    }

    @Test func sysExitWithStatusIsACrashAndZeroIsNot() async throws {
        let (nonzero, _) = try await run("import sys\nsys.exit(4)")
        #expect(nonzero.status == .crashed)
        #expect(nonzero.reason == "SystemExit with status 4")
        let (zero, _) = try await run("import sys\nsys.exit(0)")
        #expect(zero.status == .passed)
    }

    @Test func osExitTakesTheWorkerDown() async throws {
        let (hostile, _) = try await run("import os\nos._exit(7)")
        #expect(hostile.status == .crashed)
        #expect(hostile.reason == "worker exited with status 7")
    }

    /// The worker's channels are written with the os functions bound when the glue was
    /// loaded: patching os.write does not cut the snippet's own reply.
    @Test func patchingOsWriteDoesNotCutTheChannel() async throws {
        let (hostile, _) = try await run("import os\nos.write = lambda fd, data: 0\nos.read = lambda fd, n: b''\nprint('patched')", timeout: 5)
        #expect(hostile.status == .passed)
        #expect(hostile.stdout == "patched\n")
    }

    @Test func closingStdoutAndStderr() async throws {
        let (hostile, _) = try await run("import os\nos.close(1)\nos.close(2)")
        #expect(hostile.status == .passed)
    }

    @Test func aThreadLeftRunningDoesNotPrintIntoTheNextSnippet() async throws {
        let (hostile, survivor) = try await run("""
            import threading, time
            def chatter():
                while True:
                    print("chatter", flush=True)
                    time.sleep(0.001)
            threading.Thread(target=chatter, daemon=True).start()
            time.sleep(0.05)
            """)
        #expect(hostile.status == .passed)
        #expect(survivor.stdout == "survivor\n")
    }

    @Test func aNonDaemonThreadThatNeverEndsIsATimeout() async throws {
        let (hostile, _) = try await run("""
            import threading, queue
            q = queue.Queue()
            def consumer():
                while True:
                    print("got", q.get(), flush=True)
            threading.Thread(target=consumer).start()
            q.put(1)
            """, timeout: 2)
        #expect(hostile.status == .timeout)
        #expect(hostile.stdout == "got 1\n")
    }

    @Test func hugeOutputIsCutWithANote() async throws {
        let (hostile, _) = try await run("import sys\nfor i in range(300000):\n    sys.stdout.write('x' * 9 + '\\n')")
        #expect(hostile.status == .passed)
        let stdout = try #require(hostile.stdout)
        #expect(stdout.hasPrefix("xxxxxxxxx\n"))
        #expect(stdout.hasSuffix("[verify: output cut at 1048576 bytes; 1951424 more bytes dropped]\n"))
    }

    /// The glue's work after a snippet that lowered the recursion limit has room again.
    @Test func aLowRecursionLimitIsTheSnippetsErrorNotTheGlues() async throws {
        let (hostile, _) = try await run("import sys\nsys.setrecursionlimit(40)\ndef deeper(n):\n    return deeper(n + 1)\ndeeper(0)")
        #expect(hostile.status == .error)
        #expect(hostile.error?.type == "RecursionError")
        #expect(hostile.error?.line == 5)
    }

    @Test func monkeyPatchedBuiltinsDoNotReachTheNextSnippet() async throws {
        let (hostile, survivor) = try await run("import builtins\nbuiltins.print = lambda *a, **k: None")
        #expect(hostile.status == .passed)
        #expect(survivor.stdout == "survivor\n")
    }

    /// What one document's snippet changes in the worker never reaches the next document
    /// the worker runs: the worker is replaced when it cannot be put back.
    @Test(arguments: [
        "import signal\nsignal.alarm(1)",
        "import sys\nsys.stdout.close()",
        "import importlib\nsetattr(importlib.import_module('js' + 'on'), 'dumps', lambda *a, **k: 'PATCHED')",
        "import json\njson.dumps = lambda *a, **k: 'PATCHED'",
        "import os\nos.putenv('LEAKED', 'x')",
        "import resource\nresource.setrlimit(resource.RLIMIT_NOFILE, (64, 64))",
        "import os\nos.nice(5)",
        "import os\nos.umask(0o077)",
        "import signal\nsignal.pthread_sigmask(signal.SIG_BLOCK, [signal.SIGUSR1])",
    ])
    func nothingASnippetChangesReachesTheNextDocument(_ change: String) async throws {
        let directory = try TemporaryDirectory()
        let changing = try directory.write(python(change), to: "a.md")
        let looking = try directory.write(python("""
            import json, os, resource, signal, time
            time.sleep(1.2)
            print(json.dumps([1]), os.popen('echo $LEAKED').read().strip(), resource.getrlimit(resource.RLIMIT_NOFILE),
                  os.nice(0), oct(os.umask(0o022)), sorted(signal.pthread_sigmask(signal.SIG_BLOCK, [])))
            """), to: "b.md")
        let alone = try #require(try await verify(paths: [looking], jobs: 1).documents.first?.snippets.first)
        let after = try #require(try await verify(paths: [changing, looking], jobs: 1).documents.last?.snippets.first)
        #expect(alone.status == .passed)
        #expect(after.status == .passed)
        #expect(after.stdout == alone.stdout)
    }

    @Test func documentsRunInParallelLanesAndKeepTheirOrder() async throws {
        let directory = try TemporaryDirectory()
        var paths: [String] = []
        for index in 0..<6 {
            paths.append(try directory.write(python("print(\(index))"), to: "d\(index).md"))
        }
        let report = try await verify(paths: paths, jobs: 3)
        #expect(report.documents.map(\.path) == paths)
        #expect(report.documents.map { $0.snippets.first?.stdout } == (0..<6).map { "\($0)\n" })
    }
}
