/// An instruction from the writer to verify, attached to the next fence: an HTML comment
/// just before it (`<!-- verify: timeout 30 -->`) or a word in its info string
/// (```` ```python skip ````).
public struct Directive: Sendable, Hashable, Codable {
    public enum Name: String, Sendable, Hashable, Codable, CaseIterable {
        /// Do not run the snippet.
        case skip
        /// The snippet is expected to raise this exception (or a subclass).
        case expectError = "expect-error"
        /// `document` or `standalone`: run with the names of earlier snippets, or alone.
        case context
        /// Seconds the snippet may run.
        case timeout
        /// `unordered`: compare output lines as a multiset.
        case output
        /// A file or folder copied into the snippet's working directory.
        case fixture
        /// Measure the snippet with `verify bench`.
        case bench
        /// A SQL script run before the snippet, creating the tables it needs.
        case sqlFixture = "sql-fixture"
        /// Lint rules not to report for this snippet, e.g. `ignore DL3008 DL3015`.
        case ignore
        /// doctest option flags, e.g. `doctest ELLIPSIS NORMALIZE_WHITESPACE`.
        case doctest
    }

    public var name: Name
    public var arguments: [String]
    /// Line of the comment or of the fence in the Markdown file.
    public var line: Int

    public init(name: Name, arguments: [String] = [], line: Int) {
        self.name = name
        self.arguments = arguments
        self.line = line
    }
}

/// Reads directives from the comments before a fence and from its info string.
public enum DirectiveParser {
    /// The snippet's directives, and a finding for each one that is not understood.
    public static func directives(for snippet: Snippet) -> (directives: [Directive], findings: [Finding]) {
        var directives: [Directive] = []
        var findings: [Finding] = []
        func add(_ directive: Directive) {
            if let problem = directive.problem {
                findings.append(Finding(rule: "invalid-directive", severity: .error, line: directive.line, message: problem))
            } else {
                directives.append(directive)
            }
        }
        for comment in snippet.precedingComments {
            for (offset, line) in comment.text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
                guard let body = directiveBody(line) else { continue }
                let lineNumber = comment.line + offset
                for part in body.split(separator: ";") {
                    let words = part.split(whereSeparator: \.isWhitespace).map(String.init)
                    guard let first = words.first else { continue }
                    if let name = Directive.Name(rawValue: first.lowercased()) {
                        add(Directive(name: name, arguments: Array(words.dropFirst()), line: lineNumber))
                    } else {
                        findings.append(unknown(first, line: lineNumber))
                    }
                }
            }
        }
        for word in snippet.attributes {
            let parts = word.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
            guard let name = Directive.Name(rawValue: parts[0].lowercased()) else { continue }
            let arguments = parts.count > 1 ? parts[1].split(separator: ",").map(String.init) : []
            add(Directive(name: name, arguments: arguments, line: snippet.line))
        }
        return (directives, findings)
    }

    /// The text after `verify:` in a line such as `<!-- verify: skip -->`.
    static func directiveBody(_ line: Substring) -> Substring? {
        var text = line.drop { $0.isWhitespace }
        if text.hasPrefix("<!--") { text = text.dropFirst(4) }
        text = text.drop { $0.isWhitespace }
        guard text.lowercased().hasPrefix("verify:") else { return nil }
        text = text.dropFirst("verify:".count)
        if let end = text.firstRange(of: "-->") { text = text[..<end.lowerBound] }
        return text
    }

    private static func unknown(_ word: String, line: Int) -> Finding {
        let known = Directive.Name.allCases.map(\.rawValue).joined(separator: ", ")
        return Finding(
            rule: "unknown-directive", severity: .error, line: line,
            message: "unknown directive '\(word)'; known directives: \(known)")
    }
}

extension Directive {
    /// The longest time limit a snippet may have: a day.
    public static let longestTimeout = 86_400.0

    /// Seconds of a `timeout` directive.
    public var seconds: Double? { name == .timeout ? arguments.first.flatMap(Double.init) : nil }

    /// What is wrong with the directive's arguments, if anything.
    var problem: String? {
        let given = arguments.joined(separator: " ")
        switch name {
        case .timeout:
            guard arguments.count == 1, let seconds, seconds > 0, seconds <= Self.longestTimeout else {
                return "timeout takes a number of seconds above 0 and at most \(Int(Self.longestTimeout)), not '\(given)'"
            }
        case .context:
            guard arguments.count == 1, ["document", "standalone"].contains(arguments[0].lowercased()) else {
                return "context takes document or standalone, not '\(given)'"
            }
        case .output:
            guard arguments.map({ $0.lowercased() }) == ["unordered"] else {
                return "output takes unordered, not '\(given)'"
            }
        case .expectError, .fixture, .sqlFixture, .ignore:
            guard !arguments.isEmpty else {
                let what = name == .expectError ? "the name of an exception" : name == .ignore ? "lint rules" : "a path"
                return "\(name.rawValue) takes \(what)"
            }
        case .skip, .bench, .doctest:
            break
        }
        return nil
    }
}

extension Array where Element == Directive {
    /// The last directive with this name: a later one overrides an earlier one.
    public func last(_ name: Directive.Name) -> Directive? {
        last { $0.name == name }
    }
}
