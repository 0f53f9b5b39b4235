import Foundation
import Pipeline
import Testing
import VerifyCore
import WorkerProtocol

/// The box around each worker, and the options that open it.
@Suite("Sandbox")
struct SandboxTests {
    private func run(
        _ markdown: String, sandbox: SandboxPolicy = SandboxPolicy(), timeout: Double = 20
    ) async throws -> Report {
        let directory = try TemporaryDirectory()
        let path = try directory.write(markdown, to: "doc.md")
        var options = RunOptions(jobs: 1, timeout: timeout, workerExecutable: BuildProducts.worker)
        options.sandbox = sandbox
        return try await Verifier(options: options).run(paths: [path])
    }

    private static let bubblewrap = ["/usr/bin/bwrap", "/bin/bwrap"].first { FileManager.default.isExecutableFile(atPath: $0) }

    @Test func programsASnippetStartsCannotWriteOutsideTheBoxWhereTheKernelAllowsMountNamespaces() async throws {
        let target = "/tmp/verify-sandbox-\(UUID().uuidString)"
        let report = try await run(python("""
            import subprocess
            done = subprocess.run(["touch", "\(target)"], capture_output=True, text=True)
            print(done.returncode)
            """))
        let snippet = try #require(report.documents.first?.snippets.first)
        let isolation = report.environment.sandbox ?? []
        if isolation.contains("read-only mounts") {
            #expect(snippet.stdout == "1\n")
            #expect(!FileManager.default.fileExists(atPath: target))
        } else {
            try? FileManager.default.removeItem(atPath: target)
        }
        #expect(snippet.status == .passed)
    }

    /// Root in the worker's namespaces has no capabilities left: it cannot remount `/`
    /// read-write and write through it, in its own box or inside bubblewrap.
    @Test(arguments: [false, true])
    func theNamespacesCannotBeUndoneFromInside(bubblewrap: Bool) async throws {
        guard !bubblewrap || Self.bubblewrap != nil else { return }
        var policy = SandboxPolicy()
        if bubblewrap { policy.bubblewrap = Self.bubblewrap }
        let target = "/tmp/verify-remount-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: target) }
        let report = try await run(python("""
            import subprocess
            subprocess.run(["sh", "-c", "mount -o remount,rw / 2>/dev/null; touch \(target) 2>/dev/null"])
            print(open("/proc/self/status").read().split("CapEff:")[1].split()[0])
            """), sandbox: policy)
        let isolation = report.environment.sandbox ?? []
        if isolation.contains("read-only mounts") || isolation.contains("bubblewrap") {
            #expect(report.documents.first?.snippets.first?.stdout == "0000000000000000\n")
            #expect(!FileManager.default.fileExists(atPath: target))
        }
    }

    @Test func theEnvironmentIsScrubbedAndHomeIsTheWorkersOwn() async throws {
        setenv("VERIFY_TEST_SECRET_TOKEN", "do-not-leak", 1)
        let report = try await run(python("""
            import os
            print("VERIFY_TEST_SECRET_TOKEN" in os.environ, os.environ["HOME"].startswith(os.environ["VERIFY_WORKER_ROOT"]))
            """))
        #expect(report.documents.first?.snippets.first?.stdout == "False True\n")
    }

    /// The guard is installed once, behind a filter in C: a snippet that installs another
    /// one is refused, and the guard still refuses the write after it.
    @Test func aSnippetCannotReplaceTheGuard() async throws {
        let outside = "/tmp/verify-guard-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: outside) }
        let snippet = try #require(try await run(python("""
            import _verify_shim
            try:
                _verify_shim.install_guard(lambda event, args: None, [])
            except RuntimeError as error:
                print(error)
            open("\(outside)", "w").write("escaped")
            """)).documents.first?.snippets.first)
        #expect(snippet.stdout == "the guard is installed already\n")
        #expect(snippet.status == .skipped)
        #expect(snippet.reason == "blocked-by-sandbox: write to \(outside) (outside the working directory)")
        #expect(!FileManager.default.fileExists(atPath: outside))
    }

    @Test func allowWriteOpensOneFolder() async throws {
        let outside = try TemporaryDirectory()
        let file = outside.url.appendingPathComponent("allowed.txt").path
        let snippet = python("open(\"\(file)\", \"w\").write(\"ok\")")
        let refused = try #require(try await run(snippet).documents.first?.snippets.first)
        #expect(refused.status == .skipped)
        #expect(refused.reason == "blocked-by-sandbox: write to \(file) (outside the working directory)")
        #expect(!FileManager.default.fileExists(atPath: file))

        var policy = SandboxPolicy()
        policy.writablePaths = [outside.url.resolvingSymlinksInPath().path]
        let allowed = try #require(try await run(snippet, sandbox: policy).documents.first?.snippets.first)
        #expect(allowed.status == .passed)
        #expect(try String(contentsOfFile: file, encoding: .utf8) == "ok")
    }

    /// Only an allocation that failed is put down to the address-space limit.
    @Test func aMemoryErrorTheSnippetRaisesIsItsOwn() async throws {
        let report = try await run(python("raise MemoryError('deliberate')"))
        let snippet = try #require(report.documents.first?.snippets.first)
        #expect(snippet.status == .error)
        #expect(snippet.reason == "MemoryError: deliberate")
    }

    @Test func withoutTheSandboxNothingIsRefusedButTheLimitsHold() async throws {
        let file = "/tmp/verify-sandbox-off-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: file) }
        let report = try await run(
            python("open(\"\(file)\", \"w\").write(\"ok\")") + python("buffer = bytearray(8 * 2**30)"), sandbox: .off)
        let snippets = try #require(report.documents.first?.snippets)
        #expect(snippets.first?.status == .passed)
        #expect(FileManager.default.fileExists(atPath: file))
        #expect(snippets.last?.reason == "blocked-by-sandbox: memory above the address-space limit of 2048 MiB")
        #expect(report.environment.sandbox?.contains("network namespace") != true)
    }

    @Test func aRefusalTheSnippetCatchesButThenFailsOnIsStillReportedAsTheSandbox() async throws {
        let report = try await run(python("""
            import socket
            try:
                socket.create_connection(("example.com", 80), timeout=1)
            except OSError:
                raise SystemExit("could not connect")
            """))
        let snippet = try #require(report.documents.first?.snippets.first)
        #expect(snippet.status == .skipped)
        #expect(snippet.reason == "blocked-by-sandbox: network lookup of example.com")
        #expect(snippet.error?.line == 4)
    }

    @Test func aFileAboveTheSizeLimitFailsTheWriteNotTheWorker() async throws {
        var policy = SandboxPolicy()
        policy.fileSizeBytes = 1 << 20
        let report = try await run(
            python("with open('big.bin', 'wb') as f:\n    f.write(bytes(2 << 20))") + python("print('next')"), sandbox: policy)
        let snippets = try #require(report.documents.first?.snippets)
        #expect(snippets.first?.status == .skipped)
        #expect(snippets.first?.reason == "blocked-by-sandbox: a file above the size limit of 1 MiB")
        #expect(snippets.last?.stdout == "next\n")
    }

    @Test func theWorkingFolderHasASizeOfItsOwnWhereTheKernelAllowsMountNamespaces() async throws {
        var policy = SandboxPolicy()
        policy.boxBytes = 4 << 20
        let report = try await run(
            python("for i in range(4):\n    open(f'f{i}', 'wb').write(bytes(2 << 20))") + python("print('next')"), sandbox: policy)
        let snippets = try #require(report.documents.first?.snippets)
        if report.environment.sandbox?.contains("box of 4 MiB") == true {
            #expect(snippets.first?.reason == "blocked-by-sandbox: more than 4 MiB of files in the working folder")
        }
        #expect(snippets.last?.stdout == "next\n")
    }

    @Test func loopbackStaysOpen() async throws {
        let report = try await run(python("""
            import socket, threading
            server = socket.create_server(("127.0.0.1", 0))
            port = server.getsockname()[1]
            threading.Thread(target=lambda: server.accept()[0].sendall(b"pong"), daemon=True).start()
            with socket.create_connection(("127.0.0.1", port), timeout=5) as client:
                print(client.recv(4).decode())
            """))
        #expect(report.documents.first?.snippets.first?.stdout == "pong\n")
    }

    private static let setpriv = ["/usr/bin/setpriv", "/bin/setpriv"].first { FileManager.default.isExecutableFile(atPath: $0) }

    /// A user other than root gets its namespaces through a user namespace of its own.
    @Test(.enabled(if: getuid() == 0 && setpriv != nil, "needs root to become another user, and setpriv"))
    func asAnotherUserTheNamespacesComeFromAUserNamespace() throws {
        let directory = try TemporaryDirectory()
        chmod(directory.url.path, 0o777)
        let target = "/tmp/verify-nobody-\(UUID().uuidString)"
        let path = try directory.write(python("""
            import subprocess
            print(subprocess.run(["touch", "\(target)"]).returncode != 0)
            """), to: "doc.md")
        chmod(path, 0o644)
        func asNobody(_ arguments: [String]) throws -> (status: Int32, output: Data) {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: Self.setpriv!)
            process.arguments = ["--reuid=65534", "--regid=65534", "--clear-groups", BuildProducts.verify] + arguments
            process.environment = ["PATH": "/usr/bin:/bin", "TMPDIR": directory.url.path, "HOME": directory.url.path,
                                   "VERIFY_WORKER": BuildProducts.worker]
            let output = Pipe()
            process.standardOutput = output
            process.standardError = FileHandle.nullDevice
            try process.run()
            let data = output.fileHandleForReading.readDataToEndOfFile()
            process.waitUntilExit()
            return (process.terminationStatus, data)
        }
        // A checkout under a folder only root may enter (such as /root) is out of reach.
        guard try asNobody(["--version"]).status == 0 else { return }
        let report = try JSONDecoder().decode(Report.self, from: try asNobody(["run", "--format", "json", path]).output)
        let isolation = report.environment.sandbox ?? []
        #expect(!isolation.contains("pids cgroup"))
        if isolation.contains("read-only mounts") {
            #expect(isolation.contains("network namespace"))
            #expect(report.documents.first?.snippets.first?.stdout == "True\n")
        }
        #expect(!FileManager.default.fileExists(atPath: target))
        try? FileManager.default.removeItem(atPath: target)
    }

    @Test(.enabled(if: bubblewrap != nil, "bwrap is not installed"))
    func insideBubblewrap() async throws {
        var policy = SandboxPolicy()
        policy.bubblewrap = Self.bubblewrap
        let target = "/tmp/verify-bwrap-\(UUID().uuidString)"
        let report = try await run(
            python("""
                import os, subprocess
                print(subprocess.run(["touch", "\(target)"]).returncode != 0, os.getpid() < 10)
                """) + python("open(\"\(target)\", \"w\")"), sandbox: policy)
        let snippets = try #require(report.documents.first?.snippets)
        #expect(report.environment.sandbox?.contains("bubblewrap") == true)
        #expect(snippets.first?.stdout == "True True\n")
        #expect(snippets.last?.reason?.hasPrefix("blocked-by-sandbox: write to \(target)") == true)
        #expect(!FileManager.default.fileExists(atPath: target))
    }
}
