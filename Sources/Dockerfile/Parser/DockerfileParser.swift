public import VerifyCore

/// Reads a Dockerfile with BuildKit's grammar.
///
/// Parser directives count only before the first comment, blank line or instruction;
/// a line ending in the escape character continues on the next line, comment lines inside
/// a continuation are dropped and empty ones are skipped with a warning; `RUN`, `COPY`
/// and `ADD` take heredocs. Unknown instructions are kept (with their keyword) so that a
/// rule can report them. Bad input never stops the parser.
///
/// ```swift
/// let dockerfile = DockerfileParser().parse(snippet)
/// for instruction in dockerfile.instructions { print(instruction.line, instruction.keyword) }
/// ```
public struct DockerfileParser: Sendable {
    /// Every instruction BuildKit knows.
    public static let knownInstructions: Set<String> = [
        "ADD", "ARG", "CMD", "COPY", "ENTRYPOINT", "ENV", "EXPOSE", "FROM", "HEALTHCHECK", "LABEL",
        "MAINTAINER", "ONBUILD", "RUN", "SHELL", "STOPSIGNAL", "USER", "VOLUME", "WORKDIR",
    ]
    static let heredocInstructions: Set<String> = ["RUN", "COPY", "ADD"]

    public init() {}

    /// Parses a snippet's code; lines are the snippet's lines in its Markdown file.
    public func parse(_ snippet: Snippet) -> ParsedDockerfile {
        parse(snippet.code, documentLine: snippet.documentLine(forCodeLine:))
    }

    /// Parses text; `documentLine` maps a 1-based line of `text` to the line to report.
    public func parse(_ text: String, documentLine: (Int) -> Int = { $0 }) -> ParsedDockerfile {
        var body = Substring(text)
        if body.hasPrefix("\u{FEFF}") { body = body.dropFirst() }
        var physical = body.split(separator: "\n", omittingEmptySubsequences: false)
        if physical.last?.isEmpty == true { physical.removeLast() }
        let lines = physical.enumerated().map { offset, line in
            SourceLine(text: String(line.hasSuffix("\r") ? line.dropLast() : line), line: documentLine(offset + 1))
        }
        var reader = LogicalLineReader(lines: lines)
        var dockerfile = reader.read()
        VariableResolver.resolve(&dockerfile)
        return dockerfile
    }
}

/// Turns physical lines into instructions; one value per parse.
struct LogicalLineReader {
    let lines: [SourceLine]
    var index = 0
    var result = ParsedDockerfile()
    var pendingComments: [Comment] = []

    init(lines: [SourceLine]) {
        self.lines = lines
    }

    mutating func read() -> ParsedDockerfile {
        readDirectives()
        while index < lines.count {
            let current = lines[index]
            let text = current.text.drop(while: \.isBlank)
            if text.isEmpty {
                index += 1
                pendingComments.removeAll()
            } else if text.hasPrefix("#") {
                pendingComments.append(Comment(text: String(text.dropFirst()), line: current.line))
                index += 1
            } else {
                readInstruction()
                pendingComments.removeAll()
            }
        }
        return result
    }

    /// `# name=value` lines at the very top, until the first line that is not one.
    private mutating func readDirectives() {
        for line in lines {
            guard let (name, value) = Self.directive(in: line.text),
                ["syntax", "escape", "check"].contains(name)
            else { return }
            if result.directive(name) != nil {
                result.syntaxErrors.append(SyntaxError(line: line.line, message: "only one \(name) parser directive can be used"))
                continue
            }
            result.directives.append(ParserDirective(name: name, value: value, line: line.line))
            if name == "escape" {
                if value == "\\" || value == "`", let character = value.first {
                    result.escapeCharacter = character
                } else {
                    result.syntaxErrors.append(SyntaxError(
                        line: line.line, message: "invalid escape token '\(value)': it must be ` or \\"))
                }
            }
        }
    }

    /// Name (lower case) and value of a line such as `# escape = \``.
    static func directive(in line: String) -> (String, String)? {
        var text = Substring(line)
        guard text.first == "#" else { return nil }
        text = text.dropFirst().drop(while: \.isBlank)
        let name = text.prefix { $0.isASCII && ($0.isLetter || $0.isNumber) }
        guard let first = name.first, first.isLetter else { return nil }
        text = text.dropFirst(name.count).drop(while: \.isBlank)
        guard text.first == "=" else { return nil }
        let value = text.dropFirst().drop(while: \.isBlank).trimmingBlanksAtEnd()
        return value.isEmpty ? nil : (name.lowercased(), String(value))
    }

    private mutating func readInstruction() {
        let first = lines[index]
        index += 1
        var joined = ""
        var segments: [LineSegment] = []
        var piece = Substring(first.text.drop(while: \.isBlank))
        var pieceLine = first.line
        var endLine = first.line
        while true {
            let continued = continuationBody(piece)
            segments.append(LineSegment(offset: joined.count, line: pieceLine))
            joined += continued ?? piece
            guard continued != nil, let next = nextContinuationLine() else { break }
            piece = Substring(next.text)
            pieceLine = next.line
            endLine = next.line
        }
        makeInstruction(joined, segments: segments, line: first.line, endLine: endLine)
    }

    /// The next line joined to a continuation, skipping comment lines and recording empty ones.
    private mutating func nextContinuationLine() -> SourceLine? {
        var empty: [Int] = []
        while index < lines.count {
            let line = lines[index]
            index += 1
            let text = line.text.drop(while: \.isBlank)
            if text.hasPrefix("#") { continue }
            if text.isEmpty {
                empty.append(line.line)
                continue
            }
            let keyword = text.prefix { !$0.isBlank }.uppercased()
            let joinedInstruction = DockerfileParser.knownInstructions.contains(keyword) ? String(text) : nil
            result.emptyContinuationLines += empty.map { EmptyContinuationLine(line: $0, joinedInstruction: joinedInstruction) }
            return line
        }
        result.emptyContinuationLines += empty.map { EmptyContinuationLine(line: $0, joinedInstruction: nil) }
        return nil
    }

    /// The line without its trailing escape character (and blanks after it), or `nil`
    /// when the line does not continue.
    private func continuationBody(_ line: Substring) -> Substring? {
        let trimmed = line.trimmingBlanksAtEnd()
        guard trimmed.last == result.escapeCharacter else { return nil }
        return trimmed.dropLast()
    }

    private mutating func makeInstruction(_ joined: String, segments: [LineSegment], line: Int, endLine: Int) {
        let written = String(joined.prefix { !$0.isBlank })
        let keyword = written.uppercased()
        var rest = Substring(joined.dropFirst(written.count))
        var flags: [InstructionFlag] = []
        var offset = written.count
        while true {
            let blanks = rest.prefix(while: \.isBlank).count
            let word = rest.dropFirst(blanks).prefix { !$0.isBlank }
            guard DockerfileParser.knownInstructions.contains(keyword), word.hasPrefix("--"), word.count > 2 else {
                rest = rest.dropFirst(blanks)
                offset += blanks
                break
            }
            let option = word.dropFirst(2)
            let name = option.prefix { $0 != "=" }
            flags.append(InstructionFlag(name: String(name), value: String(option.dropFirst(name.count + 1))))
            rest = rest.dropFirst(blanks + word.count)
            offset += blanks + word.count
        }
        let arguments = String(rest.trimmingBlanksAtEnd())
        let shifted = segments.map { LineSegment(offset: max($0.offset - offset, 0), line: $0.line) }
        var heredocs: [Heredoc] = []
        var lastLine = endLine
        if DockerfileParser.heredocInstructions.contains(keyword) {
            heredocs = readHeredocs(HeredocMarker.markers(in: arguments))
            lastLine = heredocs.last.flatMap { $0.terminatorLine ?? $0.body.last?.line } ?? endLine
            for heredoc in heredocs where heredoc.terminatorLine == nil {
                result.syntaxErrors.append(SyntaxError(
                    line: line, message: "heredoc <<\(heredoc.delimiter) is never terminated: no line reads '\(heredoc.delimiter)'"))
            }
        }
        if DockerfileParser.knownInstructions.contains(keyword), arguments.isEmpty, heredocs.isEmpty {
            result.syntaxErrors.append(SyntaxError(line: line, message: "\(keyword) requires at least one argument"))
        }
        result.instructions.append(Instruction(
            keyword: keyword, writtenKeyword: written, flags: flags, arguments: arguments, heredocs: heredocs,
            line: line, endLine: lastLine, comments: pendingComments, segments: shifted))
    }

    /// Reads the bodies of the heredocs opened on the instruction's line, in order.
    private mutating func readHeredocs(_ markers: [HeredocMarker]) -> [Heredoc] {
        markers.map { marker in
            var heredoc = Heredoc(
                delimiter: marker.delimiter, stripsTabs: marker.stripsTabs, isQuoted: marker.isQuoted,
                body: [], terminatorLine: nil)
            while index < lines.count {
                let line = lines[index]
                index += 1
                let text = marker.stripsTabs ? String(line.text.drop { $0 == "\t" }) : line.text
                if text == marker.delimiter {
                    heredoc.terminatorLine = line.line
                    break
                }
                heredoc.body.append(SourceLine(text: text, line: line.line))
            }
            return heredoc
        }
    }
}

/// A `<<EOF` word on an instruction's line.
struct HeredocMarker {
    var delimiter: String
    var stripsTabs: Bool
    var isQuoted: Bool

    /// The heredoc words among the arguments: `<<EOF`, `<<-EOF`, `<<"EOF"`, `2<<EOF`.
    static func markers(in arguments: String) -> [HeredocMarker] {
        arguments.split(whereSeparator: \.isBlank).compactMap { word in
            var rest = word.drop(while: \.isNumber)
            guard rest.hasPrefix("<<") else { return nil }
            rest = rest.dropFirst(2)
            let stripsTabs = rest.first == "-"
            if stripsTabs { rest = rest.dropFirst() }
            guard let first = rest.first, first != "<" else { return nil }
            let isQuoted = rest.contains { $0 == "\"" || $0 == "'" }
            let delimiter = String(rest.filter { $0 != "\"" && $0 != "'" })
            return delimiter.isEmpty ? nil : HeredocMarker(delimiter: delimiter, stripsTabs: stripsTabs, isQuoted: isQuoted)
        }
    }
}

extension Character {
    /// A space or a tab: what separates words on a Dockerfile line.
    var isBlank: Bool { self == " " || self == "\t" }
}

extension StringProtocol {
    func trimmingBlanksAtEnd() -> SubSequence {
        var end = endIndex
        while end > startIndex {
            let before = index(before: end)
            guard self[before].isBlank || self[before] == "\r" else { break }
            end = before
        }
        return self[startIndex..<end]
    }
}
