/// A Dockerfile as BuildKit reads it: parser directives, instructions grouped in build
/// stages, and what the parser itself found wrong.
public struct ParsedDockerfile: Sendable, Hashable {
    /// `# syntax=…`, `# escape=…`, `# check=…` at the top of the file.
    public var directives: [ParserDirective] = []
    /// `\` unless an `escape` directive chose `` ` ``.
    public var escapeCharacter: Character = "\\"
    public var instructions: [Instruction] = []
    public var stages: [Stage] = []
    /// `ARG` instructions before the first `FROM`, which only `FROM` lines see unless a
    /// stage declares them again.
    public var globalArguments: [String: String?] = [:]
    /// Markdown lines of empty lines inside a continuation (BuildKit warns about them).
    public var emptyContinuationLines: [EmptyContinuationLine] = []
    /// Problems that stop BuildKit: an unterminated heredoc, a bad escape directive, an
    /// instruction without its arguments.
    public var syntaxErrors: [SyntaxError] = []

    public init() {}

    /// The directive with this (lower-case) name.
    public func directive(_ name: String) -> ParserDirective? {
        directives.first { $0.name == name }
    }

    /// The instructions of a stage, its `FROM` first.
    public func instructions(of stage: Stage) -> ArraySlice<Instruction> {
        instructions[stage.instructionRange]
    }

    /// The last stage: what `docker build` produces without `--target`.
    public var finalStage: Stage? { stages.last }
}

/// A parser directive such as `# escape=\``.
public struct ParserDirective: Sendable, Hashable {
    public var name: String
    public var value: String
    public var line: Int
}

/// An empty line inside a continuation, and the text that got joined after it.
public struct EmptyContinuationLine: Sendable, Hashable {
    public var line: Int
    /// The first line joined after the empty one, when it looks like a new instruction
    /// the writer meant to start.
    public var joinedInstruction: String?
}

/// Something BuildKit refuses to build.
public struct SyntaxError: Sendable, Hashable {
    public var line: Int
    public var message: String
}

/// A build stage: a `FROM` and the instructions up to the next one.
public struct Stage: Sendable, Hashable {
    public var index: Int
    /// The name after `AS`, in lower case as BuildKit compares it.
    public var name: String?
    /// The base image after variable substitution; `nil` for `FROM` another stage.
    public var image: ImageReference?
    /// The earlier stage this one is built from (`FROM builder`).
    public var parentStage: Int?
    /// Indices into `ParsedDockerfile.instructions`, the `FROM` first.
    public var instructionRange: Range<Int>
    /// Markdown line of the `FROM`.
    public var line: Int
}
