import Foundation
import Testing
import VerifyCore

/// A run that is stopped still reports what finished, and a worker that answers junk on
/// its result channel does not take the supervisor down.
@Suite("No lost results")
struct NoLostResultsTests {
    /// The first snippet finishes; the second marks in `markers` that it runs, then
    /// sleeps; the third never starts.
    static func document(markers: String) -> String {
        python("print('first')") + "\n" + python("""
            import time
            open("\(markers)/running", "w").close()
            time.sleep(60)
            """) + "\n" + python("print('never')")
    }

    @Test(arguments: [(SIGINT, Int32(130), "SIGINT"), (SIGTERM, Int32(143), "SIGTERM")])
    func aSignalStopsTheRunAndThePartialReportIsWritten(_ signal: Int32, _ status: Int32, _ name: String) throws {
        let directory = try TemporaryDirectory()
        let markers = try TemporaryDirectory()
        let path = try directory.write(Self.document(markers: markers.url.path), to: "doc.md")
        let scratch = try TemporaryDirectory()
        let reportPath = directory.url.appendingPathComponent("report.json").path

        let process = Process()
        process.executableURL = URL(fileURLWithPath: BuildProducts.verify)
        process.arguments = ["run", "--format", "json", "--output", reportPath, "--allow-write", markers.url.path, path]
        var environment = ProcessInfo.processInfo.environment
        environment["VERIFY_WORKER"] = BuildProducts.worker
        environment["TMPDIR"] = scratch.url.path
        process.environment = environment
        let errors = Pipe()
        process.standardError = errors
        try process.run()
        let started = Date()
        let marker = markers.url.appendingPathComponent("running").path
        while !FileManager.default.fileExists(atPath: marker) && Date().timeIntervalSince(started) < 30 {
            usleep(20_000)
        }
        try #require(FileManager.default.fileExists(atPath: marker), "the second snippet never started")
        kill(process.processIdentifier, signal)
        let stderr = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()

        #expect(process.terminationStatus == status)
        #expect(Date().timeIntervalSince(started) < 20)
        #expect(String(decoding: stderr, as: UTF8.self).contains("stopped by \(name)"))
        let report = try JSONDecoder().decode(Report.self, from: Data(contentsOf: URL(fileURLWithPath: reportPath)))
        #expect(report.partial == true)
        #expect(report.documents.first?.snippets.map(\.stdout) == ["first\n"])
        #expect(ProcessTable.processes(withEnvironmentContaining: scratch.url.path).isEmpty)
        #expect(try FileManager.default.contentsOfDirectory(atPath: scratch.url.path).isEmpty)
    }

    /// Writes `junk` on every pipe the snippet's process holds above stderr: the reply
    /// channel among them.
    private static func junkWriter(_ junk: String) -> String {
        python("""
            import os
            for name in os.listdir("/proc/self/fd"):
                try:
                    target = os.readlink(f"/proc/self/fd/{name}")
                except OSError:
                    continue
                if int(name) > 2 and target.startswith("pipe:"):
                    try:
                        os.write(int(name), \(junk))
                    except OSError:
                        pass
            """)
    }

    @Test(arguments: [
        (#"b"\x00\xff{garbage\n""#, "worker broke the protocol: unreadable reply"),
        (#"b"x" * (20 << 20)"#, "worker broke the protocol: unreadable reply: a reply line longer than"),
        (#"b'{"result":{"result":{"id":999,"outcome":"returned","durationSeconds":0}}}\n'"#,
         "worker broke the protocol: a reply for job 999"),
    ])
    func junkOnTheResultChannelIsACrashOfThatSnippetOnly(_ junk: String, _ reason: String) async throws {
        let report = try await verify(Self.junkWriter(junk) + python("print('after')"))
        let snippets = try #require(report.documents.first?.snippets)
        try #require(snippets.count == 2)
        #expect(snippets[0].status == .crashed)
        #expect(snippets[0].reason?.hasPrefix(reason) == true, "\(snippets[0].reason ?? "")")
        #expect(snippets[1].status == .passed)
        #expect(snippets[1].stdout == "after\n")
    }
}
