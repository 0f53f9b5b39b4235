import Foundation
import Testing
import VerifyCore

/// Options of the `verify` executable that need a run to show what they do: `watch`, the
/// sandbox's network and process limits, and how the environment, the configuration and
/// the shard are chosen.
@Suite("Command-line options")
struct CommandLineOptionTests {
    /// The JSON report a run wrote on standard output.
    private func report(_ result: ExternalTool.Result) throws -> Report {
        try JSONDecoder().decode(Report.self, from: Data(result.stdout.utf8))
    }

    // MARK: verify watch

    @Test(arguments: [SIGINT, SIGTERM])
    func watchReportsTheFirstRunThenEachSaveAndEndsOnASignal(_ signal: Int32) async throws {
        let directory = try TemporaryDirectory()
        let scratch = try TemporaryDirectory()
        defer { ProcessTable.processes(withEnvironmentContaining: scratch.url.path).forEach { kill($0, SIGKILL) } }
        let path = try directory.write(python("print(1 + 1)  # 2"), to: "guide.md")
        let watch = try BackgroundVerify(["watch", "guide.md"], environment: ["TMPDIR": scratch.url.path], directory: directory.url)

        let first = await eventually(within: 60) { watch.stdout.contains("1 document, 1 snippet: 1 passed, 0 failed") }
        try #require(first, "no first report; stdout: \(watch.stdout) stderr: \(watch.stderr)")
        #expect(watch.stdout.hasPrefix("["))
        #expect(watch.stdout.contains("] guide.md\n1 document, 1 snippet: 1 passed"))

        try python("print(1 + 2)  # 2").write(toFile: path, atomically: true, encoding: .utf8)
        let second = await eventually(within: 60) { watch.stdout.contains("0 passed, 1 failed") }
        try #require(second, "the save was not reported; stdout: \(watch.stdout)")
        #expect(watch.stdout.contains("guide.md:2: fails: stdout claim: print(1 + 2)  # 2\n    expected: 2\n    actual:   3\n"))

        let ended = try #require(await watch.stop(signal), "verify watch still runs after the signal")
        #expect(ended.reason == .exit)
        #expect(ended.status == 128 + signal)
        // A document that did not change since its last run is not run again.
        #expect(watch.stdout.split(separator: "\n").filter { $0.hasPrefix("[") && $0.hasSuffix("] guide.md") }.count == 2)
        #expect(watch.stderr.isEmpty)
        let gone = await eventually(within: 10) { ProcessTable.processes(withEnvironmentContaining: scratch.url.path).isEmpty }
        #expect(gone, "processes of the runs outlived verify watch")
        #expect(try FileManager.default.contentsOfDirectory(atPath: scratch.url.path).isEmpty)
    }

    /// Ctrl-C during a run stops it as it stops `verify run`: the process the snippet
    /// started and the run's folder go with it.
    @Test func watchStoppedDuringARunLeavesNoProcessOrFolderBehind() async throws {
        let directory = try TemporaryDirectory()
        let scratch = try TemporaryDirectory()
        // Should verify fail to stop them, the test does, so that they do not outlive it.
        defer { ProcessTable.processes(withEnvironmentContaining: scratch.url.path).forEach { kill($0, SIGKILL) } }
        try directory.write(python("""
            import subprocess, time
            subprocess.Popen(["sleep", "300"])
            time.sleep(300)
            """), to: "slow.md")
        // A time limit longer than the test, so that the snippet is still running whenever
        // a test thread busy elsewhere in the suite gets to look for its sleep.
        let watch = try BackgroundVerify(
            ["watch", "slow.md", "--timeout", "600"], environment: ["TMPDIR": scratch.url.path], directory: directory.url)
        let started = await eventually(within: 60) {
            ProcessTable.processes(withEnvironmentContaining: scratch.url.path).contains { pid in
                (try? String(contentsOfFile: "/proc/\(pid)/cmdline", encoding: .utf8))?.hasPrefix("sleep\0") == true
            }
        }
        try #require(started, "the snippet's sleep never started; stderr: \(watch.stderr)")

        let ended = try #require(await watch.stop(SIGINT), "verify watch still runs after SIGINT")
        #expect(ended.reason == .exit)
        #expect(ended.status == 130)
        #expect(watch.stdout.contains("[partial: interrupted]"))
        #expect(watch.stderr.contains("verify: stopped by SIGINT; the report holds what finished and is marked partial"))
        let gone = await eventually(within: 10) { ProcessTable.processes(withEnvironmentContaining: scratch.url.path).isEmpty }
        #expect(gone, "processes of the run outlived verify watch")
        #expect(try FileManager.default.contentsOfDirectory(atPath: scratch.url.path).isEmpty)
    }

    // MARK: --allow-network

    /// An IPv4 address of this host other than loopback, if it has one.
    static let hostAddress: String? = {
        var list: UnsafeMutablePointer<ifaddrs>?
        guard getifaddrs(&list) == 0 else { return nil }
        defer { freeifaddrs(list) }
        var entry = list
        while let current = entry {
            entry = current.pointee.ifa_next
            guard let address = current.pointee.ifa_addr, address.pointee.sa_family == sa_family_t(AF_INET) else { continue }
            var ip = address.withMemoryRebound(to: sockaddr_in.self, capacity: 1) { $0.pointee.sin_addr }
            var text = [CChar](repeating: 0, count: Int(INET_ADDRSTRLEN))
            guard inet_ntop(AF_INET, &ip, &text, socklen_t(text.count)) != nil else { continue }
            let string = text.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
            if !string.hasPrefix("127.") { return string }
        }
        return nil
    }()

    /// A TCP socket listening at `address` on a free port. Connections complete in its
    /// backlog: nothing has to accept them.
    private func listener(on address: String) throws -> (descriptor: Int32, port: Int) {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard descriptor >= 0 else { throw POSIXError(.EIO) }
        var socketAddress = sockaddr_in()
        socketAddress.sin_family = sa_family_t(AF_INET)
        _ = inet_pton(AF_INET, address, &socketAddress.sin_addr)
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let listening = withUnsafeMutablePointer(to: &socketAddress) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(descriptor, $0, length) == 0 && listen(descriptor, 16) == 0 && getsockname(descriptor, $0, &length) == 0
            }
        }
        guard listening else {
            close(descriptor)
            throw POSIXError(.EADDRNOTAVAIL)
        }
        return (descriptor, Int(UInt16(bigEndian: socketAddress.sin_port)))
    }

    /// A service of this host on an address other than loopback: refused without the
    /// option (by the audit hook, and by the network namespace for a program the snippet
    /// starts), reached with it.
    @Test(.enabled(if: hostAddress != nil, "no IPv4 address other than loopback"))
    func allowNetworkLetsSnippetsReachThisHostBeyondLoopback() throws {
        let address = try #require(Self.hostAddress)
        let server = try listener(on: address)
        defer { close(server.descriptor) }
        let directory = try TemporaryDirectory()
        let path = try directory.write(python("""
            import socket
            with socket.create_connection(("\(address)", \(server.port)), timeout=10):
                print("connected")
            """) + "\n" + python("""
            import subprocess
            code = "import socket; socket.create_connection(('\(address)', \(server.port)), timeout=10)"
            print(subprocess.run(["/usr/bin/python3.11", "-c", code], capture_output=True).returncode)
            """), to: "net.md")

        let refused = try ExternalTool.verify(["run", path, "--format", "json"])
        #expect(refused.status == 0)
        let closed = try #require(try report(refused).documents.first?.snippets)
        try #require(closed.count == 2)
        #expect(closed[0].status == .skipped)
        #expect(closed[0].reason == "blocked-by-sandbox: network connection to \(address):\(server.port)")
        #expect(closed[0].error?.line == 3)
        if try report(refused).environment.sandbox?.contains("network namespace") == true {
            #expect(closed[1].stdout == "1\n")
        }

        let allowed = try ExternalTool.verify(["run", path, "--format", "json", "--allow-network"])
        #expect(allowed.status == 0)
        let open = try #require(try report(allowed).documents.first?.snippets)
        #expect(open.map(\.status) == [.passed, .passed])
        #expect(open.map(\.stdout) == ["connected\n", "0\n"])
        #expect(try report(allowed).environment.sandbox?.contains("network namespace") != true)
    }

    /// With the network allowed, a network the host cannot reach (a TCP connection to a
    /// multicast address fails with ENETUNREACH) is the snippet's error: the sandbox did
    /// not refuse it.
    @Test func withTheNetworkAllowedAnUnreachableNetworkIsNotReportedAsTheSandbox() throws {
        let directory = try TemporaryDirectory()
        let path = try directory.write(python("""
            import socket
            socket.create_connection(("224.0.0.1", 80), timeout=5)
            """), to: "unreachable.md")
        let refused = try ExternalTool.verify(["run", path, "-v"])
        #expect(refused.status == 0)
        #expect(refused.stdout.contains("\(path):3: skipped: blocked-by-sandbox: network connection to 224.0.0.1:80\n"))

        let allowed = try ExternalTool.verify(["run", path, "--allow-network"])
        #expect(allowed.status == 1)
        #expect(allowed.stdout.contains("\(path):3: error: OSError: [Errno 101] Network is unreachable\n"))
        #expect(!allowed.stdout.contains("blocked-by-sandbox"))
    }

    // MARK: --max-processes

    /// A snippet that forks `count` children, all alive at once: each waits until the
    /// parent has forked them all, however slowly the machine forks.
    private func forking(_ count: Int) -> String {
        python("""
            import os
            read_end, write_end = os.pipe()
            children = []
            for _ in range(\(count)):
                pid = os.fork()
                if pid == 0:
                    os.close(write_end)
                    os.read(read_end, 1)
                    os._exit(0)
                children.append(pid)
            os.close(write_end)
            for pid in children:
                os.waitpid(pid, 0)
            print(len(children))
            """)
    }

    @Test func maxProcessesStopsASnippetThatForksMoreAndLetsOneWithinRun() throws {
        let directory = try TemporaryDirectory()
        let path = try directory.write(forking(4) + "\n" + forking(30), to: "forks.md")

        let limited = try ExternalTool.verify(["run", path, "--format", "json", "--max-processes", "16"])
        #expect(limited.status == 0)
        let stopped = try #require(try report(limited).documents.first?.snippets)
        try #require(stopped.count == 2)
        #expect(stopped[0].status == .passed)
        #expect(stopped[0].stdout == "4\n")
        #expect(stopped[1].status == .skipped)
        // "… at once" with a pids cgroup; the audit hook, where there is none, counts starts.
        #expect(stopped[1].reason?.hasPrefix("blocked-by-sandbox: starting more than 16 processes") == true, "\(stopped[1].reason ?? "")")

        let standard = try ExternalTool.verify(["run", path, "--format", "json"])
        #expect(standard.status == 0)
        let both = try #require(try report(standard).documents.first?.snippets)
        #expect(both.map(\.status) == [.passed, .passed])
        #expect(both.map(\.stdout) == ["4\n", "30\n"])

        let negative = try ExternalTool.verify(["run", path, "--max-processes=-1"])
        #expect(negative.status == 2)
        #expect(negative.stderr == "verify: Error: --max-processes must not be negative\n")
    }

    // MARK: --python-env, $VIRTUAL_ENV, --config, --shard

    /// A virtual environment made with /usr/bin/python3.11 whose site-packages holds a
    /// module `verify_cli_probe` with `WHERE = where`.
    private func virtualEnvironment(in directory: TemporaryDirectory, _ name: String, where value: String) throws -> String {
        let path = directory.url.appendingPathComponent(name).path
        let made = try ExternalTool.run("/usr/bin/python3.11", ["-m", "venv", "--without-pip", path])
        try #require(made.status == 0, "python3.11 -m venv failed: \(made.stderr)")
        try directory.write("WHERE = \"\(value)\"\n", to: "\(name)/lib/python3.11/site-packages/verify_cli_probe.py")
        return path
    }

    private static let probe = python("import verify_cli_probe\nprint(verify_cli_probe.WHERE)")

    @Test func pythonEnvThatIsNotAVirtualEnvironmentIsAnError() throws {
        let directory = try TemporaryDirectory()
        let path = try directory.write(Self.probe, to: "doc.md")
        let plain = directory.url.appendingPathComponent("plain").path
        try FileManager.default.createDirectory(atPath: plain, withIntermediateDirectories: true)
        let notOne = try ExternalTool.verify(["run", path, "--python-env", plain])
        #expect(notOne.status == 2)
        #expect(notOne.stderr == "verify: python-env: \(plain) is not a virtual environment (no pyvenv.cfg)\n")
        #expect(notOne.stdout.isEmpty)

        try directory.write("home = /opt/python/bin\nversion = 3.12.1\n", to: "other/pyvenv.cfg")
        let other = directory.url.appendingPathComponent("other").path
        let otherPython = try ExternalTool.verify(["run", path, "--python-env", other])
        #expect(otherPython.status == 2)
        #expect(otherPython.stderr.hasSuffix("not /usr/bin/python3.11; make it with /usr/bin/python3.11 -m venv\n"))

        // $VIRTUAL_ENV is only a default: one that is no environment is passed over.
        let ignored = try ExternalTool.verify(["run", path, "-v"], environment: ["VIRTUAL_ENV": plain])
        #expect(ignored.status == 0)
        #expect(ignored.stdout.contains("\(path):2: skipped: missing-dependency: verify_cli_probe"))
    }

    @Test func virtualEnvMakesItsPackagesImportableAndTheOptionAndVerifyTomlWin() throws {
        let directory = try TemporaryDirectory()
        let active = try virtualEnvironment(in: directory, "active", where: "active")
        let named = try virtualEnvironment(in: directory, "named", where: "named")
        _ = try virtualEnvironment(in: directory, "project/.venv", where: "beside verify.toml")
        let path = try directory.write(Self.probe, to: "project/docs/doc.md")
        try directory.write("timeout = 30\n", to: "project/verify.toml")
        let project = directory.url.appendingPathComponent("project")
        func stdout(_ arguments: [String], _ environment: [String: String] = [:]) throws -> String? {
            let result = try ExternalTool.verify(["run", path, "--format", "json"] + arguments, environment: environment, directory: project)
            #expect(result.status == 0, "\(arguments) \(environment): \(result.stderr)")
            let snippet = try report(result).documents.first?.snippets.first
            return snippet?.status == .passed ? snippet?.stdout : snippet?.reason
        }
        #expect(try stdout(["--no-config"]) == "missing-dependency: verify_cli_probe")
        #expect(try stdout(["--no-config"], ["VIRTUAL_ENV": active]) == "active\n")
        #expect(try stdout(["--no-config", "--python-env", named], ["VIRTUAL_ENV": active]) == "named\n")
        #expect(try stdout([]) == "beside verify.toml\n")
        #expect(try stdout([], ["VIRTUAL_ENV": active]) == "active\n")

        try directory.write("python-env = \"../named\"\n", to: "project/verify.toml")
        #expect(try stdout([], ["VIRTUAL_ENV": active]) == "named\n")
    }

    @Test func configFileWinsOverTheFoldersVerifyToml() throws {
        let directory = try TemporaryDirectory()
        try directory.write("include = [\"docs/*.md\"]\nexclude = [\"docs/b.md\"]\n", to: "verify.toml")
        try directory.write("include = [\"docs/*.md\"]\n", to: "strict.toml")
        try directory.write(python("print('a')"), to: "docs/a.md")
        try directory.write(python("1/0"), to: "docs/b.md")
        let docs = directory.url.appendingPathComponent("docs")

        let found = try ExternalTool.verify(["run"], directory: docs)
        #expect(found.status == 0)
        #expect(found.stdout.hasPrefix("1 document, 1 snippet: 1 passed"))

        let named = try ExternalTool.verify(["run", "--config", "../strict.toml"], directory: docs)
        #expect(named.status == 1)
        #expect(named.stdout.contains("docs/b.md:2: error: ZeroDivisionError: division by zero\n"))
        #expect(named.stdout.contains("2 documents, 2 snippets: 1 passed, 0 failed, 1 error"))

        let both = try ExternalTool.verify(["run", "--config", "../strict.toml", "--no-config"], directory: docs)
        #expect(both.status == 2)
        #expect(both.stderr == "verify: Error: --config and --no-config cannot go together\n")

        let missing = try ExternalTool.verify(["run", "--config", "../absent.toml"], directory: docs)
        #expect(missing.status == 2)
        #expect(missing.stderr == "verify: ../absent.toml: cannot read the file\n")

        let none = try ExternalTool.verify(["run", "--no-config"], directory: docs)
        #expect(none.status == 2)
        #expect(none.stderr == "verify: Error: no documents given, and no verify.toml with include globs\n")
    }

    @Test func shardsCoverEveryDocumentExactlyOnce() throws {
        let directory = try TemporaryDirectory()
        let names = ["a", "b", "c", "d", "e"]
        for name in names.reversed() { try directory.write(python("print('\(name)')"), to: "docs/\(name).md") }
        var shards: [[String]] = []
        var files: [String] = []
        for index in 1...2 {
            let file = directory.url.appendingPathComponent("shard\(index).json").path
            let result = try ExternalTool.verify(
                ["run", "docs", "--shard", "\(index)/2", "--format", "json", "-o", file], directory: directory.url)
            #expect(result.status == 0)
            let report = try JSONDecoder().decode(Report.self, from: Data(contentsOf: URL(fileURLWithPath: file)))
            shards.append(report.documents.map { URL(fileURLWithPath: $0.path).deletingPathExtension().lastPathComponent })
            files.append(file)
        }
        // Sorted by path, every second one: the first shard from the first, the second from the second.
        #expect(shards == [["a", "c", "e"], ["b", "d"]])
        #expect(shards.joined().sorted() == names)

        let merged = try ExternalTool.verify(["merge"] + files + ["--format", "json"])
        #expect(merged.status == 0)
        #expect(try report(merged).documents.map { URL(fileURLWithPath: $0.path).lastPathComponent }.sorted()
            == names.map { "\($0).md" })
    }

    @Test(arguments: ["0/2", "3/2", "x", "1/0", "2", "1/2/3"])
    func aBadShardIsAUsageErrorNamingTheOption(_ shard: String) throws {
        let result = try ExternalTool.verify(["run", "--shard", shard, "x.md"])
        #expect(result.status == 2)
        #expect(result.stderr == "verify: Error: --shard must be K/N with 1 ≤ K ≤ N, not '\(shard)'\n")
        #expect(result.stdout.isEmpty)
    }
}
