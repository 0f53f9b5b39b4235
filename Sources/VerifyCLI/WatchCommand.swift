import ArgumentParser
import Foundation
import Markdown
import Pipeline
import Reporting
import VerifyCore

/// `verify watch PATH...`
struct WatchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "watch",
        abstract: "Re-run a document each time it is saved, for a writer at their desk.",
        discussion: """
            Example:
              verify watch docs/guide.md
            Runs every document once, then again whenever one of them changes on disk
            (checked twice a second). Stop with Ctrl-C.
            """)

    @Argument(help: "Markdown files or directories to watch.")
    var paths: [String]

    @OptionGroup var settings: RunSettings

    @Flag(name: .shortAndLong, help: "List every snippet, not only those that need attention.")
    var verbose = false

    func run() async throws {
        var (options, paths) = try settings.resolve(paths: paths)
        // Ctrl-C stops a run in progress as it stops `verify run`: the workers and every
        // process they started are killed and their folders removed before verify exits.
        let signals = InterruptionSignals()
        options.interruption = signals.interruption
        var seen: [String: Date] = [:]
        while true {
            // Stopped between runs: nothing was cut short, so nothing to say.
            if let status = signals.exitStatus { throw ExitCode(status) }
            let stamps = Self.modificationDates(DocumentLoader().candidates(paths).map(\.path))
            let changed = stamps.filter { seen[$0.key] != $0.value }.map(\.key).sorted()
            if !changed.isEmpty {
                seen = stamps
                let report = try await Verifier(options: options).run(paths: changed)
                let colors = Terminal.isInteractive(STDOUT_FILENO) && Terminal.colorsAllowed
                let stamp = ISO8601DateFormatter().string(from: Date())
                let heading = "[\(stamp)] \(changed.count == 1 ? changed[0] : "\(changed.count) documents")\n"
                // Written at once, not through stdio's buffer: on a pipe (an editor's task
                // panel, `| tee`) print would hold each report back until the buffer filled.
                let text = TerminalReporter(colors: colors, verbose: verbose).report(report)
                Console.out((heading + text))
                try signals.exitIfStopped()
            }
            try await Task.sleep(for: .milliseconds(500))
        }
    }

    static func modificationDates(_ paths: [String]) -> [String: Date] {
        var dates: [String: Date] = [:]
        for path in paths {
            dates[path] = (try? FileManager.default.attributesOfItem(atPath: path))?[.modificationDate] as? Date ?? .distantPast
        }
        return dates
    }
}
