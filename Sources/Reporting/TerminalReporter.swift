import Foundation
public import VerifyCore

/// The report for a person at a terminal: compiler-style `path:line: status: message`
/// lines for what needs attention, the error or output under each, and a summary.
public struct TerminalReporter: Reporter {
    public static let identifier = "text"

    /// Use ANSI colours (only on a TTY, and never with NO_COLOR set).
    public var colors: Bool
    /// List every snippet, passed and skipped ones too.
    public var verbose: Bool
    /// Lines of captured output shown under a failing snippet.
    public var outputLines: Int

    public init(colors: Bool = false, verbose: Bool = false, outputLines: Int = 12) {
        self.colors = colors
        self.verbose = verbose
        self.outputLines = outputLines
    }

    public func report(_ report: Report) -> String {
        var out = ""
        for error in report.inputErrors {
            out += "\(error.path): \(paint("input-error", .red)): \(error.message)\n"
        }
        for document in report.documents {
            for finding in document.findings {
                out += "\(document.path):\(finding.line): \(paint(finding.severity.rawValue, color(finding.severity))): \(finding.message) [\(finding.rule)]\n"
            }
            for snippet in document.snippets where verbose || snippet.status.failsGate || !snippet.findings.isEmpty {
                out += describe(snippet, in: document.path)
            }
        }
        out += summaryLine(report) + "\n"
        if let baseline = report.baseline {
            out += "baseline \(baseline.file): \(baseline.new.count) new, \(baseline.known) known, \(baseline.fixed.count) fixed\n"
            out += baseline.new.map { "  new: \($0)\n" }.joined()
            out += baseline.fixed.map { "  fixed: \($0)\n" }.joined()
        }
        return out
    }

    private func describe(_ snippet: SnippetReport, in path: String) -> String {
        let line = snippet.error?.line ?? snippet.line
        var message = snippet.reason ?? snippet.error.map { "\($0.type): \($0.message)" } ?? snippet.status.rawValue
        if snippet.status == .passed { message = snippet.reason ?? snippet.language }
        if snippet.context == .document { message += " (with the document's earlier snippets)" }
        var out = ""
        let failing = snippet.claims.filter { $0.status == .fails }
        if snippet.status != .failed || failing.isEmpty || verbose {
            let column = snippet.error?.column.map { ":\($0)" } ?? ""
            out += "\(path):\(line)\(column): \(paint(snippet.status.rawValue, color(snippet.status))): \(message.visible)\n"
        }
        for finding in snippet.findings {
            out += "\(path):\(finding.line): \(paint(finding.severity.rawValue, color(finding.severity))): \(finding.message.visible) [\(finding.rule)]\n"
        }
        for claim in snippet.claims where claim.status == .fails || verbose {
            out += describe(claim, in: path)
        }
        guard snippet.status.failsGate, snippet.status != .failed else { return out }
        if snippet.error?.line != nil, snippet.error?.line != snippet.line {
            out += "    snippet starts at line \(snippet.line)\n"
        }
        for (label, text) in [("stdout", snippet.stdout), ("stderr", snippet.stderr)] {
            guard let text, !text.isEmpty else { continue }
            var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            if lines.last == "" { lines.removeLast() }
            let shown = lines.suffix(outputLines)
            out += "    \(label)\(shown.count < lines.count ? " (last \(shown.count) of \(lines.count) lines)" : ""):\n"
            out += shown.map { "    | \($0.visible)\n" }.joined()
        }
        return out
    }

    /// `path:line: fails: <claim>` with expected and actual (or a diff) below it.
    private func describe(_ claim: ClaimReport, in path: String) -> String {
        let status: String
        switch claim.status {
        case .holds: status = paint("holds", .green)
        case .fails: status = paint("fails", .red)
        case .unchecked: status = paint("unchecked", .yellow)
        }
        var out = "\(path):\(claim.line): \(status): \(claim.kind.rawValue) claim: \(claim.headline.visible)\n"
        switch claim.status {
        case .fails:
            out += claim.explanation.map { "    \($0.visible)\n" }.joined()
        case .unchecked:
            if let reason = claim.reason { out += "    (\(reason.visible))\n" }
        case .holds:
            break
        }
        return out
    }

    /// `2 documents, 87 snippets: 30 passed, 2 failed, 3 errors, 1 timeout, 51 skipped (1.9 s)`
    public func summaryLine(_ report: Report) -> String {
        let s = report.summary
        let parts = [
            paint("\(s.passed) passed", .green), paint("\(s.failed) failed", s.failed > 0 ? .red : nil),
            paint("\(s.errors) \(s.errors == 1 ? "error" : "errors")", s.errors > 0 ? .red : nil),
            paint("\(s.timeouts) \(s.timeouts == 1 ? "timeout" : "timeouts")", s.timeouts > 0 ? .red : nil),
            paint("\(s.skipped) skipped", s.skipped > 0 ? .yellow : nil),
        ]
        let documents = "\(s.documents) \(s.documents == 1 ? "document" : "documents")"
        let snippets = "\(s.snippets) \(s.snippets == 1 ? "snippet" : "snippets")"
        let partial = report.partial == true ? " [partial: interrupted]" : ""
        // Tenths of a second, written without Foundation's formatter (slow at its first use).
        let tenths = Int((max(s.durationSeconds, 0) * 10).rounded(.toNearestOrEven))
        return "\(documents), \(snippets): \(parts.joined(separator: ", ")) (\(tenths / 10).\(tenths % 10) s)\(partial)"
    }

    enum Color: String {
        case red = "31", green = "32", yellow = "33", cyan = "36"
    }

    private func color(_ status: SnippetStatus) -> Color? {
        switch status {
        case .passed: .green
        case .skipped: .yellow
        default: .red
        }
    }

    private func color(_ severity: Finding.Severity) -> Color? {
        switch severity {
        case .error: .red
        case .warning: .yellow
        case .info: .cyan
        }
    }

    private func paint(_ text: String, _ color: Color?) -> String {
        guard colors, let color else { return text }
        return "\u{1B}[\(color.rawValue)m\(text)\u{1B}[0m"
    }
}
