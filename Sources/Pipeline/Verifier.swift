public import Foundation
import Markdown
import SQLRuntime
import Supervisor
import Synchronization
public import VerifyCore

/// The whole of `verify run`: read the documents, extract their snippets, run them in
/// supervised workers and put the verdicts into a report.
///
/// ```swift
/// let report = try await Verifier(options: RunOptions(jobs: 2)).run(paths: ["docs/"])
/// ```
public struct Verifier: Sendable {
    public static let version = "0.1.0"
    public var options: RunOptions
    /// Called after each snippet, from worker threads, e.g. for a live progress line.
    public var progress: (@Sendable (Progress) -> Void)?

    public init(options: RunOptions, progress: (@Sendable (Progress) -> Void)? = nil) {
        self.options = options
        self.progress = progress
    }

    /// A snippet finished.
    public struct Progress: Sendable {
        public var path: String
        public var line: Int
        public var finished: Int
        public var total: Int
    }

    /// What a run produced: the report, and the edits `--accept` would make.
    public struct Outcome: Sendable {
        public var report: Report
        public var edits: [DocumentEdit]
    }

    /// Runs every document found under `paths`. Throws only for failures of the tool
    /// itself (no worker executable); problems with inputs are in the report.
    public func run(paths: [String]) async throws -> Report {
        try await verify(paths: paths).report
    }

    /// Like `run(paths:)`, with the edits that would make failing claims state what happened.
    public func verify(paths: [String]) async throws -> Outcome {
        let clock = ContinuousClock()
        let started = clock.now
        var documents: [Document] = []
        var inputErrors: [Report.InputError] = []
        let settings = options.configuration
        let loader = DocumentLoader(maximumFileSize: options.maximumFileSize)
        var candidates = loader.candidates(paths, keep: { settings?.includes($0) ?? true })
        if let shard = options.shard { candidates = shard.select(candidates, path: \.path) }
        if let changed = options.changedFiles {
            candidates = candidates.filter { changed.contains(URL(fileURLWithPath: $0.path).standardizedFileURL.path) }
        }
        let scratch = (options.scratchDirectory.map { URL(fileURLWithPath: $0) } ?? Self.scratchRoot())
            .appendingPathComponent("verify-\(ProcessInfo.processInfo.processIdentifier)-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }
        let configuration = WorkerConfiguration(
            executable: try options.workerExecutable ?? WorkerConfiguration.locateWorker(),
            scratchDirectory: scratch.path, outputLimit: options.outputLimit, pythonPaths: options.pythonPaths,
            sandbox: options.sandbox, interruption: options.interruption)
        let supervisor = Supervisor(configuration: configuration, jobs: options.jobs)
        var documentsWithPython = 0
        var warmed = 0
        for (index, candidate) in candidates.enumerated() {
            switch candidate {
            case .file(let path):
                switch loader.read(path) {
                case .document(let path, let source):
                    let document = MarkdownParser().parse(source, path: path)
                    documents.append(document)
                    // Workers start while the other documents are read, one for each of
                    // the first documents with Python, up to one a lane; with as many
                    // documents left to read as lanes, the first one with Python starts
                    // them all (starting one holds up the reading for a moment).
                    if documentsWithPython < options.jobs, document.snippets.contains(where: { $0.language.name == "python" }) {
                        documentsWithPython += 1
                        let wanted = documentsWithPython == 1 && candidates.count - index >= options.jobs
                            ? options.jobs : documentsWithPython
                        while warmed < wanted {
                            warmed += 1
                            supervisor.warmUp()
                        }
                    }
                case .failure(let error): inputErrors.append(error)
                }
            case .failure(let error):
                inputErrors.append(error)
            }
        }

        let options = self.options
        let total = documents.reduce(0) { $0 + $1.snippets.count }
        let finished = Mutex(0)
        let progress = self.progress
        let results = await supervisor.map(documents) { document, lane in
            let runner = DocumentRunner(
                document: document, options: options, fixturesDirectory: Self.fixtures(for: document, options)
            ) { snippet in
                let count = finished.withLock { value in
                    value += 1
                    return value
                }
                progress?(Progress(path: document.path, line: snippet.line, finished: count, total: total))
            }
            return (runner.run(on: lane), lane.info)
        }.compactMap { $0 }
        let info = results.compactMap(\.1).first
        let environment = Report.Environment(
            python: info?.pythonVersion, sqlite: SQLiteConnection.version, cpus: ProcessInfo.processInfo.activeProcessorCount,
            sandbox: info?.isolation)
        let report = Report(
            tool: .init(version: Self.version), environment: environment, documents: results.map(\.0.report),
            inputErrors: inputErrors + results.flatMap(\.0.inputErrors),
            durationSeconds: (clock.now - started).seconds.rounded(toPlaces: 3),
            partial: options.interruption?.isInterrupted == true ? true : nil)
        return Outcome(report: report, edits: results.flatMap(\.0.edits))
    }

    /// Where workers keep their snippets' files: `TMPDIR` when set, else the memory-backed
    /// `/dev/shm` when it is writable (creating and deleting a file per snippet on a
    /// disk file system costs more than running the snippet), else `/tmp`.
    public static func scratchRoot() -> URL {
        let environment = ProcessInfo.processInfo.environment
        if let tmpdir = environment["TMPDIR"], !tmpdir.isEmpty { return URL(fileURLWithPath: tmpdir) }
        if access("/dev/shm", W_OK | X_OK) == 0 { return URL(fileURLWithPath: "/dev/shm") }
        return FileManager.default.temporaryDirectory
    }

    /// The fixtures folder for a document: the one given, else `fixtures/` beside it.
    public static func fixtures(for document: Document, _ options: RunOptions) -> String? {
        if let directory = options.fixturesDirectory {
            return URL(fileURLWithPath: directory).standardizedFileURL.path
        }
        let beside = ((document.path as NSString).deletingLastPathComponent as NSString)
            .appendingPathComponent("fixtures")
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: beside, isDirectory: &isDirectory), isDirectory.boolValue else {
            return nil
        }
        return URL(fileURLWithPath: beside).standardizedFileURL.path
    }
}

