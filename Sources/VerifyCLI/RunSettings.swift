import ArgumentParser
import Configuration
import Foundation
import Pipeline
import VerifyCore

/// The options of `verify run` that `verify.toml` can also set; the command line wins.
struct RunSettings: ParsableArguments {
    @Option(help: "Worker processes running at the same time (default: one per core).")
    var jobs: Int?

    @Option(help: "Seconds a snippet may run before it is stopped (default: 10).")
    var timeout: Double?

    @Option(help: "Folder whose files every snippet finds in its working directory (default: fixtures/ next to the document).")
    var fixtures: String?

    @Option(help: "Bytes kept of each snippet's stdout and stderr (default: 1048576).")
    var outputLimit: Int?

    @Option(help: "A virtual environment made with /usr/bin/python3.11 whose packages snippets may import (default: $VIRTUAL_ENV, or .venv beside verify.toml).")
    var pythonEnv: String?

    @OptionGroup var configurationOptions: ConfigurationOptions

    @Option(help: "Run only shard K of N (K/N, 1-based): the documents sorted by path, every Nth. Merge the JSON reports with `verify merge`.")
    var shard: String?

    @Option(help: "Run only the documents changed since this git ref (committed, staged, unstaged or untracked).")
    var changedSince: String?

    func validate() throws {
        if let jobs, jobs < 1 { throw ValidationError("--jobs must be at least 1") }
        if let timeout, !(timeout > 0 && timeout <= Directive.longestTimeout) {
            throw ValidationError("--timeout must be above 0 and at most \(Int(Directive.longestTimeout)) seconds")
        }
        if let outputLimit, outputLimit < 0 { throw ValidationError("--output-limit must not be negative") }
        try DirectoryOption.require(fixtures, option: "fixtures")
        if let shard, Shard(shard) == nil { throw ValidationError("--shard must be K/N with 1 ≤ K ≤ N, not '\(shard)'") }
    }

    /// The options for the run, and the paths to run: those given, else the folder of
    /// verify.toml filtered by its include globs.
    func resolve(paths: [String]) throws -> (RunOptions, [String]) {
        let configuration = try configurationOptions.load()
        var options = RunOptions(
            jobs: jobs ?? configuration?.jobs ?? ProcessInfo.processInfo.activeProcessorCount,
            timeout: timeout ?? configuration?.timeout ?? 10,
            outputLimit: outputLimit ?? configuration?.outputLimit ?? 1 << 20,
            fixturesDirectory: fixtures ?? configuration?.fixtures,
            configuration: configuration)
        options.pythonPaths = try pythonEnvironment(configuration)?.sitePackages ?? []
        options.shard = shard.flatMap(Shard.init)
        if let changedSince {
            do {
                options.changedFiles = try ChangedFiles.since(changedSince)
            } catch {
                throw ToolFailure("--changed-since: \(error)")
            }
        }
        if !paths.isEmpty { return (options, paths) }
        guard let configuration, !configuration.include.isEmpty else {
            throw ValidationError("no documents given, and no verify.toml with include globs")
        }
        return (options, [configuration.root])
    }

    /// `--python-env` or verify.toml must name a good environment; `$VIRTUAL_ENV` and a
    /// `.venv` beside verify.toml are used only when they are one.
    private func pythonEnvironment(_ configuration: Configuration?) throws -> PythonEnvironment? {
        if let explicit = pythonEnv ?? configuration?.pythonEnvironment {
            do {
                return try PythonEnvironment(path: explicit)
            } catch {
                throw ToolFailure("python-env: \(error)")
            }
        }
        let candidates = [ProcessInfo.processInfo.environment["VIRTUAL_ENV"], configuration.map { $0.root + "/.venv" }]
        return candidates.compactMap { $0 }.lazy.compactMap { try? PythonEnvironment(path: $0) }.first
    }
}
