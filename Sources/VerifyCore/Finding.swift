/// Something the user should know about their document: a lint rule, an unclosed
/// fence, an unknown directive. Findings are data; failures of the tool itself are
/// thrown errors instead.
public struct Finding: Sendable, Hashable, Codable {
    public enum Severity: String, Sendable, Hashable, Codable, CaseIterable, Comparable {
        case error, warning, info

        private var rank: Int {
            switch self {
            case .error: 2
            case .warning: 1
            case .info: 0
            }
        }
        public static func < (lhs: Severity, rhs: Severity) -> Bool { lhs.rank < rhs.rank }
    }

    /// A stable identifier users can look up and ignore, such as `DL3006` or `unclosed-fence`.
    public var rule: String
    public var severity: Severity
    /// 1-based line in the Markdown file.
    public var line: Int
    public var column: Int?
    public var message: String
    public var notes: [String]

    public init(
        rule: String, severity: Severity, line: Int, column: Int? = nil, message: String,
        notes: [String] = []
    ) {
        self.rule = rule
        self.severity = severity
        self.line = line
        self.column = column
        self.message = message
        self.notes = notes
    }
}
