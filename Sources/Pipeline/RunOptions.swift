public import Configuration
public import Foundation
import Markdown
public import Supervisor
public import WorkerProtocol

/// Everything `verify run` can be told, as plain values.
public struct RunOptions: Sendable {
    /// Worker processes that run snippets at the same time.
    public var jobs: Int
    /// Seconds a snippet may run before it is stopped.
    public var timeout: Double
    /// Limit of each captured stream, in bytes.
    public var outputLimit: Int
    /// A folder whose files every snippet finds in its working directory. When nil, a
    /// `fixtures/` folder next to the document is used if there is one.
    public var fixturesDirectory: String?
    /// The `verify-worker` executable; found next to `verify` when nil.
    public var workerExecutable: String?
    /// `site-packages` folders of a virtual environment made with /usr/bin/python3.11,
    /// added to the embedded interpreter's import path.
    public var pythonPaths: [String]
    /// `verify.toml`: include and exclude globs, per-path timeouts, SQL fixtures, lint
    /// settings. Values given on the command line are already merged into the fields above.
    public var configuration: Configuration?
    /// Run only this share of the documents (`--shard K/N`).
    public var shard: Shard?
    /// Run only the documents among these absolute paths (`--changed-since REF`).
    public var changedFiles: Set<String>?
    /// Limits and isolation of the workers that run snippets.
    public var sandbox = SandboxPolicy()
    /// Documents larger than this many bytes are refused with an input error.
    public var maximumFileSize = DocumentLoader.defaultMaximumFileSize
    /// When interrupted, the run stops starting snippets, kills its workers and reports
    /// what finished, marked partial.
    public var interruption: RunInterruption?
    /// Folder under which workers keep their snippets' files; `TMPDIR`, `/dev/shm` or
    /// `/tmp` when nil.
    public var scratchDirectory: String?

    public init(
        jobs: Int = ProcessInfo.processInfo.activeProcessorCount, timeout: Double = 10,
        outputLimit: Int = 1 << 20, fixturesDirectory: String? = nil, workerExecutable: String? = nil,
        pythonPaths: [String] = [], configuration: Configuration? = nil
    ) {
        self.jobs = jobs
        self.timeout = timeout
        self.outputLimit = outputLimit
        self.fixturesDirectory = fixturesDirectory
        self.workerExecutable = workerExecutable
        self.pythonPaths = pythonPaths
        self.configuration = configuration
    }

    /// The timeout for a document: a `[timeouts]` glob that matches it, else `timeout`.
    func timeout(for documentPath: String) -> Double {
        guard let configuration else { return timeout }
        let relative = Glob.relativePath(documentPath, to: configuration.root)
        return configuration.timeouts.first { Glob.matches($0.glob, relative) }?.seconds ?? timeout
    }
}
