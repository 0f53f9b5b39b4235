import Foundation
public import VerifyCore

/// `--format html`: one self-contained page for a person to read a run in a browser.
///
/// The summary and the status filters come first, then each document with a row per
/// snippet: status badge, reason, the error and its line, the claims with expected and
/// actual (and a diff), findings, and the captured output folded away. Style and script
/// are inline and a Content-Security-Policy forbids loading anything, so the file works
/// from disk, as a CI artifact or attached to an email. The filters are checkboxes a
/// small script applies; `#show=failed,error` in the address selects them on load.
///
/// Every piece of text from the report is escaped, and the page is also well-formed XML,
/// so it can be checked with any XML parser.
public struct HTMLReporter: Reporter {
    public static let identifier = "html"

    public init() {}

    public func report(_ report: Report) -> String {
        let snippetCount = report.summary.snippets
        let title = "verify: \(plural(report.summary.documents, "document")), \(plural(snippetCount, "snippet"))"
            + (report.failsGate ? " — fails" : " — passes")
        var out = """
            <!DOCTYPE html>
            <html lang="en" data-filters="static">
            <head>
            <meta charset="utf-8" />
            <meta name="viewport" content="width=device-width, initial-scale=1" />
            <meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'" />
            <meta name="generator" content="\(Markup.escape("\(report.tool.name) \(report.tool.version)", attribute: true))" />
            <title>\(Markup.escape(title))</title>
            <style>\(HTMLReportAssets.style)</style>
            </head>
            <body>

            """
        out += header(report)
        out += "<main>\n"
        out += inputErrors(report.inputErrors)
        for (index, document) in report.documents.enumerated() {
            out += section(document, number: index + 1)
        }
        if report.documents.isEmpty {
            out += "<p class=\"empty\">No documents were run.</p>\n"
        }
        out += "</main>\n<script>\(HTMLReportAssets.script)</script>\n</body>\n</html>\n"
        return out
    }

    private func header(_ report: Report) -> String {
        let s = report.summary
        let environment = [
            "\(report.tool.name) \(report.tool.version)", report.environment.python.map { "Python \($0)" },
            report.environment.sqlite.map { "SQLite \($0)" }, plural(report.environment.cpus, "CPU"),
        ].compactMap(\.self)
        let facts = [plural(s.documents, "document"), plural(s.snippets, "snippet"), plural(s.claims, "claim"), duration(s.durationSeconds)]
        let verdict = report.failsGate
            ? "<p class=\"verdict fails\">Fails the gate</p>"
            : "<p class=\"verdict passes\">Passes the gate</p>"
        var out = "<header>\n<h1>verify report</h1>\n\(verdict)\n"
        if report.partial == true {
            out += "<p class=\"partial\">The run was interrupted: this report holds only what finished.</p>\n"
        }
        out += "<p class=\"meta\">\(Markup.escape(facts.joined(separator: " · ")))<br />\(Markup.escape(environment.joined(separator: " · ")))</p>\n"
        out += filters(report)
        return out + "</header>\n"
    }

    /// A checkbox per status that occurs, with its count, and two presets.
    private func filters(_ report: Report) -> String {
        let snippets = report.documents.flatMap(\.snippets)
        var out = "<nav class=\"filters\" aria-label=\"Show snippets by status\">\n"
        for status in SnippetStatus.allCases {
            let count = snippets.count { $0.status == status }
            guard count > 0 else { continue }
            out += "<label class=\"filter\"><input type=\"checkbox\" value=\"\(status.rawValue)\" checked=\"checked\" /> "
            out += "\(badge(status)) <span class=\"count\">\(count)</span></label>\n"
        }
        out += "<span class=\"presets\"><button type=\"button\" data-preset=\"problems\">Only problems</button> "
        out += "<button type=\"button\" data-preset=\"all\">Everything</button></span>\n"
        out += "<span id=\"shown\" class=\"shown\">\(plural(snippets.count, "snippet")) shown</span>\n"
        return out + "</nav>\n"
    }

    private func inputErrors(_ errors: [Report.InputError]) -> String {
        guard !errors.isEmpty else { return "" }
        var out = "<section class=\"input-errors\">\n<h2>Inputs that could not be read</h2>\n<ul>\n"
        for error in errors {
            out += "<li><code>\(Markup.escape(error.path))</code>: \(Markup.escape(error.message))</li>\n"
        }
        return out + "</ul>\n</section>\n"
    }

    private func section(_ document: DocumentReport, number: Int) -> String {
        let counts = SnippetStatus.allCases.compactMap { status -> String? in
            let count = document.snippets.count { $0.status == status }
            return count > 0 ? "\(count) \(status.rawValue)" : nil
        }
        let summary = plural(document.snippets.count, "snippet") + (counts.isEmpty ? "" : ": " + counts.joined(separator: ", "))
        let ownProblems = document.findings.count + document.claims.count { $0.status == .fails }
        var out = "<section class=\"document\" id=\"d\(number)\" data-problems=\"\(ownProblems)\">\n"
        out += "<h2><span class=\"path\">\(Markup.escape(document.path))</span> <span class=\"counts\">\(Markup.escape(summary))</span></h2>\n"
        out += findings(document.findings)
        if !document.claims.isEmpty {
            out += "<h3>Claims in the prose</h3>\n" + claims(document.claims)
        }
        if !document.snippets.isEmpty {
            out += "<table class=\"snippets\">\n<thead><tr><th>Lines</th><th>Status</th><th>Snippet</th><th class=\"time\">Time</th></tr></thead>\n<tbody>\n"
            out += document.snippets.map { row($0, anchor: "d\(number)-L\($0.line)") }.joined()
            out += "</tbody>\n</table>\n"
        }
        return out + "</section>\n"
    }

    func badge(_ status: SnippetStatus) -> String {
        "<span class=\"badge \(status.rawValue)\">\(status.rawValue)</span>"
    }

    func plural(_ count: Int, _ noun: String) -> String {
        "\(count) \(noun)\(count == 1 ? "" : "s")"
    }

    /// `<1 ms`, `4 ms` under a second, `1.25 s` above.
    func duration(_ seconds: Double) -> String {
        if seconds < 0.0005 { return "<1 ms" }
        return seconds < 1 ? "\(Int((seconds * 1000).rounded())) ms" : String(format: "%.2f s", seconds)
    }
}
