public import VerifyCore

/// Something the text claims about a snippet, found before it runs.
public struct Claim: Sendable, Hashable {
    /// How the claim is checked.
    public enum Check: Sendable, Hashable {
        /// What the statement on this snippet line prints (or, unless it is a `print`
        /// call, evaluates to).
        case statementOutput(codeLine: Int, isPrint: Bool)
        /// The snippet's whole stdout.
        case stdout
        /// A variable's value after the run (`# squares = [0, 1, 4, 9, 16]`).
        case variable(name: String)
        /// A commented-out statement said to raise (`exception` nil: any exception).
        case raises(statement: String, exception: String?)
        /// A live line said to work (`# Allowed`): it must not raise.
        case doesNotRaise(codeLine: Int)
        /// A live line said to raise: the snippet's own exception, at that line.
        case raisesHere(codeLine: Int, exception: String?)
        /// The value bound to `name` can (or cannot) be changed in place.
        case mutation(name: String, mutable: Bool)
        /// A literal in the prose: the printed output or the last assigned variable.
        case prose
        /// A performance statement, judged by `verify bench`.
        case performance(pattern: String)
    }

    public var kind: ClaimReport.Kind
    /// Line of the Markdown file where the claim's text stands.
    public var line: Int
    /// The claim as written.
    public var text: String
    /// The expected value or output, as the text states it.
    public var expected: String
    public var check: Check
    /// A claim whose wording is not certainly a claim (a plain-words trailing comment):
    /// reported only when it holds.
    public var isTentative: Bool
    /// Where the expected text stands, for `--accept`.
    public var location: ExpectedTextLocation?

    public init(
        kind: ClaimReport.Kind, line: Int, text: String, expected: String, check: Check,
        isTentative: Bool = false, location: ExpectedTextLocation? = nil
    ) {
        self.kind = kind
        self.line = line
        self.text = text
        self.expected = expected
        self.check = check
        self.isTentative = isTentative
        self.location = location
    }
}

/// Where a claim's expected text stands in the Markdown file, so `--accept` can replace it.
public enum ExpectedTextLocation: Sendable, Hashable {
    /// Within one line: the last occurrence of `original` on `line`.
    case inline(line: Int, original: String)
    /// Commented lines `first...last`, each `<indentation># <text>`.
    case commentBlock(first: Int, last: Int)
    /// The content lines of a fenced block, `first...last` (empty when `last < first`).
    case fenceContent(first: Int, last: Int)
}
