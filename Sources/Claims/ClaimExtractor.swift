public import VerifyCore

/// Finds every claim the text makes about a snippet, before it runs.
///
/// ```swift
/// let claims = ClaimExtractor().claims(for: snippet, in: document)
/// ```
public struct ClaimExtractor: Sendable {
    public init() {}

    /// Claims about a Python snippet: comments in its code, an output fence right after
    /// it, and literals in the sentences around it.
    public func claims(for snippet: Snippet, in document: Document) -> [Claim] {
        Self.isDoctestSession(snippet) ? [] : claims(forNonDoctest: snippet, in: document)
    }

    /// `claims(for:in:)` for a snippet already known not to be a doctest session.
    public func claims(forNonDoctest snippet: Snippet, in document: Document) -> [Claim] {
        var claims = CommentClaimExtractor(snippet: snippet).claims()
        if let fence = OutputFenceClaim.claim(for: snippet, in: document) { claims.append(fence) }
        claims += ProseClaimExtractor.claims(for: snippet, in: document)
        return claims
    }

    /// The snippet whose expected output the fenced block `snippet` states, if any.
    public func outputOwner(of snippet: Snippet, in document: Document) -> Snippet? {
        guard snippet.index > 0 else { return nil }
        let previous = document.snippets[snippet.index - 1]
        switch previous.language.name {
        case "python": return OutputFenceClaim.claim(for: previous, in: document) != nil ? previous : nil
        case "sql": return snippet.adjoinsPrevious && snippet.language == .text ? previous : nil
        default: return nil
        }
    }

    /// Performance claims of the whole document: those in the paragraphs around a snippet
    /// keyed by its index, the others apart.
    public func performanceClaims(in document: Document) -> (bySnippet: [Int: [Claim]], unattached: [Claim]) {
        var bySnippet: [Int: [Claim]] = [:]
        var unattached: [Claim] = []
        for paragraph in document.paragraphs {
            let claims = PerformanceClaims.claims(in: paragraph, heading: document.heading(above: paragraph.line)?.text)
            guard !claims.isEmpty else { continue }
            if let owner = document.snippets.first(where: { $0.paragraphBefore == paragraph || $0.paragraphAfter == paragraph }) {
                bySnippet[owner.index, default: []] += claims
            } else {
                unattached += claims
            }
        }
        return (bySnippet, unattached)
    }

    /// A `pycon` block, or a Python block whose code has `>>>` prompts.
    public static func isDoctestSession(_ snippet: Snippet) -> Bool {
        guard snippet.language.name == "python" else { return false }
        if snippet.language.dialect == "pycon" { return true }
        // On UTF-8 bytes: Foundation's `hasPrefix` for substrings goes through NSString.
        return snippet.code.utf8.split(separator: UInt8(ascii: "\n")).contains { line in
            let trimmed = line.drop { $0 == UInt8(ascii: " ") }
            return trimmed.starts(with: ">>> ".utf8) || trimmed.elementsEqual(">>>".utf8)
        }
    }
}
