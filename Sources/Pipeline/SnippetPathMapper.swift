import VerifyCore

/// Rewrites where a worker says a snippet's line is — `/…/verify-worker-…/src/doc_L3.py:2:`
/// in a warning, `File "/…/src/doc_L3.py", line 2` in a traceback — as the document's
/// path and line, so that what a snippet wrote to stderr points into the Markdown file.
struct SnippetPathMapper {
    /// The snippets a worker may name, by the file name it ran them from.
    let snippets: [String: Snippet]
    let documentPath: String

    func map(_ text: String) -> String {
        guard text.containsText("/src/") else { return text }
        var result = ""
        var rest = Substring(text)
        while let found = nextReference(in: rest) {
            result += rest[..<found.pathStart]
            result += documentPath
            result += found.separator
            result += String(found.snippet.documentLine(forCodeLine: found.line))
            rest = rest[found.end...]
        }
        return result + rest
    }

    private struct Reference {
        var pathStart: Substring.Index
        var separator: Substring
        var line: Int
        var end: Substring.Index
        var snippet: Snippet
    }

    /// The next worker path of a known snippet file followed by a line number.
    private func nextReference(in text: Substring) -> Reference? {
        var searchFrom = text.startIndex
        while let marker = text[searchFrom...].firstRange(of: "/src/") {
            searchFrom = marker.upperBound
            let nameEnd = text[marker.upperBound...].firstIndex { $0 == ":" || $0 == "\"" || $0.isWhitespace } ?? text.endIndex
            guard let snippet = snippets[String(text[marker.upperBound..<nameEnd])] else { continue }
            let pathStart = text[..<marker.lowerBound].lastIndex { $0 == "\"" || $0.isWhitespace }
                .map { text.index(after: $0) } ?? text.startIndex
            guard text[pathStart..<marker.lowerBound].containsText("/verify-worker-") else { continue }
            for separator in [":", "\", line "] where text[nameEnd...].hasPrefix(separator) {
                let digitsStart = text.index(nameEnd, offsetBy: separator.count)
                let digitsEnd = text[digitsStart...].firstIndex { !$0.isASCII || !$0.isNumber } ?? text.endIndex
                guard let line = Int(text[digitsStart..<digitsEnd]) else { continue }
                return Reference(
                    pathStart: pathStart, separator: text[nameEnd..<digitsStart], line: line, end: digitsEnd, snippet: snippet)
            }
        }
        return nil
    }
}
