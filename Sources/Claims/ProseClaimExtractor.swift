import Foundation
import VerifyCore

/// Finds claims in the sentences just before and after a snippet: a backticked literal
/// after a result verb, in a sentence about the snippet itself ("This produces
/// `[0, 2, 4, 6, 8]`").
enum ProseClaimExtractor {
    static let verbs = [
        "produces", "prints", "outputs", "returns", "gives", "evaluates to", "results in", "yields", "displays",
        "shows", "will print", "will output", "will return", "would print", "would return",
    ]
    /// Sentence openings that make the snippet the subject.
    static let subjects = [
        "this", "it", "that", "which", "the above", "the following", "the code", "the snippet", "the example",
        "the expression", "the statement", "the comprehension", "the output", "the result", "the program",
        "the script", "the loop", "the call", "running it", "running this", "here,", "here the",
    ]

    /// Claims in the paragraph after the snippet, and in the one before it unless that
    /// paragraph follows the previous snippet (then it is about that one) and does not
    /// introduce this one with a colon.
    static func claims(for snippet: Snippet, in document: Document) -> [Claim] {
        var claims = snippet.paragraphAfter.map { self.claims(in: $0) } ?? []
        if let before = snippet.paragraphBefore {
            let previous = snippet.index > 0 ? document.snippets[snippet.index - 1] : nil
            let aboutPrevious = previous?.paragraphAfter == before
            claims = (aboutPrevious ? self.claims(in: before).filter { $0.text.hasSuffix(":") } : self.claims(in: before)) + claims
        }
        return claims
    }

    static func claims(in paragraph: Paragraph) -> [Claim] {
        var claims: [Claim] = []
        let text = paragraph.text
        guard text.containsText("`") else { return [] }
        for verb in verbs {
            var searchStart = text.startIndex
            while let match = text.range(of: verb + " `", options: .caseInsensitive, range: searchStart..<text.endIndex) {
                searchStart = match.upperBound
                guard isWordStart(text, match.lowerBound) else { continue }
                let literalStart = match.upperBound
                guard let close = text[literalStart...].firstIndex(of: "`") else { continue }
                let literal = String(text[literalStart..<close])
                let sentence = text[text.sentenceRange(around: match.lowerBound..<match.lowerBound)]
                guard !literal.isEmpty, aboutTheSnippet(sentence) else { continue }
                let line = paragraph.line(of: match.lowerBound)
                claims.append(Claim(
                    kind: .prose, line: line, text: sentence.trimmingSpaces(), expected: literal, check: .prose,
                    location: .inline(line: line, original: literal)))
            }
        }
        return claims.sorted { $0.line < $1.line }
    }

    private static func isWordStart(_ text: String, _ index: String.Index) -> Bool {
        index == text.startIndex || !text[text.index(before: index)].isLetter
    }

    private static func aboutTheSnippet(_ sentence: Substring) -> Bool {
        let opening = sentence.trimmingSpaces().lowercased()
            .replacingOccurrences(of: "\n", with: " ")
        return subjects.contains { opening.hasPrefix($0 + " ") || opening.hasPrefix($0) && $0.hasSuffix(",") }
    }
}
