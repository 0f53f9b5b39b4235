import Foundation
import Testing

/// The `verify` executable as users and CI call it: exit statuses and messages.
@Suite("Command line")
struct CommandLineTests {
    private func run(_ arguments: [String]) throws -> (status: Int32, stdout: String, stderr: String) {
        let result = try ExternalTool.verify(arguments)
        return (result.status, result.stdout, result.stderr)
    }

    @Test func cleanRunExitsZero() throws {
        let directory = try TemporaryDirectory()
        let path = try directory.write(python("print('ok')"), to: "ok.md")
        let result = try run(["run", path])
        #expect(result.status == 0)
        #expect(result.stdout.hasSuffix("1 document, 1 snippet: 1 passed, 0 failed, 0 errors, 0 timeouts, 0 skipped (\(result.stdout.split(separator: "(").last!)"))
    }

    @Test func contentFailureExitsOne() throws {
        let directory = try TemporaryDirectory()
        let path = try directory.write(python("1/0"), to: "bad.md")
        let result = try run(["run", path])
        #expect(result.status == 1)
        #expect(result.stdout.contains("\(path):2: error: ZeroDivisionError: division by zero"))
    }

    @Test func acceptWithDryRunPrintsTheEditAndChangesNothing() throws {
        let directory = try TemporaryDirectory()
        let source = "# A\n\n```python\nprint(1 + 1)  # 3\n```\n"
        let path = try directory.write(source, to: "a.md")
        let dry = try run(["run", path, "--accept", "--dry-run"])
        #expect(dry.status == 1)
        #expect(dry.stdout.contains("-print(1 + 1)  # 3\n+print(1 + 1)  # 2\n"))
        #expect(try String(contentsOfFile: path, encoding: .utf8) == source)
        let alone = try run(["run", path, "--dry-run"])
        #expect(alone.status == 2)
        #expect(alone.stderr == "verify: Error: --dry-run only goes with --accept\n")
    }

    /// A reader that stops early ends verify quietly, as SIGPIPE would; a closed standard
    /// output is one line on standard error.
    @Test func aReaderThatGoesAwayOrAClosedStdoutIsNoCrash() throws {
        let directory = try TemporaryDirectory()
        let path = try directory.write((0..<50).map { python("print(\($0))") }.joined(separator: "\n"), to: "many.md")
        let verify = "VERIFY_WORKER='\(BuildProducts.worker)' '\(BuildProducts.verify)' run '\(path)' --format json"
        // `true` reads nothing and is gone long before verify has run 50 snippets.
        let piped = try ExternalTool.run("/bin/bash", ["-c", "\(verify) | true; echo ${PIPESTATUS[0]}"])
        #expect(piped.stdout == "141\n")
        #expect(piped.stderr.isEmpty)
        let closed = try ExternalTool.run("/bin/bash", ["-c", "\(verify) >&-"])
        #expect(closed.status == 2)
        #expect(closed.stderr == "verify: cannot write to standard output: it is closed\n")
    }

    @Test(arguments: ["inf", "nan", "1e30", "0", "-5"])
    func aTimeoutThatIsNoNumberOfSecondsIsAUsageError(_ seconds: String) throws {
        let directory = try TemporaryDirectory()
        let path = try directory.write(python("print(1)"), to: "a.md")
        let option = try run(["run", path, "--timeout=\(seconds)"])
        #expect(option.status == 2)
        #expect(option.stderr == "verify: Error: --timeout must be above 0 and at most 86400 seconds\n")
        let directive = try directory.write("<!-- verify: timeout \(seconds) -->\n" + python("print(1)"), to: "b.md")
        let inDocument = try run(["run", directive])
        #expect(inDocument.status == 2)
        #expect(inDocument.stderr == "\(directive):1: error: timeout takes a number of seconds above 0 and at most 86400, not '\(seconds)'\n")
    }

    @Test func directivesWithArgumentsTheyDoNotTakeAreInputErrors() throws {
        let directory = try TemporaryDirectory()
        let path = try directory.write(
            "<!-- verify: context documnet; output sorted; expect-error -->\n" + python("print(1)")
                + "\n```python timeout=abc\nprint(2)\n```\n", to: "a.md")
        let result = try run(["run", path])
        #expect(result.status == 2)
        #expect(result.stderr == """
            \(path):1: error: context takes document or standalone, not 'documnet'
            \(path):1: error: output takes unordered, not 'sorted'
            \(path):1: error: expect-error takes the name of an exception
            \(path):6: error: timeout takes a number of seconds above 0 and at most 86400, not 'abc'

            """)
    }

    @Test func verboseListsPassingSnippetsToo() throws {
        let directory = try TemporaryDirectory()
        let path = try directory.write(python("print('ok')"), to: "ok.md")
        let quiet = try run(["run", path])
        #expect(!quiet.stdout.contains(": passed:"))
        let verbose = try run(["run", path, "--verbose"])
        #expect(verbose.stdout.hasPrefix("\(path):1: passed: python\n"))
    }

    @Test func badOptionAndMissingFileExitTwoWithOneLine() throws {
        let bad = try run(["run", "--jobs", "0", "x.md"])
        #expect(bad.status == 2)
        #expect(bad.stderr == "verify: Error: --jobs must be at least 1\n")
        let unknown = try run(["run", "--no-such-option", "x.md"])
        #expect(unknown.status == 2)
        #expect(unknown.stderr.split(separator: "\n").count == 1)

        let directory = try TemporaryDirectory()
        let good = try directory.write(python("print(1)"), to: "good.md")
        let missing = try run(["run", "/no/such.md", good, "--format", "json"])
        #expect(missing.status == 2)
        #expect(missing.stderr == "/no/such.md: error: no such file or directory\n")
        #expect(missing.stdout.contains("\"passed\" : 1"))
        // The text report on standard output leaves it to standard error, said once.
        let text = try run(["run", "/no/such.md", good])
        #expect(text.status == 2)
        #expect(text.stderr == "/no/such.md: error: no such file or directory\n")
        #expect(!text.stdout.contains("/no/such.md"))
        #expect(text.stdout.hasPrefix("1 document, 1 snippet: 1 passed, 0 failed"))
    }

    @Test(arguments: [
        (["--allow-write", "/no/such/folder"], "verify: Error: --allow-write /no/such/folder: no such directory\n"),
        (["--memory-limit=-1"], "verify: Error: --memory-limit must not be negative\n"),
        (["--max-file-size", "0"], "verify: Error: --max-file-size must be at least 1\n"),
        (["--sandbox", "docker"], nil),
    ])
    func badSandboxOptionsExitTwo(_ options: [String], _ message: String?) throws {
        let result = try run(["run"] + options + ["x.md"])
        #expect(result.status == 2)
        if let message { #expect(result.stderr == message) }
    }

    @Test func extractListsSnippetsWithLines() throws {
        let directory = try TemporaryDirectory()
        let path = try directory.write("# Head\n\n```py\nx = 1\n```\n\n```\nSELECT 1;\n```\n", to: "e.md")
        let result = try run(["extract", path])
        #expect(result.status == 0)
        #expect(result.stdout == "\(path):3-5: python — Head\n\(path):7-9: sql, detected — Head\n")
    }

    @Test func jsonReportToAFile() throws {
        let directory = try TemporaryDirectory()
        let path = try directory.write(python("print('é')"), to: "doc.md")
        let output = directory.url.appendingPathComponent("report.json").path
        let result = try run(["run", path, "--format", "json", "--output", output])
        #expect(result.status == 0)
        #expect(result.stdout.isEmpty)
        let report = try String(contentsOfFile: output, encoding: .utf8)
        #expect(report.contains("\"stdout\" : \"é\\n\""))
    }

    @Test func configurationIsFoundAboveAndItsMistakesNameTheLine() throws {
        let directory = try TemporaryDirectory()
        try directory.write("timeout = 1\n[lint]\nignore = [\"DL3007\"]\ntypo = true\n", to: "verify.toml")
        let path = try directory.write(python("print(1)"), to: "docs/a.md")
        let nested = directory.url.appendingPathComponent("docs")
        let result = try ExternalTool.verify(["run", path], directory: nested)
        #expect(result.status == 2)
        #expect(result.stderr.hasSuffix("verify.toml:4: unknown key 'lint.typo'; known keys here: ignore, severity\n"))
        let ignored = try ExternalTool.verify(["run", path, "--no-config"], directory: nested)
        #expect(ignored.status == 0)
    }

    @Test func configurationSettingsApplyAndOptionsWin() throws {
        let directory = try TemporaryDirectory()
        try directory.write("include = [\"docs/**/*.md\"]\ntimeout = 1\n", to: "verify.toml")
        try directory.write(python("import time\ntime.sleep(2)"), to: "docs/slow.md")
        try directory.write(python("1/0"), to: "notes/skipped.md")
        let configured = try ExternalTool.verify(["run"], directory: directory.url)
        #expect(configured.status == 1)
        #expect(configured.stdout.contains("timeout: still running after 1 s"))
        #expect(configured.stdout.contains("1 document, 1 snippet"))
        let overridden = try ExternalTool.verify(["run", "--timeout", "5"], directory: directory.url)
        #expect(overridden.status == 0)
    }

    @Test func baselineOptionsAndCompletions() throws {
        let lonely = try run(["run", "--update-baseline", "x.md"])
        #expect(lonely.status == 2)
        #expect(lonely.stderr.contains("--update-baseline needs --baseline FILE"))
        let completion = try run(["--generate-completion-script", "bash"])
        #expect(completion.status == 0)
        #expect(completion.stdout.contains("_verify"))
        #expect(completion.stdout.contains("--changed-since"))
        let help = try run(["--help"])
        #expect(help.stdout.contains("verify merge shard*.json --format junit"))
    }

    @Test func mergeRefusesWhatIsNotAReport() throws {
        let directory = try TemporaryDirectory()
        let path = try directory.write("{}", to: "bad.json")
        let result = try run(["merge", path])
        #expect(result.status == 2)
        #expect(result.stderr.hasPrefix("verify: \(path): not a verify JSON report"))
    }
}
