import ArgumentParser
import Foundation
import Reporting
import VerifyCore

/// `verify merge REPORT.json...`
struct MergeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "merge",
        abstract: "Combine the JSON reports of shards (verify run --shard K/N --format json) into one report.",
        discussion: """
            Example:
              verify run docs/ --shard 1/2 --format json -o shard1.json
              verify run docs/ --shard 2/2 --format json -o shard2.json
              verify merge shard1.json shard2.json --format sarif -o verify.sarif

            Exit status: 0 when the merged report passes, 1 when content fails, 2 for an
            unreadable or conflicting report.
            """)

    @Argument(help: "JSON reports written by verify run --format json.")
    var reports: [String]

    @OptionGroup var output: OutputOptions

    @Flag(name: .shortAndLong, help: "List every snippet, not only those that need attention.")
    var verbose = false

    func run() throws {
        var parsed: [Report] = []
        for path in reports {
            guard let data = FileManager.default.contents(atPath: path) else { throw ToolFailure("\(path): cannot read the report") }
            do {
                parsed.append(try JSONReporter.decode(data))
            } catch {
                throw ToolFailure("\(path): not a verify JSON report (\(error.localizedDescription))")
            }
        }
        let merged: Report
        do {
            merged = try ReportMerger.merge(parsed)
        } catch {
            throw ToolFailure("\(error)")
        }
        try output.write(merged, verbose: verbose)
        if !merged.inputErrors.isEmpty { throw ExitCode(2) }
        if merged.failsGate { throw ExitCode(1) }
    }
}
