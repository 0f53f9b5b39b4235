import Foundation
import Testing

/// The `verify` executable as users and CI call it: exit statuses and messages.
@Suite("Command line")
struct CommandLineTests {
    private func run(_ arguments: [String]) throws -> (status: Int32, stdout: String, stderr: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: BuildProducts.verify)
        process.arguments = arguments
        var environment = ProcessInfo.processInfo.environment
        environment["VERIFY_WORKER"] = BuildProducts.worker
        process.environment = environment
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: stdout, as: UTF8.self), String(decoding: stderr, as: UTF8.self))
    }

    @Test func cleanRunExitsZero() throws {
        let directory = try TemporaryDirectory()
        let path = try directory.write(python("print('ok')"), to: "ok.md")
        let result = try run(["run", path])
        #expect(result.status == 0)
        #expect(result.stdout.hasSuffix("1 document, 1 snippet: 1 passed, 0 failed, 0 errors, 0 timeouts, 0 skipped (\(result.stdout.split(separator: "(").last!)"))
    }

    @Test func contentFailureExitsOne() throws {
        let directory = try TemporaryDirectory()
        let path = try directory.write(python("1/0"), to: "bad.md")
        let result = try run(["run", path])
        #expect(result.status == 1)
        #expect(result.stdout.contains("\(path):2: error: ZeroDivisionError: division by zero"))
    }

    @Test func badOptionAndMissingFileExitTwoWithOneLine() throws {
        let bad = try run(["run", "--jobs", "0", "x.md"])
        #expect(bad.status == 2)
        #expect(bad.stderr == "verify: Error: --jobs must be at least 1\n")
        let unknown = try run(["run", "--no-such-option", "x.md"])
        #expect(unknown.status == 2)
        #expect(unknown.stderr.split(separator: "\n").count == 1)

        let directory = try TemporaryDirectory()
        let good = try directory.write(python("print(1)"), to: "good.md")
        let missing = try run(["run", "/no/such.md", good, "--format", "json"])
        #expect(missing.status == 2)
        #expect(missing.stderr == "/no/such.md: error: no such file or directory\n")
        #expect(missing.stdout.contains("\"passed\" : 1"))
    }

    @Test(arguments: [
        (["--allow-write", "/no/such/folder"], "verify: Error: --allow-write /no/such/folder: no such directory\n"),
        (["--memory-limit=-1"], "verify: Error: --memory-limit must not be negative\n"),
        (["--max-file-size", "0"], "verify: Error: --max-file-size must be at least 1\n"),
        (["--sandbox", "docker"], nil),
    ])
    func badSandboxOptionsExitTwo(_ options: [String], _ message: String?) throws {
        let result = try run(["run"] + options + ["x.md"])
        #expect(result.status == 2)
        if let message { #expect(result.stderr == message) }
    }

    @Test func extractListsSnippetsWithLines() throws {
        let directory = try TemporaryDirectory()
        let path = try directory.write("# Head\n\n```py\nx = 1\n```\n\n```\nSELECT 1;\n```\n", to: "e.md")
        let result = try run(["extract", path])
        #expect(result.status == 0)
        #expect(result.stdout == "\(path):3-5: python — Head\n\(path):7-9: sql, detected — Head\n")
    }

    @Test func jsonReportToAFile() throws {
        let directory = try TemporaryDirectory()
        let path = try directory.write(python("print('é')"), to: "doc.md")
        let output = directory.url.appendingPathComponent("report.json").path
        let result = try run(["run", path, "--format", "json", "--output", output])
        #expect(result.status == 0)
        #expect(result.stdout.isEmpty)
        let report = try String(contentsOfFile: output, encoding: .utf8)
        #expect(report.contains("\"stdout\" : \"é\\n\""))
    }
}
