import VerifyCore

/// Canned reports for the reporter tests: every status, claims that hold, fail and
/// cannot be checked, findings at each severity, document-level findings and claims,
/// an unreadable input, and text that needs escaping in every format.
enum SampleReports {
    static let hostile = "</script><script>alert(1)</script> & \"quoted\" 'single' \u{1B}[31mred\u{1B}[0m nul:\u{0} bell:\u{7}\r\nend"

    static let everything = Report(
        tool: .init(version: "0.1.0"), environment: .init(python: "3.11.2", sqlite: "3.40.1", cpus: 2),
        documents: [guide, odd],
        inputErrors: [.init(path: "missing.md", message: "no such file or directory")],
        durationSeconds: 3.5)

    static let guide = DocumentReport(
        path: "docs/guide.md",
        snippets: [
            SnippetReport(
                line: 3, endLine: 6, language: "python", heading: "Intro", status: .passed, context: .standalone,
                durationSeconds: 0.004, stdout: "hello\n",
                claims: [ClaimReport(line: 5, kind: .stdout, text: "print('hello')  # hello", expected: "hello", actual: "hello", status: .holds)]),
            SnippetReport(
                line: 9, endLine: 14, language: "python", heading: "Claims", status: .failed, reason: "2 claims fail",
                context: .standalone, durationSeconds: 0.012, stdout: "7\none\ntwo\n",
                claims: [
                    ClaimReport(line: 10, kind: .stdout, text: "print(add(3, 4))  # 8", expected: "8", actual: "7", status: .fails),
                    ClaimReport(line: 11, kind: .value, text: "# squares = [0, 1, 4]", expected: "[0, 1, 4]", actual: "[0, 1, 4]", status: .holds),
                    ClaimReport(
                        line: 12, kind: .stdout, text: "# Output:\n# one\n# three", expected: "one\nthree", actual: "one\ntwo",
                        status: .fails, reason: "--- expected\n+++ actual\n one\n-three\n+two"),
                    ClaimReport(line: 13, kind: .prose, text: "This is fast.", expected: nil, actual: nil, status: .unchecked,
                                reason: "no value to compare with"),
                ]),
            SnippetReport(
                line: 17, endLine: 20, language: "python", heading: "Broken", status: .error,
                reason: "ZeroDivisionError: division by zero", context: .document, durationSeconds: 0.002,
                stdout: "before\n", stderr: "Traceback (most recent call last):\nZeroDivisionError: division by zero\n",
                error: SnippetError(type: "ZeroDivisionError", message: "division by zero", line: 19)),
            SnippetReport(
                line: 23, endLine: 25, language: "python", heading: "Typo", status: .syntaxError,
                reason: "SyntaxError: invalid syntax", context: .standalone,
                error: SnippetError(type: "SyntaxError", message: "invalid syntax", line: 24, column: 12)),
            SnippetReport(
                line: 28, endLine: 33, language: "python", heading: "Consumer", status: .timeout,
                reason: "still running after 2 s; stopped", context: .standalone, durationSeconds: 2.0,
                stdout: "Consumed: 0\nConsumed: 1\n"),
            SnippetReport(
                line: 36, endLine: 38, language: "python", heading: "Crash", status: .crashed,
                reason: "worker killed by signal 9 (Killed)", context: .standalone, durationSeconds: 0.003,
                stdout: "about to die\n"),
            SnippetReport(
                line: 41, endLine: 43, language: "python", heading: "Gevent", status: .skipped,
                reason: "missing-dependency: gevent",
                error: SnippetError(type: "ModuleNotFoundError", message: "No module named 'gevent'", line: 42)),
            SnippetReport(line: 46, endLine: 48, language: "text", heading: nil, status: .skipped, reason: "not-executable: text"),
        ],
        findings: [Finding(rule: "unclosed-fence", severity: .error, line: 60, message: "the fence opened here is never closed")],
        claims: [
            ClaimReport(line: 52, kind: .performance, text: "The pool is about 4x faster.", expected: "about 4x faster",
                        actual: "1.1x faster", status: .fails, reason: "measured on 2 CPUs"),
            ClaimReport(line: 54, kind: .performance, text: "Threads do not speed this up.", expected: "no speed-up",
                        actual: "0.98x", status: .holds),
        ])

    /// A document whose path and output need escaping everywhere.
    static let odd = DocumentReport(
        path: "docs/odd, name: 100%.md",
        snippets: [
            SnippetReport(
                line: 1, endLine: 4, language: "dockerfile", heading: "Image <base>", status: .passed,
                findings: [
                    Finding(rule: "DL3006", severity: .warning, line: 2, column: 1,
                            message: "Always tag the version of an image explicitly"),
                    Finding(rule: "DL3059", severity: .info, line: 3, message: "Multiple consecutive `RUN` instructions",
                            notes: ["consider joining them with &&"]),
                ]),
            SnippetReport(
                line: 6, endLine: 9, language: "python", heading: "Escapes", status: .failed, reason: "1 claim fails",
                context: .standalone, durationSeconds: 0.0001, stdout: hostile, stderr: "warning: <&>\n",
                claims: [ClaimReport(line: 8, kind: .stdout, text: "print(html)  # <b>bold</b> & \"quoted\"",
                                     expected: "<b>bold</b> & \"quoted\"", actual: "</script>", status: .fails)],
                findings: [Finding(rule: "SC2086", severity: .error, line: 9, column: 5,
                                   message: "Double quote to prevent globbing: `$files`, 50% of the time")]),
        ])

    /// The samples by name, for parameterized tests.
    static let named = ["everything": everything, "clean": clean]

    /// A clean run: nothing fails the gate.
    static let clean = Report(
        tool: .init(version: "0.1.0"), environment: .init(python: "3.11.2", sqlite: nil, cpus: 2),
        documents: [DocumentReport(path: "README.md", snippets: [
            SnippetReport(line: 3, endLine: 5, language: "python", heading: nil, status: .passed, durationSeconds: 0.5),
        ])],
        durationSeconds: 0.75)
}
