import ArgumentParser
import Configuration
import Foundation

/// `--config FILE` and `--no-config`, shared by the commands that read verify.toml.
struct ConfigurationOptions: ParsableArguments {
    @Option(help: "The configuration file (default: verify.toml in this folder or the nearest one above).")
    var config: String?

    @Flag(help: "Ignore verify.toml.")
    var noConfig = false

    func validate() throws {
        if noConfig, config != nil { throw ValidationError("--config and --no-config cannot go together") }
    }

    /// The configuration in force, or nil with --no-config or when there is no verify.toml.
    func load() throws -> Configuration? {
        guard !noConfig else { return nil }
        let path = config ?? Configuration.find(startingAt: FileManager.default.currentDirectoryPath)
        guard let path else { return nil }
        do {
            return try Configuration.load(path)
        } catch {
            throw ToolFailure(error.description)
        }
    }
}
