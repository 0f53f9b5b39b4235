/// One instruction of a Dockerfile after BuildKit's line handling: continuation lines
/// joined, comment lines inside them removed, heredoc bodies attached.
///
/// Lines are lines of the Markdown file the Dockerfile stands in.
public struct Instruction: Sendable, Hashable {
    /// The instruction name in upper case, such as `RUN`; instruction names are case-insensitive.
    public var keyword: String
    /// The name as written, such as `run`.
    public var writtenKeyword: String
    /// Leading `--name=value` options, such as `--from=builder` or `--mount=type=cache,target=/root/.cache`.
    public var flags: [InstructionFlag]
    /// Everything after the name and the flags, continuation lines joined as BuildKit joins them.
    public var arguments: String
    /// The elements of a valid JSON array (exec form), or `nil` for shell form.
    public var execForm: [String]?
    /// Whether the arguments look like a JSON array but are not valid JSON, such as
    /// `['python']`: BuildKit then runs them as a shell command.
    public var isInvalidExecForm: Bool
    public var heredocs: [Heredoc]
    /// Markdown line of the instruction's first line.
    public var line: Int
    /// Markdown line of its last line, heredoc terminators included.
    public var endLine: Int
    /// Comment lines standing just above the instruction.
    public var comments: [Comment]
    /// Index of the build stage the instruction belongs to; `nil` before the first `FROM`.
    public var stage: Int?
    /// Words after variable substitution, for the instructions BuildKit substitutes in
    /// (`FROM`, `COPY`, `ADD`, `ENV`, `ARG`, `LABEL`, `WORKDIR`, `USER`, `EXPOSE`, `VOLUME`,
    /// `STOPSIGNAL`); empty for the others.
    public var words: [ExpandedWord]
    /// Variables used without a definition in scope and without a default value.
    public var undefinedVariables: [String]
    /// Where each joined piece of `arguments` came from.
    var segments: [LineSegment]

    init(
        keyword: String, writtenKeyword: String, flags: [InstructionFlag], arguments: String,
        heredocs: [Heredoc], line: Int, endLine: Int, comments: [Comment], segments: [LineSegment]
    ) {
        self.keyword = keyword
        self.writtenKeyword = writtenKeyword
        self.flags = flags
        self.arguments = arguments
        self.execForm = ExecForm.parse(arguments)
        self.isInvalidExecForm = execForm == nil && ExecForm.looksLikeArray(arguments)
        self.heredocs = heredocs
        self.line = line
        self.endLine = endLine
        self.comments = comments
        self.stage = nil
        self.words = []
        self.undefinedVariables = []
        self.segments = segments
    }

    /// The Markdown line on which the character at `offset` of `arguments` stands.
    public func line(atArgumentOffset offset: Int) -> Int {
        segments.last { $0.offset <= offset }?.line ?? line
    }

    /// The value of the flag `--name`, if given; an empty string for a flag without a value.
    public func flag(_ name: String) -> String? {
        flags.last { $0.name == name }?.value
    }

    /// Whether the instruction is a `RUN` with `--mount=type=cache` on a target containing `path`.
    func mountsCache(containing path: String) -> Bool {
        flags.contains { flag in
            flag.name == "mount" && flag.value.contains("type=cache") && flag.value.contains(path)
        }
    }
}

/// A `--name=value` option before an instruction's arguments.
public struct InstructionFlag: Sendable, Hashable {
    public var name: String
    public var value: String
}

/// A here-document attached to `RUN`, `COPY` or `ADD`: `<<EOF`, `<<-EOF`, `<<"EOF"`.
public struct Heredoc: Sendable, Hashable {
    public var delimiter: String
    /// `<<-`: leading tabs are removed from the body and the terminator.
    public var stripsTabs: Bool
    /// A quoted delimiter: variables in the body are not substituted.
    public var isQuoted: Bool
    public var body: [SourceLine]
    /// Markdown line of the terminator, `nil` when the heredoc is never terminated.
    public var terminatorLine: Int?
}

/// A line of the Dockerfile with its Markdown line.
public struct SourceLine: Sendable, Hashable {
    public var text: String
    public var line: Int
}

/// A comment line (`# …`), without the `#`.
public struct Comment: Sendable, Hashable {
    public var text: String
    public var line: Int
}

/// A word of an instruction after quote removal and variable substitution.
public struct ExpandedWord: Sendable, Hashable {
    /// The word as written.
    public var raw: String
    public var value: String
    /// False when a variable in it has no known value (an `ARG` without a default).
    public var isResolved: Bool
}

/// The start of one physical line's text within an instruction's arguments.
struct LineSegment: Sendable, Hashable {
    var offset: Int
    var line: Int
}
