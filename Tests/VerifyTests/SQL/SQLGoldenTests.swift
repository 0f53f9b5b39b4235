import Foundation
import Markdown
import SQLRuntime
import Testing
import VerifyCore

/// Fixtures/sql.md checked and printed compiler-style (`path:line: status: message`, claims
/// and findings under their snippet), compared with Golden/sql.txt. The README's SQL
/// example comes from this file. Re-record with VERIFY_RECORD=1.
@Suite("SQL golden output")
struct SQLGoldenTests {
    static let golden = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Golden/sql.txt")

    static func render(_ result: SQLDocumentResult, path: String) -> String {
        var lines: [String] = []
        func oneLine(_ text: String) -> String { text.replacingOccurrences(of: "\n", with: " / ") }
        func finding(_ finding: Finding) {
            let column = finding.column.map { ":\($0)" } ?? ""
            lines.append("\(path):\(finding.line)\(column): \(finding.severity.rawValue): \(finding.message) [\(finding.rule)]")
        }
        for report in result.ordered {
            let location = report.error.map { "\($0.line ?? report.line)" + ($0.column.map { ":\($0)" } ?? "") } ?? "\(report.line)"
            var message = report.reason ?? report.error.map { "\($0.type): \($0.message)" } ?? report.language
            if report.context == .document { message += " (with the document's earlier snippets)" }
            lines.append("\(path):\(location): \(report.status.rawValue): \(message)")
            report.findings.forEach(finding)
            for claim in report.claims {
                let shown = claim.status == .holds && claim.expected != claim.text
                    ? claim.expected.map { " (\(oneLine($0)))" } ?? "" : ""
                lines.append("\(path):\(claim.line): claim \(claim.status.rawValue): \(oneLine(claim.text))\(shown)")
                guard claim.status != .holds else { continue }
                for (label, value) in [("expected", claim.expected), ("actual", claim.actual), ("reason", claim.reason)] {
                    if let value { lines.append("    \(label): \(oneLine(value))") }
                }
            }
        }
        result.documentFindings.forEach(finding)
        return lines.joined(separator: "\n") + "\n"
    }

    @Test func theFixtureDocumentPrintsAsRecorded() throws {
        let path = "Fixtures/sql.md"
        let source = try String(contentsOf: Repository.root.appendingPathComponent(path), encoding: .utf8)
        let document = MarkdownParser().parse(source, path: path)
        let result = SQLDocumentChecker().check(document, documentDirectory: Repository.fixtures.path)
        let actual = Self.render(result, path: path)
        if ProcessInfo.processInfo.environment["VERIFY_RECORD"] != nil {
            try actual.write(to: Self.golden, atomically: true, encoding: .utf8)
        }
        #expect(actual == (try String(contentsOf: Self.golden, encoding: .utf8)))
    }

    @Test func theReadmeShowsTheRecordedOutput() throws {
        let readme = try String(contentsOf: Repository.root.appendingPathComponent("README.md"), encoding: .utf8)
        let golden = try String(contentsOf: Self.golden, encoding: .utf8)
        #expect(readme.contains("```text\n" + golden + "```\n"))
    }
}
