import VerifyCore

/// The row of one snippet, with its claims, findings and captured output.
extension HTMLReporter {
    func row(_ snippet: SnippetReport, anchor: String) -> String {
        var out = "<tr class=\"snippet\" id=\"\(anchor)\" data-status=\"\(snippet.status.rawValue)\">\n"
        out += "<td class=\"lines\"><a href=\"#\(anchor)\">\(snippet.line)–\(snippet.endLine)</a></td>\n"
        out += "<td>\(badge(snippet.status))</td>\n<td class=\"detail\">\n"
        out += "<div class=\"what\"><span class=\"language\">\(Markup.escape(snippet.language))</span>"
        if let heading = snippet.heading {
            out += " <span class=\"heading\">\(Markup.escape(heading))</span>"
        }
        if snippet.context == .document {
            out += " <span class=\"context\">ran after the document's earlier snippets</span>"
        }
        out += "</div>\n"
        let raised = snippet.error.map { "\($0.type): \($0.message)" }
        if let reason = snippet.reason, reason != raised {
            out += "<div class=\"reason\">\(Markup.escape(reason))</div>\n"
        }
        if let error = snippet.error, let raised {
            let place = ["line \(error.line.map(String.init) ?? "?")", error.column.map { "column \($0)" }].compactMap(\.self)
            let quiet = snippet.status.failsGate ? "" : " quiet"
            out += "<div class=\"snippet-error\(quiet)\"><code>\(Markup.escape(raised))</code>"
            out += " <span class=\"at\">at \(place.joined(separator: ", "))</span></div>\n"
        }
        if !snippet.claims.isEmpty { out += claims(snippet.claims) }
        out += findings(snippet.findings)
        out += output("stdout", snippet.stdout) + output("stderr", snippet.stderr)
        out += "</td>\n<td class=\"time\">\(Markup.escape(snippet.durationSeconds.map(duration) ?? ""))</td>\n</tr>\n"
        return out
    }

    func claims(_ claims: [ClaimReport]) -> String {
        var out = "<table class=\"claims\">\n<thead><tr><th>Line</th><th>Claim</th><th>Expected</th><th>Actual</th><th>Result</th></tr></thead>\n<tbody>\n"
        for claim in claims {
            out += "<tr class=\"claim \(claim.status.rawValue)\">"
            out += "<td class=\"lines\">\(claim.line)</td>"
            out += "<td><span class=\"kind\">\(claim.kind.rawValue)</span> <code>\(Markup.escape(claim.headline))</code></td>"
            out += "<td>\(value(claim.expected))</td><td>\(value(claim.actual))</td>"
            out += "<td><span class=\"verdict-\(claim.status.rawValue)\">\(claim.status.rawValue)</span></td></tr>\n"
            let diff = diffLines(claim)
            if !diff.isEmpty || claim.reason != nil && claim.status != .holds {
                out += "<tr class=\"claim-detail \(claim.status.rawValue)\"><td></td><td colspan=\"4\">"
                if diff.isEmpty, let reason = claim.reason {
                    out += "<span class=\"note\">\(Markup.escape(reason))</span>"
                } else {
                    out += "<pre class=\"diff\">\(diff.map(diffLine).joined())</pre>"
                }
                out += "</td></tr>\n"
            }
        }
        return out + "</tbody>\n</table>\n"
    }

    func findings(_ findings: [Finding]) -> String {
        guard !findings.isEmpty else { return "" }
        var out = "<ul class=\"findings\">\n"
        for finding in findings {
            let place = ["line \(finding.line)", finding.column.map { "column \($0)" }].compactMap(\.self).joined(separator: ", ")
            out += "<li class=\"finding \(finding.severity.rawValue)\"><span class=\"severity\">\(finding.severity.rawValue)</span> "
            out += "<code class=\"rule\">\(Markup.escape(finding.rule))</code> \(Markup.escape(finding.message)) "
            out += "<span class=\"at\">at \(place)</span>"
            out += finding.notes.map { "<br /><span class=\"note\">\(Markup.escape($0))</span>" }.joined()
            out += "</li>\n"
        }
        return out + "</ul>\n"
    }

    private func output(_ label: String, _ text: String?) -> String {
        guard let text, !text.isEmpty else { return "" }
        var lines = text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).count
        if text.hasSuffix("\n") { lines -= 1 }
        return "<details class=\"output \(label)\"><summary>\(label) · \(plural(lines, "line"))</summary><pre>\n\(Markup.escape(text))</pre></details>\n"
    }

    private func value(_ text: String?) -> String {
        guard let text else { return "" }
        return text.contains("\n") ? "<pre>\n\(Markup.escape(text))</pre>" : "<code>\(Markup.escape(text))</code>"
    }

    /// The diff the checker wrote, or, for a failing claim whose expected and actual
    /// span several lines, one computed here.
    private func diffLines(_ claim: ClaimReport) -> [String] {
        guard claim.status == .fails else { return [] }
        if let reason = claim.reason, reason.hasPrefix("--- expected") { return claim.explanation }
        guard let expected = claim.expected, let actual = claim.actual, expected.contains("\n") || actual.contains("\n")
        else { return [] }
        let a = expected.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let b = actual.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        return ["--- expected", "+++ actual"] + LineDiff.operations(a, b).map { operation in
            switch operation.kind {
            case .same: " \(a[operation.oldLine])"
            case .deleted: "-\(a[operation.oldLine])"
            case .inserted: "+\(b[operation.newLine])"
            }
        }
    }

    private func diffLine(_ line: String) -> String {
        let kind = line.hasPrefix("---") || line.hasPrefix("+++") ? "head" : line.hasPrefix("-") ? "del" : line.hasPrefix("+") ? "add" : "same"
        return "<span class=\"\(kind)\">\(Markup.escape(line))\n</span>"
    }
}
