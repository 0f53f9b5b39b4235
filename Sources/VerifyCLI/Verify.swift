import ArgumentParser
import Foundation

/// `verify`: runs the code examples of Markdown documents and checks what the text claims.
@main
struct Verify: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Run the code examples in Markdown documents and check what the text claims about them.",
        discussion: """
            Examples:
              verify run docs/                          run every snippet under docs/
              verify run guide.md --format json -o r.json   write the report as JSON
              verify run docs/ --format sarif -o v.sarif    SARIF for code scanning
              verify run docs/ --baseline known.json    fail only on new problems
              verify run --shard 2/4 --format json      one shard of a CI matrix
              verify merge shard*.json --format junit   combine shard reports
              verify run guide.md --accept              rewrite failing claims
              verify watch guide.md                     re-run on every save
              verify extract guide.md                   list the snippets and their lines
              verify --generate-completion-script bash  shell completion
              verify bench docs/ --compare-ref main     measure performance claims against main

            Exit status of run: 0 clean, 1 content failures, 2 usage or input error.
            Exit status of bench: 0 no change, 2 regression, 4 improvements only,
            5 inconclusive, 1 a claim fails, 64 usage or input error.
            """,
        version: "0.1.0",
        subcommands: [RunCommand.self, BenchCommand.self, ExtractCommand.self, MergeCommand.self, WatchCommand.self])

    /// Usage errors exit with status 2 and a one-line message, as DESIGN.md promises.
    static func main() async {
        signal(SIGPIPE, SIG_IGN)
        Console.holdStandardDescriptors()
        do {
            var command = try parseAsRoot()
            if var asyncCommand = command as? any AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch let exit as ExitCode {
            Foundation.exit(exit.rawValue)
        } catch let failure as ToolFailure {
            Console.err("verify: \(failure.description.split(separator: "\n").first ?? "")\n")
            Foundation.exit(CommandLine.arguments.dropFirst().first == "bench" ? BenchCommand.usageStatus : 2)
        } catch {
            let code = exitCode(for: error)
            if code == .success {
                print(fullMessage(for: error))
                Foundation.exit(0)
            }
            let message = fullMessage(for: error).split(separator: "\n").first.map(String.init) ?? "\(error)"
            Console.err("verify: \(message)\n")
            // bench reports a regression with 2, so its own usage errors exit with 64.
            Foundation.exit(CommandLine.arguments.dropFirst().first == "bench" ? BenchCommand.usageStatus : 2)
        }
    }
}
