import VerifyCore

/// An untagged, `text` or `output` fence right after a snippet (or after an "Output:"
/// line that follows it) states the snippet's whole stdout.
enum OutputFenceClaim {
    static let outputInfoWords: Set<String> = ["", "text", "txt", "output", "plaintext", "plain", "console-output"]

    /// The claim, if the snippet after `snippet` in `document` is its expected output.
    static func claim(for snippet: Snippet, in document: Document) -> Claim? {
        guard let next = document.snippets.first(where: { $0.index == snippet.index + 1 }), next.isClosed,
            next.headings == snippet.headings
        else { return nil }
        let infoWord = next.info.split(whereSeparator: \.isWhitespace).first.map { $0.lowercased() } ?? ""
        guard outputInfoWords.contains(infoWord) else { return nil }
        let introduced = isOutputIntroduction(snippet.paragraphAfter) && snippet.paragraphAfter == next.paragraphBefore
        let adjacent = snippet.paragraphAfter == nil && next.paragraphBefore == nil && next.line - snippet.endLine <= 2
            && (infoWord != "" || next.language == .text)
        guard introduced || adjacent else { return nil }
        let expected = next.code.hasSuffix("\n") ? String(next.code.dropLast()) : next.code
        let lastLine = next.endLine - 1
        return Claim(
            kind: .stdout, line: next.firstCodeLine, text: "output block at line \(next.line)", expected: expected,
            check: .stdout, location: .fenceContent(first: next.firstCodeLine, last: lastLine))
    }

    /// "Output:", "This prints:", "Expected output:" …
    static func isOutputIntroduction(_ paragraph: Paragraph?) -> Bool {
        guard let text = paragraph?.text.trimmingSpaces().lowercased(), text.hasSuffix(":") else { return false }
        let lastLine = text.split(separator: "\n").last.map(String.init) ?? text
        return ["output", "prints", "printed", "result", "produces", "displays", "shows", "you get", "you'll see", "you will see"]
            .contains { lastLine.containsText($0) }
    }
}
