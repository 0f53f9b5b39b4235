import Foundation
import Testing

/// `verify run --format junit|sarif|html` and the GitHub Actions output, as CI calls them.
@Suite("Report formats on the command line")
struct ReportFormatCommandLineTests {
    static let document = python("print('fine')") + "\n" + python("1/0")

    @Test func junitSarifAndHTMLFilesKeepTheExitStatus() throws {
        let directory = try TemporaryDirectory()
        let path = try directory.write(Self.document, to: "doc.md")
        for format in ["junit", "sarif", "html"] {
            let output = directory.url.appendingPathComponent("report.\(format)").path
            let result = try ExternalTool.verify(["run", path, "--format", format, "-o", output])
            #expect(result.status == 1, "\(format): \(result.stderr)")
            #expect(result.stdout.isEmpty)
            #expect(!result.stderr.contains("::error"), "annotations only on GitHub Actions")
            let text = try String(contentsOfFile: output, encoding: .utf8)
            switch format {
            case "junit": #expect(try SchemaValidation.junitErrors(text).isEmpty)
            case "sarif": #expect(try SchemaValidation.sarifErrors(text).isEmpty)
            default: #expect(text.contains("<tr class=\"snippet\" id=\"d1-L5\" data-status=\"error\">"))
            }
        }
        let clean = try directory.write(python("print('fine')"), to: "clean.md")
        #expect(try ExternalTool.verify(["run", clean, "--format", "sarif"]).status == 0)
    }

    @Test func onGitHubActionsAnnotatesAndAppendsTheStepSummary() throws {
        let directory = try TemporaryDirectory()
        let path = try directory.write(Self.document, to: "doc.md")
        let summary = try directory.write("", to: "summary.md")
        let environment = ["GITHUB_ACTIONS": "true", "GITHUB_STEP_SUMMARY": summary, "GITHUB_WORKSPACE": directory.url.path]
        let result = try ExternalTool.verify(["run", path, "--format", "json"], environment: environment)
        #expect(result.status == 1)
        #expect(result.stderr == "::error file=doc.md,line=6,title=verify%3A snippet raised an exception::ZeroDivisionError: division by zero\n")
        #expect(result.stdout.hasPrefix("{"), "the JSON report on stdout is not mixed with commands")
        let markdown = try String(contentsOfFile: summary, encoding: .utf8)
        #expect(markdown.hasPrefix("### ❌ verify: content fails the gate\n"))
        #expect(markdown.contains("- ❌ [doc.md:6](<doc.md#L6>) snippet raised an exception\n"))
    }

    @Test func anUnwritableStepSummaryIsAWarningOnly() throws {
        let directory = try TemporaryDirectory()
        let path = try directory.write(python("print('fine')"), to: "doc.md")
        let environment = ["GITHUB_ACTIONS": "true", "GITHUB_STEP_SUMMARY": "/no/such/dir/summary.md"]
        let result = try ExternalTool.verify(["run", path], environment: environment)
        #expect(result.status == 0)
        #expect(result.stderr.hasPrefix("verify: warning: cannot append the step summary to /no/such/dir/summary.md"))
    }
}
