import Foundation
import Pipeline
import VerifyCore

/// Where `swift build` put the executables next to this test bundle.
enum BuildProducts {
    static let directory = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath().deletingLastPathComponent()
    static var worker: String { directory.appendingPathComponent("verify-worker").path }
    static var verify: String { directory.appendingPathComponent("verify").path }
}

/// A temporary folder removed when the value is dropped.
final class TemporaryDirectory {
    let url: URL

    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("verify-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(at: url) }

    @discardableResult
    func write(_ text: String, to name: String) throws -> String {
        let file = url.appendingPathComponent(name)
        try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        try text.write(to: file, atomically: true, encoding: .utf8)
        return file.path
    }
}

/// Runs Markdown through the whole pipeline with real workers.
func verify(_ markdown: String, timeout: Double = 20, jobs: Int = 1, fixtures: String? = nil) async throws -> Report {
    let directory = try TemporaryDirectory()
    let path = try directory.write(markdown, to: "doc.md")
    return try await verify(paths: [path], timeout: timeout, jobs: jobs, fixtures: fixtures)
}

func verify(paths: [String], timeout: Double = 20, jobs: Int = 2, fixtures: String? = nil) async throws -> Report {
    let options = RunOptions(jobs: jobs, timeout: timeout, fixturesDirectory: fixtures, workerExecutable: BuildProducts.worker)
    return try await Verifier(options: options).run(paths: paths)
}

/// A fenced Python block.
func python(_ code: String) -> String { "```python\n\(code)\n```\n" }

/// The location of the repository's Fixtures/ and ../shared/seeds.
enum Repository {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static let fixtures = root.appendingPathComponent("Fixtures")
    static let seeds = root.deletingLastPathComponent().appendingPathComponent("shared/seeds")
    static var hasSeeds: Bool { FileManager.default.fileExists(atPath: seeds.appendingPathComponent("000_51f08b2b9ee82190.txt").path) }
}

/// Runs the `verify` executable with the worker next to it; its status and output.
func runVerify(_ arguments: [String], in directory: URL? = nil) throws -> (status: Int32, stdout: String, stderr: String) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: BuildProducts.verify)
    process.arguments = arguments
    if let directory { process.currentDirectoryURL = directory }
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

/// `verify` started in the background, for a command that runs until it is stopped
/// (`verify watch`). Output goes through files, read while it runs; the process is killed
/// if a test ends without stopping it.
final class BackgroundVerify {
    let process = Process()
    private let files: TemporaryDirectory

    init(_ arguments: [String], environment: [String: String] = [:], directory: URL? = nil) throws {
        files = try TemporaryDirectory()
        let out = files.url.appendingPathComponent("stdout")
        let err = files.url.appendingPathComponent("stderr")
        _ = FileManager.default.createFile(atPath: out.path, contents: nil)
        _ = FileManager.default.createFile(atPath: err.path, contents: nil)
        var base = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("GITHUB_") && $0.key != "VIRTUAL_ENV" }
        base["VERIFY_WORKER"] = BuildProducts.worker
        process.executableURL = URL(fileURLWithPath: BuildProducts.verify)
        process.arguments = arguments
        process.environment = base.merging(environment) { $1 }
        if let directory { process.currentDirectoryURL = directory }
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = try FileHandle(forWritingTo: out)
        process.standardError = try FileHandle(forWritingTo: err)
        try process.run()
    }

    deinit {
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
    }

    var stdout: String { (try? String(contentsOf: files.url.appendingPathComponent("stdout"), encoding: .utf8)) ?? "" }
    var stderr: String { (try? String(contentsOf: files.url.appendingPathComponent("stderr"), encoding: .utf8)) ?? "" }

    /// Sends `signal` and waits for the process to end: how it ended, or nil when it was
    /// still running after `seconds`.
    func stop(_ signal: Int32, within seconds: Double = 30) async -> (reason: Process.TerminationReason, status: Int32)? {
        kill(process.processIdentifier, signal)
        guard await eventually(within: seconds, { !process.isRunning }) else { return nil }
        return (process.terminationReason, process.terminationStatus)
    }
}

/// Polls `condition` until it holds or `seconds` pass; whether it held.
func eventually(within seconds: Double, _ condition: () -> Bool) async -> Bool {
    let deadline = Date().addingTimeInterval(seconds)
    while !condition() {
        if Date() > deadline { return false }
        try? await Task.sleep(for: .milliseconds(50))
    }
    return true
}
