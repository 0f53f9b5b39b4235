import Foundation
import Pipeline
import Testing
import VerifyCore

/// Fixtures/hostile/snippets.md: every way a snippet can misbehave is stopped, refused or
/// contained, each snippet gets its own status, no process outlives the run and nothing
/// outside the box changes.
@Suite("Hostile snippets", .serialized)
struct HostileSnippetTests {
    static let document = Repository.fixtures.appendingPathComponent("hostile/snippets.md").path
    static let fixture = Repository.fixtures.appendingPathComponent("hostile/fixtures/data.txt").path
    /// Files outside the box that snippets of the document try to write.
    static let escapes = ["/tmp/verify-hostile-escape.txt", "/tmp/verify-hostile-chdir.txt"]

    /// What each snippet must be reported as, by its heading: the status and how the reason begins.
    static let expected: [(heading: String, status: SnippetStatus, reason: String?)] = [
        ("An infinite loop", .timeout, "still running after 2 s"),
        ("A thread that never ends", .timeout, "still running after 2 s"),
        ("Waits for input", .skipped, "needs-input"),
        ("sys.exit", .crashed, "SystemExit with status 3"),
        ("os._exit", .crashed, "worker exited with status 0"),
        ("Kills itself", .crashed, "worker killed by signal 9"),
        ("A segfault through ctypes", .crashed, "worker killed by signal 11"),
        ("A fork bomb", .skipped, "blocked-by-sandbox: starting more than "),
        ("A 30 GB allocation", .skipped, "blocked-by-sandbox: memory above the address-space limit"),
        ("Ten million lines of output", .passed, nil),
        ("Closes its stdout and stderr", .passed, nil),
        ("Leaves its folder and writes there", .skipped, "blocked-by-sandbox: write to /tmp/verify-hostile-chdir.txt"),
        ("Deletes every file of its working directory", .passed, nil),
        ("The next snippet still has the fixture", .passed, nil),
        ("Writes to /tmp outside the box", .skipped, "blocked-by-sandbox: write to /tmp/verify-hostile-escape.txt"),
        ("Connects to the network", .skipped, "blocked-by-sandbox: network connection to 192.0.2.1:80"),
        ("Takes over signal handlers", .passed, nil),
        ("Replaces sys.stdout", .passed, nil),
        ("Monkey-patches builtins", .passed, nil),
        ("Starts a daemon that outlives it", .passed, nil),
        ("Sends a signal to verify", .skipped, "blocked-by-sandbox: signal 18 to process "),
        ("Writes junk on the result channel", .crashed, "worker broke the protocol: unreadable reply"),
        ("Still runs", .passed, nil),
    ]

    /// The boxes the suite runs in: the default; without a pids cgroup, as where verify
    /// cannot make one (the audit hook counts forks, the supervisor finds the daemon
    /// through /proc); and inside bubblewrap, where it is installed.
    enum Box: String, CaseIterable, CustomTestStringConvertible {
        case standard, withoutCgroup, bubblewrap

        static let bwrap = ["/usr/bin/bwrap", "/bin/bwrap"].first { FileManager.default.isExecutableFile(atPath: $0) }
        static var available: [Box] { allCases.filter { $0 != .bubblewrap || bwrap != nil } }
        var testDescription: String { rawValue }
    }

    @Test(arguments: Box.available)
    func everySnippetIsContainedAndReportedWithItsOwnStatus(in box: Box) async throws {
        Self.escapes.forEach { try? FileManager.default.removeItem(atPath: $0) }
        let scratch = try TemporaryDirectory()
        let fixtureBefore = try String(contentsOfFile: Self.fixture, encoding: .utf8)
        var options = RunOptions(jobs: 1, timeout: 20, workerExecutable: BuildProducts.worker)
        options.scratchDirectory = scratch.url.path
        options.sandbox.useCgroup = box != .withoutCgroup
        if box == .bubblewrap { options.sandbox.bubblewrap = Box.bwrap }
        let report = try await Verifier(options: options).run(paths: [Self.document])

        let snippets = try #require(report.documents.first?.snippets)
        #expect(snippets.map(\.heading) == Self.expected.map(\.heading))
        for (snippet, expected) in zip(snippets, Self.expected) {
            #expect(snippet.status == expected.status, "\(expected.heading): \(snippet.reason ?? "")")
            if let reason = expected.reason {
                #expect(snippet.reason?.hasPrefix(reason) == true, "\(expected.heading): \(snippet.reason ?? "no reason")")
            }
        }
        let byHeading = Dictionary(snippets.map { ($0.heading ?? "", $0) }, uniquingKeysWith: { first, _ in first })
        #expect(byHeading["Deletes every file of its working directory"]?.stdout == "[]\n")
        #expect(byHeading["The next snippet still has the fixture"]?.stdout == "the original fixture\n")
        #expect(byHeading["Takes over signal handlers"]?.stdout == "signals ignored\n")
        #expect(byHeading["Replaces sys.stdout"]?.stdout == nil)
        #expect(byHeading["Ten million lines of output"]?.stdout?.hasSuffix("more bytes dropped]\n") == true)
        #expect(byHeading["A 30 GB allocation"]?.error?.line == 83)
        #expect(byHeading["Connects to the network"]?.error?.line == 136)
        #expect(snippets.last?.claims.map(\.status) == [.holds])

        // The daemon told its pid; it must be gone with every other process of the run.
        let daemon = byHeading["Starts a daemon that outlives it"]?.stdout?.split(separator: " ").last
            .flatMap { Int32($0.trimmingCharacters(in: .whitespacesAndNewlines)) }
        let pid = try #require(daemon)
        // Inside bubblewrap's process namespace the pid is not the host's; the scan by
        // environment below finds the daemon all the same.
        if box != .bubblewrap { #expect(!ProcessTable.isAlive(pid), "the daemon \(pid) outlived the run") }
        #expect(ProcessTable.processes(withEnvironmentContaining: scratch.url.path).isEmpty)

        // Nothing outside the box changed.
        for path in Self.escapes { #expect(!FileManager.default.fileExists(atPath: path), "\(path) was written") }
        #expect(try String(contentsOfFile: Self.fixture, encoding: .utf8) == fixtureBefore)
        #expect(try FileManager.default.contentsOfDirectory(atPath: scratch.url.path).isEmpty)
    }
}

/// Looks at the machine's processes through /proc.
enum ProcessTable {
    /// Whether `pid` is a process that has not ended (a zombie has ended).
    static func isAlive(_ pid: Int32) -> Bool {
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
            let close = stat.lastIndex(of: ")")
        else { return false }
        let state = stat[stat.index(close, offsetBy: 2)...].prefix(1)
        return state != "Z" && state != "X"
    }

    /// Live processes whose environment mentions `text`: every process a worker started
    /// inherits the worker's scratch folder in its environment.
    static func processes(withEnvironmentContaining text: String) -> [Int32] {
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
        return entries.compactMap(Int32.init).filter { pid in
            guard let environment = FileManager.default.contents(atPath: "/proc/\(pid)/environ") else { return false }
            return environment.range(of: Data(text.utf8)) != nil && isAlive(pid)
        }
    }
}
