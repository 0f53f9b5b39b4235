import VerifyCore

/// Rewrites where a worker says a snippet's line is — `/…/verify-worker-…/src/doc_L3.py:2:`
/// in a warning, `File "/…/src/doc_L3.py", line 2` in a traceback — as the document's
/// path and line, so that what a snippet wrote to stderr points into the Markdown file.
struct SnippetPathMapper {
    /// The snippets a worker may name, by the file name it ran them from.
    let snippets: [String: Snippet]
    let documentPath: String
    /// The folder the workers' own folders are made in (`VERIFY_WORKER_ROOT`).
    let scratchDirectory: String

    func map(_ text: String) -> String {
        let workers = scratchDirectory + "/verify-worker-"
        guard text.containsText(workers) else { return text }
        var result = ""
        var rest = Substring(text)
        while let found = nextReference(in: rest, workers: workers) {
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

    /// The next path of a known snippet file in a worker's folder, followed by a line.
    private func nextReference(in text: Substring, workers: String) -> Reference? {
        var searchFrom = text.startIndex
        while let root = text[searchFrom...].firstRange(of: workers) {
            searchFrom = root.upperBound
            // The worker's folder is one name: `/src/` must follow it before any other `/`.
            guard let slash = text[root.upperBound...].firstIndex(of: "/"), text[slash...].hasPrefix("/src/") else { continue }
            let nameStart = text.index(slash, offsetBy: 5)
            let nameEnd = text[nameStart...].firstIndex { $0 == ":" || $0 == "\"" || $0.isWhitespace } ?? text.endIndex
            guard let snippet = snippets[String(text[nameStart..<nameEnd])] else { continue }
            for separator in [":", "\", line "] where text[nameEnd...].hasPrefix(separator) {
                let digitsStart = text.index(nameEnd, offsetBy: separator.count)
                let digitsEnd = text[digitsStart...].firstIndex { !$0.isASCII || !$0.isNumber } ?? text.endIndex
                guard let line = Int(text[digitsStart..<digitsEnd]) else { continue }
                return Reference(
                    pathStart: root.lowerBound, separator: text[nameEnd..<digitsStart], line: line, end: digitsEnd,
                    snippet: snippet)
            }
        }
        return nil
    }
}
