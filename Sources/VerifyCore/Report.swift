/// The result of `verify run`: schema `verify-report/1`.
///
/// Field names are stable: fields may be added, never renamed. The README documents
/// every one of them.
public struct Report: Sendable, Hashable, Codable {
    public static let schemaIdentifier = "verify-report/1"

    public var schema: String
    public var tool: Tool
    public var environment: Environment
    public var summary: Summary
    public var documents: [DocumentReport]
    /// Inputs that could not be read at all: a missing path, invalid UTF-8, a binary file.
    public var inputErrors: [InputError]
    /// True when the run was interrupted and the report holds only what finished.
    public var partial: Bool?
    /// With `--baseline`: which failures are new, which are known, which were fixed.
    public var baseline: BaselineSummary?

    public init(
        tool: Tool, environment: Environment, documents: [DocumentReport],
        inputErrors: [InputError] = [], durationSeconds: Double, partial: Bool? = nil
    ) {
        self.schema = Self.schemaIdentifier
        self.tool = tool
        self.environment = environment
        self.documents = documents
        self.inputErrors = inputErrors
        self.partial = partial
        self.summary = Summary(documents: documents, durationSeconds: durationSeconds)
    }

    public struct Tool: Sendable, Hashable, Codable {
        public var name: String
        public var version: String
        public init(name: String = "verify", version: String) {
            self.name = name
            self.version = version
        }
    }

    public struct Environment: Sendable, Hashable, Codable {
        public var python: String?
        public var sqlite: String?
        public var cpus: Int
        /// The parts of the snippets' sandbox the kernel granted, e.g. `pids cgroup`,
        /// `network namespace`, `read-only mounts`, `bubblewrap`; the audit hook covers
        /// Python code whatever is missing.
        public var sandbox: [String]?
        public init(python: String?, sqlite: String?, cpus: Int, sandbox: [String]? = nil) {
            self.python = python
            self.sqlite = sqlite
            self.cpus = cpus
            self.sandbox = sandbox
        }
    }

    public struct Summary: Sendable, Hashable, Codable {
        public var documents: Int
        public var snippets: Int
        public var claims: Int
        public var passed: Int
        public var failed: Int
        /// Snippets that raised, did not compile or crashed their worker.
        public var errors: Int
        public var timeouts: Int
        public var skipped: Int
        public var durationSeconds: Double

        public init(documents: [DocumentReport], durationSeconds: Double) {
            self.documents = documents.count
            (snippets, claims, passed, failed, errors, timeouts, skipped) = (0, 0, 0, 0, 0, 0, 0)
            // Counted in place: a run's snippet reports are too many to copy into one list.
            for document in documents {
                claims += document.claims.count
                snippets += document.snippets.count
                for snippet in document.snippets {
                    claims += snippet.claims.count
                    switch snippet.status {
                    case .passed: passed += 1
                    case .failed: failed += 1
                    case .error, .syntaxError, .crashed: errors += 1
                    case .timeout: timeouts += 1
                    case .skipped: skipped += 1
                    }
                }
            }
            self.durationSeconds = durationSeconds
        }
    }

    public struct InputError: Sendable, Hashable, Codable, Error {
        public var path: String
        public var message: String
        public init(path: String, message: String) {
            self.path = path
            self.message = message
        }
    }

    /// Whether the run fails the content gate: exit status 1. With a baseline, only new
    /// failures count.
    public var failsGate: Bool {
        if let baseline { return !baseline.new.isEmpty }
        return documents.contains { document in
            document.snippets.contains { snippet in
                snippet.status.failsGate
                    || snippet.findings.contains { $0.severity == .error }
                    || snippet.claims.contains { $0.status == .fails }
            } || document.findings.contains { $0.severity == .error }
        }
    }
}

/// How a run compares with a known-issues baseline.
public struct BaselineSummary: Sendable, Hashable, Codable {
    public var file: String
    /// Failures not in the baseline: these fail the gate.
    public var new: [String]
    /// Failures the baseline already lists.
    public var known: Int
    /// Baseline entries that no longer fail.
    public var fixed: [String]

    public init(file: String, new: [String], known: Int, fixed: [String]) {
        self.file = file
        self.new = new
        self.known = known
        self.fixed = fixed
    }
}

/// One document's part of a report.
public struct DocumentReport: Sendable, Hashable, Codable {
    public var path: String
    public var snippets: [SnippetReport]
    /// Findings about the document that belong to no snippet.
    public var findings: [Finding]
    /// Claims in the prose that belong to no snippet (performance statements).
    public var claims: [ClaimReport]

    public init(path: String, snippets: [SnippetReport], findings: [Finding] = [], claims: [ClaimReport] = []) {
        self.path = path
        self.snippets = snippets
        self.findings = findings
        self.claims = claims
    }
}

/// One snippet's verdict with what was observed while running it.
public struct SnippetReport: Sendable, Hashable, Codable {
    public var line: Int
    public var endLine: Int
    public var language: String
    public var dialect: String?
    public var heading: String?
    public var status: SnippetStatus
    public var reason: String?
    public var context: RunContext?
    public var durationSeconds: Double?
    public var stdout: String?
    public var stderr: String?
    public var error: SnippetError?
    public var claims: [ClaimReport]
    public var findings: [Finding]
    /// A hash of the snippet's code, so known failures are matched by content, not line.
    public var fingerprint: String?

    public init(
        line: Int, endLine: Int, language: String, dialect: String? = nil, heading: String?,
        status: SnippetStatus, reason: String? = nil, context: RunContext? = nil,
        durationSeconds: Double? = nil, stdout: String? = nil, stderr: String? = nil,
        error: SnippetError? = nil, claims: [ClaimReport] = [], findings: [Finding] = []
    ) {
        self.line = line
        self.endLine = endLine
        self.language = language
        self.dialect = dialect
        self.heading = heading
        self.status = status
        self.reason = reason
        self.context = context
        self.durationSeconds = durationSeconds
        self.stdout = stdout
        self.stderr = stderr
        self.error = error
        self.claims = claims
        self.findings = findings
    }
}

/// An exception a snippet raised, at its line in the Markdown file.
public struct SnippetError: Sendable, Hashable, Codable {
    public var type: String
    public var message: String
    public var line: Int?
    public var column: Int?

    public init(type: String, message: String, line: Int?, column: Int? = nil) {
        self.type = type
        self.message = message
        self.line = line
        self.column = column
    }
}

/// What the text claims about a snippet, and whether it holds.
public struct ClaimReport: Sendable, Hashable, Codable {
    public enum Kind: String, Sendable, Hashable, Codable, CaseIterable {
        case stdout, value, raises, doctest, prose
        case sqlResult = "sql-result"
        case performance
        /// A route of a web application the snippet defines, called with a test client.
        case http
        /// A `test_…` function the snippet defines, called once.
        case test
    }

    public enum Status: String, Sendable, Hashable, Codable {
        case holds, fails, unchecked
    }

    public var line: Int
    public var kind: Kind
    public var text: String
    public var expected: String?
    public var actual: String?
    public var status: Status
    public var reason: String?

    public init(
        line: Int, kind: Kind, text: String, expected: String?, actual: String?, status: Status,
        reason: String? = nil
    ) {
        self.line = line
        self.kind = kind
        self.text = text
        self.expected = expected
        self.actual = actual
        self.status = status
        self.reason = reason
    }
}
