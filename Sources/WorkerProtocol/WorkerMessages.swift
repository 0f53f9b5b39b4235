import VerifyCore

/// What the supervisor asks a worker to do. One JSON object per line on the job channel.
public enum WorkerRequest: Sendable, Hashable, Codable {
    /// Run one Python snippet in a fresh `__main__`.
    case runPython(PythonJob)
    /// The document is finished: forget everything its snippets imported.
    case endDocument
}

/// What a worker answers. One JSON object per line on the result channel, which is
/// never the snippet's stdout. (Probe records go to a file of their own: `ProbeRecord`.)
public enum WorkerReply: Sendable, Hashable, Codable {
    /// Sent once, when the interpreter is up.
    case ready(WorkerInfo)
    /// Encoded `{"result": {"result": {...}}}`; the worker's glue writes it directly.
    case result(result: PythonResult)
    /// The request could not be carried out at all (bad JSON, no interpreter).
    case failure(String)
}

/// Facts about the worker's runtime, reported once at start.
public struct WorkerInfo: Sendable, Hashable, Codable {
    public var pythonVersion: String
    /// The parts of the sandbox the kernel granted, e.g. `network namespace`,
    /// `read-only mounts`, `pids cgroup`; what is missing is left to the audit hook.
    public var isolation: [String]?

    public init(pythonVersion: String, isolation: [String]? = nil) {
        self.pythonVersion = pythonVersion
        self.isolation = isolation
    }
}

/// A Python snippet to run, with the earlier snippets whose names it may use.
public struct PythonJob: Sendable, Hashable, Codable {
    public var id: Int
    public var source: String
    /// File name the snippet runs from; tracebacks and `__file__` show it.
    public var fileName: String
    /// Earlier snippets of the document, run first and quietly in the same namespace
    /// when the snippet runs with the document's context.
    public var prelude: [PreludeSnippet]
    /// Files, and the contents of folders, copied into the snippet's working directory
    /// before it runs.
    public var fixtures: [String]
    /// Questions answered after (and, for output, while) the snippet runs.
    public var probes: [Probe]
    /// When set, the snippet is a doctest session run with these option flags
    /// (`ELLIPSIS`, `NORMALIZE_WHITESPACE`, …) instead of a module.
    public var doctestOptions: [String]?
    /// CPU seconds the job may use (its process and each one it starts) before the
    /// kernel stops it; a backstop behind the supervisor's wall-clock timeout.
    public var cpuSeconds: Double?

    public init(
        id: Int, source: String, fileName: String, prelude: [PreludeSnippet] = [],
        fixtures: [String] = [], probes: [Probe] = [], doctestOptions: [String]? = nil, cpuSeconds: Double? = nil
    ) {
        self.cpuSeconds = cpuSeconds
        self.id = id
        self.source = source
        self.fileName = fileName
        self.prelude = prelude
        self.fixtures = fixtures
        self.probes = probes
        self.doctestOptions = doctestOptions
    }
}

/// An earlier snippet replayed to give a later one its document's context.
public struct PreludeSnippet: Sendable, Hashable, Codable {
    public var source: String
    public var fileName: String

    public init(source: String, fileName: String) {
        self.source = source
        self.fileName = fileName
    }
}

/// What running a snippet did, in snippet lines (the supervisor maps them to the document).
public struct PythonResult: Sendable, Hashable, Codable {
    public enum Outcome: String, Sendable, Hashable, Codable {
        /// The module body ran to its end.
        case returned
        /// An exception escaped.
        case raised
        /// `SystemExit` was raised; see `exitCode`.
        case exited
    }

    public var id: Int
    public var outcome: Outcome
    public var exception: PythonException?
    public var exitCode: Int?
    /// Global names the snippet defined, for resolving fragments.
    public var definedNames: [String]
    /// Threads, child processes or patches the snippet left behind; non-empty means the
    /// worker must be replaced before the next snippet.
    public var leftovers: [String]
    public var durationSeconds: Double
    /// One answer per probe of the job, in order.
    public var probes: [ProbeAnswer]
    /// The examples of a doctest session, in order.
    public var doctest: [DoctestExample]
    /// Whether the snippet used threads, processes or asyncio, so its output lines may
    /// come in any order.
    public var concurrent: Bool
    /// GET routes of a FastAPI or Flask `app` the snippet defines, each called once.
    public var routes: [RouteCheck] = []
    /// The snippet's own `test_…` functions, each called once.
    public var tests: [TestFunctionResult] = []
    /// Names the snippet's code mentions; sent only when it ran after earlier snippets.
    public var mentionedNames: [String] = []
    /// Operations the sandbox refused while the snippet ran, first first.
    public var refusals: [SandboxRefusal]
    /// The streams (`stdout`, `stderr`) the job wrote nothing to and did not mark its end in.
    public var unmarkedStreams: [String] = []
    /// Whether the snippet ran as a plain one: it could reach nothing but its own objects
    /// and its output, so it needed no file or folder of its own and no check of what it
    /// left behind.
    public var ranPlain = false

    public init(
        id: Int, outcome: Outcome, exception: PythonException? = nil, exitCode: Int? = nil,
        definedNames: [String] = [], leftovers: [String] = [], durationSeconds: Double,
        probes: [ProbeAnswer] = [], doctest: [DoctestExample] = [], concurrent: Bool = false,
        refusals: [SandboxRefusal] = []
    ) {
        self.refusals = refusals
        self.probes = probes
        self.doctest = doctest
        self.concurrent = concurrent
        self.id = id
        self.outcome = outcome
        self.exception = exception
        self.exitCode = exitCode
        self.definedNames = definedNames
        self.leftovers = leftovers
        self.durationSeconds = durationSeconds
    }
}

extension PythonResult {
    private enum CodingKeys: String, CodingKey {
        case id, outcome, exception, exitCode, definedNames, leftovers, durationSeconds, probes, doctest, concurrent
        case routes, tests, mentionedNames, refusals
        case unmarkedStreams = "unmarked"
        case ranPlain = "plain"
    }

    /// Lists the glue leaves out are empty.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            id: try container.decode(Int.self, forKey: .id),
            outcome: try container.decode(Outcome.self, forKey: .outcome),
            exception: try container.decodeIfPresent(PythonException.self, forKey: .exception),
            exitCode: try container.decodeIfPresent(Int.self, forKey: .exitCode),
            definedNames: try container.decodeIfPresent([String].self, forKey: .definedNames) ?? [],
            leftovers: try container.decodeIfPresent([String].self, forKey: .leftovers) ?? [],
            durationSeconds: try container.decodeIfPresent(Double.self, forKey: .durationSeconds) ?? 0,
            probes: try container.decodeIfPresent([ProbeAnswer].self, forKey: .probes) ?? [],
            doctest: try container.decodeIfPresent([DoctestExample].self, forKey: .doctest) ?? [],
            concurrent: try container.decodeIfPresent(Bool.self, forKey: .concurrent) ?? false,
            refusals: try container.decodeIfPresent([SandboxRefusal].self, forKey: .refusals) ?? [])
        routes = try container.decodeIfPresent([RouteCheck].self, forKey: .routes) ?? []
        tests = try container.decodeIfPresent([TestFunctionResult].self, forKey: .tests) ?? []
        mentionedNames = try container.decodeIfPresent([String].self, forKey: .mentionedNames) ?? []
        unmarkedStreams = try container.decodeIfPresent([String].self, forKey: .unmarkedStreams) ?? []
        ranPlain = try container.decodeIfPresent(Bool.self, forKey: .ranPlain) ?? false
    }
}

/// An operation the sandbox refused while a snippet ran.
public struct SandboxRefusal: Sendable, Hashable, Codable {
    /// What was refused, e.g. `network connection to 93.184.216.34:80`.
    public var what: String
    /// Line in the snippet (1-based) where it was attempted.
    public var line: Int?

    public init(what: String, line: Int?) {
        self.what = what
        self.line = line
    }
}

/// An exception that escaped a snippet, as data.
public struct PythonException: Sendable, Hashable, Codable {
    /// Class name, e.g. `ZeroDivisionError`; qualified with its module unless built in.
    public var type: String
    /// Names of the class and its bases, nearest first, for "subclasses count" checks.
    public var hierarchy: [String]
    public var message: String
    /// Line in the snippet (1-based) of the innermost frame in the snippet's own file.
    public var line: Int?
    public var column: Int?
    public var isSyntaxError: Bool
    /// For ModuleNotFoundError: the top-level module, when it is not installed.
    public var missingModule: String?
    /// For FileNotFoundError on a relative path: that path.
    public var missingFile: String?
    /// For FileNotFoundError raised starting a program that is not on PATH: its name.
    public var missingProgram: String?
    /// For NameError: the undefined name.
    public var undefinedName: String?
    /// The traceback as Python prints it, limited to the snippet's frames and below.
    public var traceback: String

    public init(
        type: String, hierarchy: [String], message: String, line: Int?, column: Int? = nil,
        isSyntaxError: Bool = false, missingModule: String? = nil, missingFile: String? = nil,
        missingProgram: String? = nil, undefinedName: String? = nil, traceback: String = ""
    ) {
        self.type = type
        self.hierarchy = hierarchy
        self.message = message
        self.line = line
        self.column = column
        self.isSyntaxError = isSyntaxError
        self.missingModule = missingModule
        self.missingFile = missingFile
        self.missingProgram = missingProgram
        self.undefinedName = undefinedName
        self.traceback = traceback
    }
}
