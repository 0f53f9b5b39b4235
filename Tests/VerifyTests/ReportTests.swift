import Foundation
import Reporting
import Testing
import VerifyCore

@Suite("Reports")
struct ReportTests {
    static let sample = Report(
        tool: .init(version: "0.1.0"), environment: .init(python: "3.11.2", sqlite: "3.40.1", cpus: 2),
        documents: [
            DocumentReport(path: "docs/a.md", snippets: [
                SnippetReport(line: 3, endLine: 6, language: "python", heading: "Intro", status: .passed,
                              context: .standalone, durationSeconds: 0.01, stdout: "1\n"),
                SnippetReport(line: 9, endLine: 12, language: "python", heading: "Broken", status: .error,
                              reason: "ZeroDivisionError: division by zero", context: .standalone,
                              stdout: "before\n",
                              error: SnippetError(type: "ZeroDivisionError", message: "division by zero", line: 11)),
                SnippetReport(line: 14, endLine: 16, language: "text", heading: nil, status: .skipped,
                              reason: "not-executable: text"),
            ]),
        ],
        inputErrors: [.init(path: "missing.md", message: "no such file or directory")],
        durationSeconds: 1.25)

    @Test func summaryCountsEachStatus() {
        let summary = Self.sample.summary
        #expect(summary.documents == 1)
        #expect(summary.snippets == 3)
        #expect((summary.passed, summary.failed, summary.errors, summary.timeouts, summary.skipped) == (1, 0, 1, 0, 1))
        #expect(Self.sample.failsGate)
        let every = SnippetStatus.allCases.map { status in
            SnippetReport(line: 1, endLine: 2, language: "python", heading: nil, status: status, claims: [
                ClaimReport(line: 1, kind: .stdout, text: "print(1)  # 1", expected: "1", actual: "1", status: .holds),
            ])
        }
        let all = Report(
            tool: .init(version: "0.1.0"), environment: .init(python: nil, sqlite: nil, cpus: 1),
            documents: [DocumentReport(path: "a.md", snippets: every), DocumentReport(path: "b.md", snippets: every)],
            inputErrors: [], durationSeconds: 12.34)
        #expect(all.summary.snippets == 2 * SnippetStatus.allCases.count)
        #expect(all.summary.claims == 2 * SnippetStatus.allCases.count)
        // error, syntax-error and crashed are all errors.
        #expect((all.summary.passed, all.summary.failed, all.summary.errors, all.summary.timeouts, all.summary.skipped)
            == (2, 2, 6, 2, 2))
        #expect(TerminalReporter().summaryLine(all).hasSuffix("(12.3 s)"))
    }

    @Test func jsonFollowsSchemaV1() throws {
        let text = JSONReporter().report(Self.sample)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        #expect(object["schema"] as? String == "verify-report/1")
        #expect(Set(object.keys).isSuperset(of: ["schema", "tool", "environment", "summary", "documents"]))
        let summary = try #require(object["summary"] as? [String: Any])
        #expect(Set(summary.keys) == [
            "documents", "snippets", "claims", "passed", "failed", "errors", "timeouts", "skipped", "durationSeconds",
        ])
        let documents = try #require(object["documents"] as? [[String: Any]])
        let snippet = try #require((documents[0]["snippets"] as? [[String: Any]])?[1])
        #expect(snippet["status"] as? String == "error")
        #expect(snippet["line"] as? Int == 9)
        #expect((snippet["error"] as? [String: Any])?["line"] as? Int == 11)
        #expect(try JSONReporter.decode(Data(text.utf8)) == Self.sample)
    }

    @Test func terminalShowsCompilerStyleLinesAndASummary() {
        let text = TerminalReporter(colors: false).report(Self.sample)
        #expect(text == """
            missing.md: input-error: no such file or directory
            docs/a.md:11: error: ZeroDivisionError: division by zero
                snippet starts at line 9
                stdout:
                | before
            1 document, 3 snippets: 1 passed, 0 failed, 1 error, 0 timeouts, 1 skipped (1.2 s)

            """)
    }

    /// What a snippet printed or raised cannot clear the terminal, move its cursor or
    /// break the report's lines: control characters are shown in caret notation.
    @Test func controlCharactersFromASnippetAreShownNotObeyed() {
        let report = Report(
            tool: .init(version: "0.1.0"), environment: .init(python: nil, sqlite: nil, cpus: 1),
            documents: [DocumentReport(path: "a.md", snippets: [
                SnippetReport(line: 1, endLine: 5, language: "python", heading: nil, status: .error,
                              reason: "ValueError: two\nlines", stdout: "\u{1B}[2J\u{1B}[Hall good\n10%\r100%\tdone\u{7F}\n",
                              error: SnippetError(type: "ValueError", message: "two\nlines", line: 4)),
            ])],
            inputErrors: [], durationSeconds: 0.1)
        let text = TerminalReporter(colors: false).report(report)
        #expect(text.hasPrefix("""
            a.md:4: error: ValueError: two^Jlines
                snippet starts at line 1
                stdout:
                | ^[[2J^[[Hall good
                | 10%^M100%\tdone^?

            """))
    }

    @Test func colorsOnlyWhenAsked() {
        #expect(!TerminalReporter(colors: false).report(Self.sample).contains("\u{1B}["))
        #expect(TerminalReporter(colors: true).report(Self.sample).contains("\u{1B}[31merror\u{1B}[0m"))
    }
}
