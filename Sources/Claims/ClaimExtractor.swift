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
        // Looks for `>>>` after a line's spaces, followed by a space or the line's end; on
        // the contiguous UTF-8 bytes, without splitting the code into lines.
        var code = snippet.code
        return code.withUTF8 { bytes in
            var index = 0
            while index < bytes.count {
                while index < bytes.count, bytes[index] == UInt8(ascii: " ") { index += 1 }
                if index + 2 < bytes.count, bytes[index] == UInt8(ascii: ">"), bytes[index + 1] == UInt8(ascii: ">"),
                    bytes[index + 2] == UInt8(ascii: ">"),
                    index + 3 == bytes.count || bytes[index + 3] == UInt8(ascii: " ") || bytes[index + 3] == UInt8(ascii: "\n")
                {
                    return true
                }
                while index < bytes.count, bytes[index] != UInt8(ascii: "\n") { index += 1 }
                index += 1
            }
            return false
        }
    }
}
