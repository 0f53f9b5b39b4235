import ArgumentParser
import Baseline
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

    @Argument(help: "Markdown files or directories (searched for .md and .markdown); default: the include globs of verify.toml.")
    var paths: [String] = []

    @OptionGroup var output: OutputOptions

    @OptionGroup var settings: RunSettings

    @OptionGroup var box: SandboxOptions

    @Flag(name: .shortAndLong, help: "List every snippet, not only those that need attention.")
    var verbose = false

    @Flag(help: "Rewrite failing output and value claims in the documents to what really happened, and print the diff.")
    var accept = false

    @Flag(help: "With --accept: print the diff, change nothing.")
    var dryRun = false

    @Option(help: "A known-issues baseline: only failures not in it fail the run; fixed ones are listed.")
    var baseline: String?

    @Flag(help: "Write every current failure to the --baseline file (and pass).")
    var updateBaseline = false

    func validate() throws {
        guard !dryRun || accept else { throw ValidationError("--dry-run only goes with --accept") }
        guard !updateBaseline || baseline != nil else { throw ValidationError("--update-baseline needs --baseline FILE") }
    }

    func run() async throws {
        var (options, paths) = try settings.resolve(paths: paths)
        options.sandbox = box.policy
        options.maximumFileSize = box.maxFileSize << 20
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
        let report = try applyBaseline(to: outcome.report)
        Console.err(report.inputErrors)
        try output.write(report, verbose: verbose)
        if let actions = GitHubActions(environment: ProcessInfo.processInfo.environment) {
            publish(report, on: actions)
        }
        try signals.exitIfStopped()
        if accept { try acceptChanges(outcome.edits) }
        if !report.inputErrors.isEmpty { throw ExitCode(2) }
        if report.failsGate { throw ExitCode(1) }
    }
}

extension RunCommand {
    /// `--baseline FILE`: judge the report against it; with `--update-baseline`, write it.
    func applyBaseline(to report: Report) throws -> Report {
        guard let baseline else { return report }
        if updateBaseline {
            let issues = KnownIssues(report: report)
            do {
                try AtomicFile.write(issues.encoded(), to: baseline)
            } catch {
                throw ToolFailure("\(error)")
            }
            Console.err("verify: wrote \(issues.entries.count) known issues to \(baseline)\n")
            return issues.judge(report, file: baseline)
        }
        do {
            return try KnownIssues.load(baseline).judge(report, file: baseline)
        } catch {
            throw ToolFailure("\(error)")
        }
    }

    /// Prints the diff of every document `--accept` changes, and writes them unless `--dry-run`.
    func acceptChanges(_ edits: [DocumentEdit]) throws {
        let accepted = AcceptedChanges(edits)
        let diff = accepted.changes.map { UnifiedDiff.make(old: $0.original, new: $0.rewritten, path: $0.path) }.joined()
        Console.out((diff.isEmpty ? "verify: nothing to accept\n" : diff))
        guard !dryRun else { return }
        do {
            try accepted.write()
        } catch {
            throw ToolFailure("\(error)")
        }
    }
}

extension RunCommand {
    /// Annotations on standard error and the step summary, in addition to the report.
    /// A summary that cannot be written is a warning: it must not change the verdict.
    func publish(_ report: Report, on actions: GitHubActions) {
        Console.err(actions.annotations(report))
        do {
            try actions.appendStepSummary(report)
        } catch {
            Console.err("verify: warning: \(error)\n")
        }
    }
}

/// A failure of verify itself, reported on one line with exit status 2.
struct ToolFailure: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
