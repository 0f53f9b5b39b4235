import Foundation
public import VerifyCore

extension GitHubActionsReporter {
    /// The Markdown for `$GITHUB_STEP_SUMMARY`: the verdict, a table of counts, and each
    /// problem with a link to its line (`path#L15`) and its message in a code block.
    public func stepSummary(_ report: Report) -> String {
        let s = report.summary
        var out = report.failsGate ? "### ❌ verify: content fails the gate\n\n" : "### ✅ verify: content passes the gate\n\n"
        if report.partial == true {
            out += "> [!WARNING]\n> The run was interrupted: these results are partial.\n\n"
        }
        out += "| Documents | Snippets | Passed | Failed | Errors | Timeouts | Skipped | Claims | Time |\n"
        out += "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n"
        let cells = [s.documents, s.snippets, s.passed, s.failed, s.errors, s.timeouts, s.skipped, s.claims].map(String.init)
        out += "| \(cells.joined(separator: " | ")) | \(String(format: "%.1f", s.durationSeconds)) s |\n"
        let problems = report.problems
        guard !problems.isEmpty else { return out + "\n" }
        out += "\n#### Problems (\(problems.count))\n\n"
        for problem in problems.prefix(summaryLimit) {
            out += item(problem)
        }
        if problems.count > summaryLimit {
            out += "\n… and \(problems.count - summaryLimit) more: see the annotations or a SARIF, JUnit or HTML report.\n"
        }
        return out + "\n"
    }

    private func item(_ problem: Problem) -> String {
        let icon = switch problem.level {
        case .error: "❌"
        case .warning: "⚠️"
        case .note: "ℹ️"
        }
        let path = relative(problem.path)
        let label = [path, problem.line.map(String.init)].compactMap(\.self).joined(separator: ":")
        // A path that could not be read has nothing to link to.
        let place = problem.line == nil
            ? Self.escapeLinkText(label) : "[\(Self.escapeLinkText(label))](<\(link(to: path, line: problem.line))>)"
        let fence = String(repeating: "`", count: max(3, longestBacktickRun(in: problem.message) + 1))
        let body = problem.message.split(separator: "\n", omittingEmptySubsequences: false).map { "  \($0)\n" }.joined()
        return "- \(icon) \(place) \(Self.escapeLinkText(problem.rule.title))\n  \(fence)text\n\(body)  \(fence)\n"
    }

    /// `blobURL` + path + `#L15`; the path percent-encoded where a URL needs it.
    public func link(to path: String, line: Int?) -> String {
        let encoded = path.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed) ?? path
        let anchor = line.map { "#L\($0)" } ?? ""
        guard let blobURL, !blobURL.isEmpty else { return encoded + anchor }
        return (blobURL.hasSuffix("/") ? blobURL : blobURL + "/") + encoded + anchor
    }

    private func longestBacktickRun(in text: String) -> Int {
        var longest = 0
        var current = 0
        for character in text {
            current = character == "`" ? current + 1 : 0
            longest = max(longest, current)
        }
        return longest
    }

    /// Markdown's special characters in a link text, backslash-escaped.
    static func escapeLinkText(_ text: String) -> String {
        var out = ""
        for character in text {
            if "\\`*_[]<>#|!".contains(character) { out.append("\\") }
            out.append(character)
        }
        return out
    }
}
