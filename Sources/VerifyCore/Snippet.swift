/// A heading above a snippet, with its level (1 for `#`) and plain text.
public struct Heading: Sendable, Hashable, Codable {
    public var level: Int
    public var text: String
    public var line: Int

    public init(level: Int, text: String, line: Int) {
        self.level = level
        self.text = text
        self.line = line
    }
}

/// A paragraph of prose with inline code kept in backticks, so that claims such as
/// "This produces `[0, 2, 4]`" can be found; `line` is its first line in the Markdown
/// file and each newline in `text` is one source line further.
public struct Paragraph: Sendable, Hashable, Codable {
    public var line: Int
    public var endLine: Int
    public var text: String

    public init(line: Int, endLine: Int, text: String) {
        self.line = line
        self.endLine = endLine
        self.text = text
    }
}

/// A GFM table of the prose, with its cells as plain text (emphasis and code ticks dropped).
/// `line` is the line of its header row; a data row's line is `line + 2 + index`.
public struct MarkdownTable: Sendable, Hashable, Codable {
    public var line: Int
    public var endLine: Int
    public var header: [String]
    public var rows: [[String]]

    public init(line: Int, endLine: Int, header: [String], rows: [[String]]) {
        self.line = line
        self.endLine = endLine
        self.header = header
        self.rows = rows
    }
}

/// A fenced code block and everything around it that the later stages need.
public struct Snippet: Sendable, Hashable, Codable {
    /// Position of this snippet among the fenced blocks of its document, from 0.
    public var index: Int
    /// Line of the opening fence.
    public var line: Int
    /// Line of the closing fence, or of the last line of the block when it is unclosed.
    public var endLine: Int
    /// Column (1-based) at which the opening fence starts.
    public var fenceColumn: Int
    public var language: Language
    /// Whether the language came from the content because the info string had none.
    public var languageDetected: Bool
    /// The info string as written.
    public var info: String
    /// The words of the info string after the language, such as `skip`.
    public var attributes: [String]
    /// The block's content, with the container's indentation removed.
    public var code: String
    public var isClosed: Bool
    /// Headings from outermost to innermost.
    public var headings: [Heading]
    public var paragraphBefore: Paragraph?
    public var paragraphAfter: Paragraph?
    /// HTML blocks (such as `<!-- verify: skip -->`) standing just before the fence.
    public var precedingComments: [Paragraph]
    /// A table standing right after the block (only HTML comments and at most one
    /// paragraph ending in a colon, such as "Result:", between), read as its expected output.
    public var tableAfter: MarkdownTable?
    /// Whether the block stands right after the previous fenced block, with only HTML
    /// comments and at most one paragraph ending in a colon between, so that it can be
    /// read as that block's expected output.
    public var adjoinsPrevious: Bool

    public init(
        index: Int, line: Int, endLine: Int, fenceColumn: Int, language: Language,
        languageDetected: Bool, info: String, attributes: [String], code: String, isClosed: Bool,
        headings: [Heading], paragraphBefore: Paragraph?, paragraphAfter: Paragraph?,
        precedingComments: [Paragraph] = [], tableAfter: MarkdownTable? = nil, adjoinsPrevious: Bool = false
    ) {
        self.index = index
        self.line = line
        self.endLine = endLine
        self.fenceColumn = fenceColumn
        self.language = language
        self.languageDetected = languageDetected
        self.info = info
        self.attributes = attributes
        self.code = code
        self.isClosed = isClosed
        self.headings = headings
        self.paragraphBefore = paragraphBefore
        self.paragraphAfter = paragraphAfter
        self.precedingComments = precedingComments
        self.tableAfter = tableAfter
        self.adjoinsPrevious = adjoinsPrevious
    }

    /// Line in the Markdown file of the snippet's first line of code.
    public var firstCodeLine: Int { line + 1 }

    /// Maps a 1-based line of the snippet's code to its line in the Markdown file.
    public func documentLine(forCodeLine codeLine: Int) -> Int {
        firstCodeLine + max(codeLine, 1) - 1
    }

    /// Maps a 1-based column of a line of the snippet's code to its column in the
    /// Markdown file: the container's indentation, which the code lost, comes back.
    public func documentColumn(forCodeColumn column: Int) -> Int {
        column + fenceColumn - 1
    }

    /// The innermost heading's text, if any.
    public var heading: String? { headings.last?.text }
}

/// A Markdown file after parsing: its snippets and the findings about the file itself.
public struct Document: Sendable, Hashable, Codable {
    /// The path as the user gave it (or as found below a directory they gave).
    public var path: String
    public var snippets: [Snippet]
    public var findings: [Finding]
    /// Every paragraph of prose in source order, including those inside lists and quotes.
    public var paragraphs: [Paragraph]
    /// Every heading in source order.
    public var headings: [Heading]

    public init(
        path: String, snippets: [Snippet], findings: [Finding] = [], paragraphs: [Paragraph] = [],
        headings: [Heading] = []
    ) {
        self.path = path
        self.snippets = snippets
        self.findings = findings
        self.paragraphs = paragraphs
        self.headings = headings
    }

    /// The nearest heading above `line`, if any (headings are in source order).
    public func heading(above line: Int) -> Heading? {
        var (low, high) = (0, headings.count)
        while low < high {
            let middle = (low + high) / 2
            if headings[middle].line < line { low = middle + 1 } else { high = middle }
        }
        return low > 0 ? headings[low - 1] : nil
    }
}
