/// A place in a Markdown document: 1-based line, and column where known.
///
/// Locations always point into the Markdown file, never into a snippet, so that
/// editors, SARIF viewers and CI annotations land on the right line.
public struct SourceLocation: Sendable, Hashable, Codable, Comparable {
    public var line: Int
    public var column: Int?

    public init(line: Int, column: Int? = nil) {
        self.line = line
        self.column = column
    }

    public static func < (lhs: SourceLocation, rhs: SourceLocation) -> Bool {
        (lhs.line, lhs.column ?? 0) < (rhs.line, rhs.column ?? 0)
    }
}
