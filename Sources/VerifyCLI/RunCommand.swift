import ArgumentParser
import Foundation
import Pipeline
import Reporting
import VerifyCore
import WorkerProtocol

/// `verify run PATH...`
struct RunCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run every snippet of the documents and report what happened.",
        discussion: """
            Python snippets run in supervised worker processes with an embedded CPython.
            Exit status: 0 when nothing fails, 1 when content fails (an error, a timeout,
            a crash, a failing claim), 2 for a usage or input error, 130 or 143 when SIGINT
            or SIGTERM stopped the run (the report of what finished is still written,
            marked partial).
            """)

    @Argument(help: "Markdown files or directories (searched for .md and .markdown).")
    var paths: [String]

    @OptionGroup var output: OutputOptions

    @Option(help: "Worker processes running at the same time (default: one per core).")
    var jobs: Int = ProcessInfo.processInfo.activeProcessorCount

    @Option(help: "Seconds a snippet may run before it is stopped.")
    var timeout: Double = 10

    @Option(help: "Folder whose files every snippet finds in its working directory (default: fixtures/ next to the document).")
    var fixtures: String?

    @Option(help: "Largest document read, in MiB; a larger one is an input error.")
    var maxFileSize: Int = 16

    @Option(help: "Bytes kept of each snippet's stdout and stderr.")
    var outputLimit: Int = 1 << 20

    @Option(help: "How snippets are boxed: auto (limits, kernel namespaces where allowed, audit hook), bwrap (also inside bubblewrap), off (limits only).")
    var sandbox: SandboxMode = .auto

    @Flag(help: "Let snippets reach hosts other than loopback.")
    var allowNetwork = false

    @Option(help: "A folder where snippets may write besides their own (repeatable).")
    var allowWrite: [String] = []

    @Option(help: "Address space of each worker, in MiB (0: no limit).")
    var memoryLimit: Int = 2048

    @Option(help: "Processes and threads each worker may have at once (0: no limit).")
    var maxProcesses: Int = 512

    @Flag(name: .shortAndLong, help: "List every snippet, not only those that need attention.")
    var verbose = false

    @Flag(help: "Rewrite failing output and value claims in the documents to what really happened, and print the diff.")
    var accept = false

    @Flag(help: "With --accept: print the diff, change nothing.")
    var dryRun = false

    func validate() throws {
        guard jobs >= 1 else { throw ValidationError("--jobs must be at least 1") }
        guard timeout > 0 else { throw ValidationError("--timeout must be positive") }
        guard outputLimit >= 0 else { throw ValidationError("--output-limit must not be negative") }
        guard maxFileSize >= 1 else { throw ValidationError("--max-file-size must be at least 1") }
        guard memoryLimit >= 0 else { throw ValidationError("--memory-limit must not be negative") }
        guard maxProcesses >= 0 else { throw ValidationError("--max-processes must not be negative") }
        for path in allowWrite {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue else {
                throw ValidationError("--allow-write \(path): no such directory")
            }
        }
        if sandbox == .bwrap, SandboxMode.bubblewrap == nil {
            throw ValidationError("--sandbox bwrap: bwrap not found on PATH (Debian package bubblewrap)")
        }
        guard !dryRun || accept else { throw ValidationError("--dry-run only goes with --accept") }
        if let fixtures {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: fixtures, isDirectory: &isDirectory), isDirectory.boolValue else {
                throw ValidationError("--fixtures \(fixtures): no such directory")
            }
        }
    }

    func run() async throws {
        var options = RunOptions(jobs: jobs, timeout: timeout, outputLimit: outputLimit, fixturesDirectory: fixtures)
        options.sandbox = sandboxPolicy
        options.maximumFileSize = maxFileSize << 20
        let signals = InterruptionSignals()
        options.interruption = signals.interruption
        let progress = ProgressLine.forStandardError()
        var verifier = Verifier(options: options)
        if let progress {
            verifier.progress = { @Sendable update in progress.update(update) }
        }
        let outcome: Verifier.Outcome
        do {
            outcome = try await verifier.verify(paths: paths)
        } catch {
            progress?.clear()
            throw ToolFailure("\(error)")
        }
        progress?.clear()
        let report = outcome.report
        try output.write(report, verbose: verbose)
        if let status = signals.exitStatus, let number = signals.interruption.signal {
            FileHandle.standardError.write(Data(
                "verify: stopped by \(InterruptionSignals.name(number)); the report holds what finished and is marked partial\n".utf8))
            throw ExitCode(status)
        }
        if accept { try acceptChanges(outcome.edits) }
        for error in report.inputErrors where output.format != .text || output.output != nil {
            FileHandle.standardError.write(Data("\(error.path): error: \(error.message)\n".utf8))
        }
        if !report.inputErrors.isEmpty { throw ExitCode(2) }
        if report.failsGate { throw ExitCode(1) }
    }
}

extension RunCommand {
    /// The sandbox the options ask for.
    var sandboxPolicy: SandboxPolicy {
        var policy = sandbox == .off ? SandboxPolicy.off : SandboxPolicy()
        policy.addressSpaceBytes = memoryLimit == 0 ? nil : UInt64(memoryLimit) << 20
        policy.processes = maxProcesses == 0 ? nil : maxProcesses
        if sandbox != .off {
            policy.allowNetwork = allowNetwork
            policy.writablePaths = allowWrite.map { URL(fileURLWithPath: $0).standardizedFileURL.resolvingSymlinksInPath().path }
        }
        if sandbox == .bwrap { policy.bubblewrap = SandboxMode.bubblewrap }
        return policy
    }

    /// Prints the diff of every document `--accept` changes, and writes them unless `--dry-run`.
    func acceptChanges(_ edits: [DocumentEdit]) throws {
        let accepted = AcceptedChanges(edits)
        let diff = accepted.changes.map { UnifiedDiff.make(old: $0.original, new: $0.rewritten, path: $0.path) }.joined()
        FileHandle.standardOutput.write(Data((diff.isEmpty ? "verify: nothing to accept\n" : diff).utf8))
        guard !dryRun else { return }
        do {
            try accepted.write()
        } catch {
            throw ToolFailure("\(error)")
        }
    }
}

/// A failure of verify itself, reported on one line with exit status 2.
struct ToolFailure: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
