import VerifyCore

/// Finds the claims written as comments inside a Python snippet: trailing comments on
/// lines that print or evaluate something, `# Output:` blocks, value comments
/// (`# squares = [...]`), commented-out statements said to raise, and lines said to work
/// or to be (im)mutable.
struct CommentClaimExtractor {
    let snippet: Snippet
    let lines: PythonSourceLines

    init(snippet: Snippet) {
        self.snippet = snippet
        self.lines = PythonSourceLines(snippet.code)
    }

    func claims() -> [Claim] {
        var claims: [Claim] = []
        var consumed: Set<Int> = []
        for line in lines.lines where !line.startsInString && !consumed.contains(line.number) {
            guard let comment = line.comment else { continue }
            if line.isCommentOnly {
                if let block = outputBlock(startingAt: line) {
                    claims.append(block.claim)
                    consumed.formUnion(block.lines)
                } else if let claim = outputHeaderWithValue(line, comment: comment)
                    ?? commentedOutStatement(line, comment: comment) ?? valueComment(line, comment: comment)
                {
                    claims.append(claim)
                }
            } else if let claim = liveLineClaim(line, comment: comment) {
                claims.append(claim)
            }
        }
        return claims
    }

    private func documentLine(_ line: PythonSourceLines.Line) -> Int { snippet.documentLine(forCodeLine: line.number) }

    // MARK: Output blocks

    private static func isOutputHeader(_ comment: String) -> Bool {
        let text = comment.trimmingSpaces().lowercased()
        return ["output:", "output", "outputs:", "expected output:", "prints:", "result:", "console output:"].contains(text)
    }

    /// `# Output:` followed by commented lines: the snippet's whole stdout.
    private func outputBlock(startingAt header: PythonSourceLines.Line) -> (claim: Claim, lines: ClosedRange<Int>)? {
        guard let comment = header.comment, Self.isOutputHeader(comment) else { return nil }
        var body: [PythonSourceLines.Line] = []
        var number = header.number + 1
        while let line = lines[number], line.isCommentOnly, !line.startsInString {
            body.append(line)
            number += 1
        }
        guard let first = body.first, let last = body.last else { return nil }
        let expected = body.map { Self.stripCommentSpace($0.comment ?? "") }.joined(separator: "\n")
        let claim = Claim(
            kind: .stdout, line: documentLine(first), text: ([header] + body).map(\.text).joined(separator: "\n"),
            expected: expected, check: .stdout,
            location: .commentBlock(first: documentLine(first), last: documentLine(last)))
        return (claim, header.number...last.number)
    }

    /// `# Output: 10` on its own line: what the statement just above printed.
    private func outputHeaderWithValue(_ line: PythonSourceLines.Line, comment: String) -> Claim? {
        let text = comment.trimmingSpaces()
        guard text.lowercased().hasPrefix("output:") else { return nil }
        let value = String(text.dropFirst("output:".count)).trimmingSpaces()
        guard !value.isEmpty,
            let statement = lines.lines[..<(line.number - 1)].last(where: { !$0.code.allSatisfy(\.isWhitespace) })
        else { return nil }
        return Claim(
            kind: .stdout, line: documentLine(line), text: line.text.trimmingSpaces(), expected: value,
            check: .statementOutput(codeLine: statement.number, isPrint: PythonStatementShape(statement.code) == .print), location: .inline(line: documentLine(line), original: value))
    }

    static func stripCommentSpace(_ comment: String) -> String {
        (comment.hasPrefix(" ") ? String(comment.dropFirst()) : comment).trimmingTrailingSpaces()
    }

    // MARK: Raising and not raising

    private static let suffixes = ["Error", "Exception", "Exit", "Interrupt", "Iteration", "Warning"]

    /// An exception class named in an annotation: `raises AttributeError`, `TypeError`.
    static func exceptionName(in annotation: String) -> String? {
        // Every name it looks for ends in one of the suffixes: most comments have none.
        guard suffixes.contains(where: { annotation.containsText($0) }) else { return nil }
        let words = annotation.split { !($0.isIdentifierCharacter || $0 == ".") }
        return words.first { word in
            word.first?.isUppercase == true && suffixes.contains { word.hasSuffix($0) }
        }.map { String($0.split(separator: ".").last!) }
    }

    static func saysItRaises(_ annotation: String) -> Bool {
        let text = annotation.lowercased()
        if exceptionName(in: annotation) != nil { return true }
        return ["raise", "not allowed", "fails", "error", "not permitted", "invalid"].contains { text.containsText($0) }
    }

    private static let working = ["allowed", "ok", "works", "valid", "fine", "no error", "this works"]
    /// What may follow one of `working` at the start of the annotation.
    private static let workingOpenings = working.flatMap { word in [" ", ",", "."].map { word + $0 } }

    static func saysItWorks(_ annotation: String) -> Bool {
        // Every one of `working` starts with a letter: most comments (`# 99`) do not.
        guard let first = annotation.utf8.first(where: { $0 != 0x20 && !(0x09...0x0D).contains($0) }),
            first >= 0x80 || (first | 0x20 >= 0x61 && first | 0x20 <= 0x7A)
        else { return false }
        let text = annotation.trimmingSpaces().lowercased()
        guard !text.containsText("not"), !text.containsText("n't") else { return false }
        return working.contains(text) || workingOpenings.contains { text.hasPrefix($0) }
    }

    /// `# my_tuple.append(4)   # Not allowed - raises AttributeError`
    private func commentedOutStatement(_ line: PythonSourceLines.Line, comment: String) -> Claim? {
        var open: UInt8?
        let (statement, annotation) = PythonSourceLines.split(comment, openTriple: &open)
        let code = statement.trimmingSpaces()
        guard let annotation, !code.isEmpty, Self.saysItRaises(annotation),
            code.contains(where: { "([.=".contains($0) }), code.first.map({ $0.isLetter || $0 == "_" }) ?? false
        else { return nil }
        let exception = Self.exceptionName(in: annotation)
        return Claim(
            kind: .raises, line: documentLine(line), text: line.text.trimmingSpaces(),
            expected: exception ?? "an exception", check: .raises(statement: code, exception: exception),
            location: .inline(line: documentLine(line), original: annotation.trimmingSpaces()))
    }

    /// A live line with an annotation: works, raises, (im)mutable, or states its output.
    private func liveLineClaim(_ line: PythonSourceLines.Line, comment: String) -> Claim? {
        let shape = PythonStatementShape(line.code)
        let text = line.text.trimmingSpaces()
        let lowered = comment.lowercased()
        if case .assignment(let target) = shape, let mutable = Self.mutability(lowered) {
            return Claim(
                kind: .raises, line: documentLine(line), text: text,
                expected: mutable ? "can be modified" : "cannot be modified (TypeError)",
                check: .mutation(name: target, mutable: mutable),
                location: .inline(line: documentLine(line), original: comment.trimmingSpaces()))
        }
        if Self.saysItWorks(comment) {
            return Claim(
                kind: .raises, line: documentLine(line), text: text, expected: "no exception",
                check: .doesNotRaise(codeLine: line.number),
                location: .inline(line: documentLine(line), original: comment.trimmingSpaces()))
        }
        let exception = Self.exceptionName(in: comment)
        if exception != nil || lowered.containsText("raise") {
            return Claim(
                kind: .raises, line: documentLine(line), text: text, expected: exception ?? "an exception",
                check: .raisesHere(codeLine: line.number, exception: exception))
        }
        guard shape == .print || shape == .expression,
            let (value, tentative) = ExpectedValueParser.expectedValue(in: comment)
        else { return nil }
        let printsSomething = shape == .print || line.code.hasSuffix(")")
        return Claim(
            kind: printsSomething ? .stdout : .value, line: documentLine(line), text: text, expected: value,
            check: .statementOutput(codeLine: line.number, isPrint: shape == .print), isTentative: tentative,
            location: .inline(line: documentLine(line), original: value))
    }

    /// true for "can be modified", false for "cannot be modified" / "immutable", else nil.
    static func mutability(_ comment: String) -> Bool? {
        if ["cannot be modified", "can't be modified", "cannot be changed", "can't be changed", "immutable"]
            .contains(where: comment.containsText)
        {
            return false
        }
        if ["can be modified", "can be changed", "mutable"].contains(where: comment.containsText) { return true }
        return nil
    }

    // MARK: Value comments

    /// `# squares = [0, 1, 4, 9, 16]` after a live assignment to `squares`.
    private func valueComment(_ line: PythonSourceLines.Line, comment: String) -> Claim? {
        let text = comment.trimmingSpaces()
        guard let equals = PythonStatementShape.topLevelAssignment(text), text[equals] == "=" else { return nil }
        let name = String(text[..<equals]).trimmingSpaces()
        let literal = String(text[text.index(after: equals)...]).trimmingSpaces()
        guard !name.isEmpty, name.allSatisfy(\.isIdentifierCharacter),
            let parsed = ExpectedValueParser.leadingLiteral(Substring(literal)), parsed.count == literal.count,
            assignsEarlier(name, before: line.number)
        else { return nil }
        return Claim(
            kind: .value, line: documentLine(line), text: line.text.trimmingSpaces(), expected: literal,
            check: .variable(name: name), location: .inline(line: documentLine(line), original: literal))
    }

    private func assignsEarlier(_ name: String, before number: Int) -> Bool {
        lines.lines[..<(number - 1)].contains { line in
            guard !line.isCommentOnly else { return false }
            if case .assignment(let target) = PythonStatementShape(line.code), target == name { return true }
            let code = line.code.trimmingSpaces()
            return code.hasPrefix("for \(name) in ") || code.hasPrefix("with ") && code.hasSuffix(" as \(name):")
        }
    }
}
