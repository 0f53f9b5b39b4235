/// A question about a snippet that only Python can answer with Python semantics, asked
/// along with the run: what a statement printed or evaluated to, whether a variable
/// equals a literal, whether a statement raises. Lines are lines of the snippet.
public enum Probe: Sendable, Hashable, Codable {
    /// Output written while the statement on `line` ran and, when `recordsValue`, the
    /// value it evaluated to; `expected` is compared with them under Python equality
    /// when both are literals.
    case statementOutput(line: Int, expected: String, recordsValue: Bool)
    /// Whether the variable equals the literal after the run.
    case variable(name: String, literal: String)
    /// Runs `statement` in the snippet's final namespace and reports what it raises.
    case raises(statement: String)
    /// Tries to change the value bound to `name` in place (item assignment).
    case mutation(name: String)
    /// The value of the variable the snippet assigns last, compared with `literal`.
    case lastAssignment(literal: String)
    /// Whether two texts are equal as Python literals (`ast.literal_eval`).
    case literalEquality(actual: String, expected: String)
}

/// What the glue found for one probe. Fields not relevant to the probe are nil.
public struct ProbeAnswer: Sendable, Hashable, Codable {
    /// Output attributed to the statement, or the repr of a value.
    public var text: String?
    /// repr() of the value the statement or variable has, when it is not None.
    public var value: String?
    /// For statement output: whether the statement ran at all, when that is known.
    public var ran: Bool?
    /// Python equality with the expected literal: nil when either side is not a literal.
    public var equal: Bool?
    /// For `raises` and `mutation`: the exception raised, if any.
    public var raised: PythonException?
    /// The variable a `lastAssignment` probe looked at.
    public var name: String?
    /// Why the probe could not be answered (no such statement, name undefined, …).
    public var problem: String?

    public init(
        text: String? = nil, value: String? = nil, ran: Bool? = nil, equal: Bool? = nil,
        raised: PythonException? = nil, name: String? = nil, problem: String? = nil
    ) {
        self.text = text
        self.value = value
        self.ran = ran
        self.equal = equal
        self.raised = raised
        self.name = name
        self.problem = problem
    }
}

/// Output or a value attributed to a probed statement, appended by the glue to the
/// worker's record file while the snippet runs (one JSON object per line), so that it
/// survives a timeout or a crash.
public struct ProbeRecord: Sendable, Hashable, Codable {
    public var job: Int
    public var probe: Int
    public var text: String?
    public var value: String?

    public init(job: Int, probe: Int, text: String? = nil, value: String? = nil) {
        self.job = job
        self.probe = probe
        self.text = text
        self.value = value
    }
}

/// One example of a doctest session and how it went.
public struct DoctestExample: Sendable, Hashable, Codable {
    /// Snippet line of the example's `>>>`.
    public var line: Int
    public var source: String
    public var want: String
    public var got: String
    public var passed: Bool
    /// The exception the example raised, when it was not expected.
    public var exception: String?

    public init(line: Int, source: String, want: String, got: String, passed: Bool, exception: String? = nil) {
        self.line = line
        self.source = source
        self.want = want
        self.got = got
        self.passed = passed
        self.exception = exception
    }
}

/// One GET route of a web application a snippet defines, called through the
/// framework's test client.
public struct RouteCheck: Sendable, Hashable, Codable {
    public var method: String
    public var path: String
    /// Snippet line of the route's function (its first decorator), when it is in the snippet.
    public var line: Int?
    public var status: Int?
    public var body: String?
    /// The call raised instead of answering.
    public var error: String?
    /// Why the route was not called (required parameters, a missing template).
    public var skipped: String?
}

/// A `test_…` function a snippet defines, and how calling it went.
public struct TestFunctionResult: Sendable, Hashable, Codable {
    public var name: String
    /// Snippet line of the function's `def` (or first decorator).
    public var line: Int
    public var passed: Bool?
    public var failure: String?
    /// Snippet line of the failing statement (an `assert`), and its source.
    public var failingLine: Int?
    public var failingSource: String?
    public var skipped: String?
}
