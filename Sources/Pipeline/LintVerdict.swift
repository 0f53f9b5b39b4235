import Configuration
import Dockerfile
import Foundation
import Shell
import VerifyCore

/// Verdicts for snippets that are checked, never run: Dockerfiles and shell.
/// A snippet with a finding at error level fails; otherwise it passes, with a reason
/// that says it was linted and what was found.
struct LintVerdict {
    let document: Document
    let directives: [Directive]
    /// Project-wide ignores and severities from `verify.toml`.
    let configuration: Configuration?

    /// Rules ignored for this snippet (directive) or the whole project (configuration).
    private var ignored: Set<String> {
        Set(directives.filter { $0.name == .ignore }.flatMap(\.arguments)).union(configuration?.lintIgnore ?? [])
    }

    func dockerfile(_ snippet: Snippet, skeleton: SnippetReport) -> SnippetReport {
        let linter = DockerfileLinter(severityOverrides: configuration?.lintSeverity ?? [:], ignoredRules: configuration?.lintIgnore ?? [])
        return verdict(skeleton, findings: linter.lint(snippet, in: document, ignoring: ignored), what: "linted")
    }

    func shell(_ snippet: Snippet, checker: ShellSnippetChecker, skeleton: SnippetReport) -> SnippetReport {
        let result = checker.check(snippet)
        let severities = configuration?.lintSeverity ?? [:]
        let findings = result.findings.filter { !ignored.contains($0.rule) }.map { finding in
            var finding = finding
            finding.severity = severities[finding.rule] ?? finding.severity
            return finding
        }
        if result.isMisTagged {
            var report = verdict(skeleton, findings: findings, what: "checked")
            report.status = .skipped
            report.reason = "mis-tagged: " + (findings.first?.message ?? "not shell")
            return report
        }
        var report = verdict(skeleton, findings: findings, what: checker.shellcheckPath == nil ? "checked without shellcheck" : "checked with shellcheck")
        if !result.requirements.isEmpty {
            report.reason = (report.reason ?? "") + "; needs " + result.requirements.joined(separator: ", ")
        }
        return report
    }

    private func verdict(_ skeleton: SnippetReport, findings: [Finding], what: String) -> SnippetReport {
        var report = skeleton
        report.findings = findings
        let counts = Finding.Severity.allCases.compactMap { severity -> String? in
            let count = findings.filter { $0.severity == severity }.count
            guard count > 0 else { return nil }
            return "\(count) \(severity.rawValue)\(count == 1 || severity == .info ? "" : "s")"
        }
        report.status = findings.contains { $0.severity == .error } ? .failed : .passed
        report.reason = counts.isEmpty ? "\(what), no findings" : "\(what): " + counts.joined(separator: ", ")
        return report
    }
}
