public import Foundation
public import VerifyCore

/// The settings of `verify.toml`, found at the repository root by walking up from the
/// working directory. Command-line options override them. Paths in the file are
/// relative to the file's folder.
///
/// ```toml
/// include = ["docs/**/*.md"]
/// exclude = ["docs/drafts/**"]
/// jobs = 2
/// timeout = 10
/// fixtures = "docs/fixtures"
/// python-env = ".venv"
///
/// [timeouts]
/// "docs/concurrency/**" = 30
///
/// [sql]
/// fixtures = ["docs/fixtures/schema.sql"]
///
/// [lint]
/// ignore = ["DL3008"]
/// severity = { DL3042 = "error" }
///
/// [bench]
/// regression = 1.10
/// warning = 1.05
/// ```
public struct Configuration: Sendable, Equatable {
    public static let fileName = "verify.toml"

    /// The file the settings came from, if any.
    public var file: String?
    /// The folder paths and globs are relative to.
    public var root: String
    public var include: [String] = []
    public var exclude: [String] = []
    public var jobs: Int?
    public var timeout: Double?
    public var outputLimit: Int?
    public var fixtures: String?
    public var pythonEnvironment: String?
    /// Per-path timeouts: the first glob that matches a document wins.
    public var timeouts: [PathTimeout] = []
    public var sqlFixtures: [String] = []
    public var lintIgnore: Set<String> = []
    public var lintSeverity: [String: Finding.Severity] = [:]
    public var bench = BenchThresholds()

    public struct PathTimeout: Sendable, Equatable {
        public var glob: String
        public var seconds: Double

        public init(glob: String, seconds: Double) {
            self.glob = glob
            self.seconds = seconds
        }
    }

    public struct BenchThresholds: Sendable, Equatable {
        /// Ratio from which a slowdown is a regression (1.10).
        public var regression: Double?
        /// Ratio from which a slowdown is a warning (1.05).
        public var warning: Double?
        /// Regression ratios per benchmark name.
        public var perBenchmark: [String: Double] = [:]

        public init(regression: Double? = nil, warning: Double? = nil, perBenchmark: [String: Double] = [:]) {
            self.regression = regression
            self.warning = warning
            self.perBenchmark = perBenchmark
        }
    }

    public init(root: String) {
        self.root = root
    }

    /// `verify.toml` in `directory` or the nearest folder above it.
    public static func find(startingAt directory: String) -> String? {
        var url = URL(fileURLWithPath: directory).standardizedFileURL
        while true {
            let candidate = url.appendingPathComponent(fileName).path
            if FileManager.default.fileExists(atPath: candidate) { return candidate }
            let parent = url.deletingLastPathComponent()
            if parent.path == url.path { return nil }
            url = parent
        }
    }

    /// Reads and checks a configuration file. Unknown keys and values of the wrong type
    /// are errors naming the file and line.
    public static func load(_ path: String) throws(ConfigurationError) -> Configuration {
        guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
            throw ConfigurationError(path: path, line: nil, message: "cannot read the file")
        }
        let table: TOMLTable
        do {
            table = try TOMLParser.parse(text)
        } catch {
            throw ConfigurationError(path: path, line: error.line, message: error.message)
        }
        let root = URL(fileURLWithPath: path).standardizedFileURL.deletingLastPathComponent().path
        var configuration = Configuration(root: root)
        configuration.file = path
        try ConfigurationReader(path: path, root: root).read(table, into: &configuration)
        return configuration
    }

    /// The timeout for a document, from `[timeouts]`, else `timeout`.
    public func timeout(for documentPath: String) -> Double? {
        let relative = Glob.relativePath(documentPath, to: root)
        return timeouts.first { Glob.matches($0.glob, relative) }?.seconds ?? timeout
    }

    /// Whether a document found under a directory is kept by `include` and `exclude`.
    public func includes(_ documentPath: String) -> Bool {
        let relative = Glob.relativePath(documentPath, to: root)
        if exclude.contains(where: { Glob.matches($0, relative) }) { return false }
        return include.isEmpty || include.contains { Glob.matches($0, relative) }
    }
}

/// A problem in `verify.toml`, at its line.
public struct ConfigurationError: Error, Sendable, Equatable, CustomStringConvertible {
    public var path: String
    public var line: Int?
    public var message: String

    public var description: String { "\(path)\(line.map { ":\($0)" } ?? ""): \(message)" }
}
