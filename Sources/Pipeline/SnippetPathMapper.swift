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
            if found.separator == ":", let quoted = missingSourceLine(of: found, before: rest) {
                let lineEnd = rest.firstIndex(of: "\n").map { rest.index(after: $0) } ?? rest.endIndex
                result += rest[..<lineEnd]
                if !result.hasSuffix("\n") { result += "\n" }
                result += quoted + "\n"
                rest = rest[lineEnd...]
            }
        }
        return result + rest
    }

    /// The snippet line a warning is about, quoted as Python quotes it, when the warning
    /// (`doc.md:5: SyntaxWarning: …`) came without it: Python reads the line from the
    /// snippet's file, which a snippet compiled before its file is written does not have.
    private func missingSourceLine(of reference: Reference, before rest: Substring) -> String? {
        let warning = rest.prefix { $0 != "\n" }
        guard warning.hasPrefix(": ") else { return nil }
        let category = warning.dropFirst(2).prefix { $0 != ":" && $0 != " " }
        guard category.hasSuffix("Warning"), warning.dropFirst(2 + category.count).hasPrefix(": ") else { return nil }
        let lines = reference.snippet.code.split(separator: "\n", omittingEmptySubsequences: false)
        guard reference.line >= 1, reference.line <= lines.count else { return nil }
        let source = String(lines[reference.line - 1]).trimmingSpaces()
        guard !source.isEmpty else { return nil }
        let quoted = "  " + source
        let next = rest[(rest.firstIndex(of: "\n").map { rest.index(after: $0) } ?? rest.endIndex)...].prefix { $0 != "\n" }
        return next == quoted ? nil : quoted
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
