public import Foundation
public import VerifyCore

/// A run's raw samples and the code that produced them, kept for later comparison, with
/// the facts of the machine that took them. Baselines are per host:
/// `<directory>/<host>/<name>.json`.
public struct Baseline: Sendable, Hashable, Codable {
    public static let schemaIdentifier = "verify-bench-baseline/1"

    public var schema: String
    public var name: String
    public var environment: BenchEnvironment
    public var settings: BenchSettings
    public var series: [SeriesResult]
    /// The code of each series by id, so that code changed since can be measured again
    /// in the same run as the new code.
    public var workloads: [String: Workload]

    public init(
        name: String, environment: BenchEnvironment, settings: BenchSettings, series: [SeriesResult],
        workloads: [String: Workload]
    ) {
        schema = Self.schemaIdentifier
        self.name = name
        self.environment = environment
        self.settings = settings
        self.series = series
        self.workloads = workloads
    }
}

/// Reads and writes baselines in a folder, one subfolder per host.
public struct BaselineStore: Sendable {
    public var directory: URL
    public var host: String

    public init(directory: URL, host: String = HostFacts.hostName) {
        self.directory = directory
        self.host = host
    }

    public func url(_ name: String) -> URL {
        directory.appendingPathComponent(host).appendingPathComponent("\(name).json")
    }

    public func save(_ baseline: Baseline) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let file = url(baseline.name)
        try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        try encoder.encode(baseline).write(to: file, options: .atomic)
    }

    /// The baseline `name` of this host; the error names the hosts that have one.
    public func load(_ name: String) throws(BenchError) -> Baseline {
        let file = url(name)
        guard let data = FileManager.default.contents(atPath: file.path) else {
            let hosts = (try? FileManager.default.contentsOfDirectory(atPath: directory.path))?.filter {
                FileManager.default.fileExists(atPath: directory.appendingPathComponent($0).appendingPathComponent("\(name).json").path)
            } ?? []
            let elsewhere = hosts.isEmpty ? "" : " (there is one for \(hosts.sorted().joined(separator: ", ")))"
            throw BenchError("no baseline '\(name)' for host \(host) in \(directory.path)\(elsewhere)")
        }
        do {
            let baseline = try JSONDecoder().decode(Baseline.self, from: data)
            guard baseline.schema == Baseline.schemaIdentifier else { throw BenchError("unknown schema \(baseline.schema)") }
            return baseline
        } catch {
            throw BenchError("\(file.path): not a baseline: \(error)")
        }
    }
}

/// Facts of the machine recorded with every run.
public enum HostFacts {
    public static var hostName: String {
        let name = ProcessInfo.processInfo.hostName
        return name.isEmpty ? "localhost" : name
    }

    /// 1, 5 and 15 minute load averages from /proc/loadavg.
    public static var loadAverage: [Double] {
        guard let text = try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8) else { return [] }
        return text.split(separator: " ").prefix(3).compactMap { Double($0) }
    }

    /// Cores this process may run on.
    public static var cores: Int { ProcessInfo.processInfo.activeProcessorCount }

    /// The first line `executable` with `arguments` prints, or nil when it fails.
    public static func firstLine(_ executable: String, _ arguments: [String], in directory: String? = nil) -> String? {
        guard let output = Git.run(executable, arguments, in: directory) else { return nil }
        return output.split(separator: "\n").first.map(String.init)
    }

    public static var valgrindVersion: String? { firstLine("/usr/bin/env", ["valgrind", "--version"]) }
}

/// The few git commands `verify bench` needs.
public enum Git {
    /// `git rev-parse HEAD` in `directory`.
    public static func commit(in directory: String) -> String? {
        HostFacts.firstLine("/usr/bin/env", ["git", "rev-parse", "HEAD"], in: directory)
    }

    /// The text of `path` at `ref`, or nil when the file does not exist there.
    /// Throws when `ref` is not a revision of the repository holding `path`.
    public static func show(_ ref: String, path: String) throws(BenchError) -> String? {
        let url = URL(fileURLWithPath: path).standardizedFileURL
        let directory = url.deletingLastPathComponent().path
        guard run("/usr/bin/env", ["git", "rev-parse", "--verify", "--quiet", "\(ref)^{commit}"], in: directory) != nil else {
            throw BenchError("--compare-ref: '\(ref)' is not a revision of the repository holding \(path)")
        }
        return run("/usr/bin/env", ["git", "show", "\(ref):./\(url.lastPathComponent)"], in: directory)
    }

    /// Runs a command and returns its stdout when it exits with status 0.
    static func run(_ executable: String, _ arguments: [String], in directory: String?) -> String? {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        if let directory { process.currentDirectoryURL = URL(fileURLWithPath: directory) }
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice
        guard (try? process.run()) != nil else { return nil }
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { return nil }
        return String(decoding: data, as: UTF8.self)
    }
}
