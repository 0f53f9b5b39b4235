import Foundation
import Reporting
import Testing
import VerifyCore

@Suite("GitHub Actions")
struct GitHubActionsReporterTests {
    static let environment = [
        "GITHUB_ACTIONS": "true", "GITHUB_SERVER_URL": "https://github.com", "GITHUB_REPOSITORY": "owner/docs",
        "GITHUB_SHA": "0123abc", "GITHUB_WORKSPACE": "/home/runner/work/docs/docs",
    ]

    @Test func annotationsMatchGoldenFile() throws {
        try GoldenFile.check(GitHubActionsReporter().report(SampleReports.everything), against: "github-annotations.txt")
    }

    @Test func stepSummaryMatchesGoldenFile() throws {
        let actions = try #require(GitHubActions(environment: Self.environment))
        try GoldenFile.check(actions.reporter.stepSummary(SampleReports.everything), against: "github-summary.md")
    }

    @Test func aCommandPerProblemWithLevelLocationAndTitle() {
        let lines = GitHubActionsReporter().report(SampleReports.everything).split(separator: "\n").map(String.init)
        #expect(lines.count == SampleReports.everything.problems.count)
        #expect(lines.first == "::error file=missing.md,title=verify%3A input error::no such file or directory")
        #expect(lines.contains("::error file=docs/guide.md,line=24,col=12,title=verify%3A snippet does not compile::SyntaxError: invalid syntax"))
        #expect(lines.contains("::error file=docs/guide.md,line=10,title=verify%3A stdout claim fails::print(add(3, 4))  # 8%0Aexpected: 8%0Aactual:   7"))
        #expect(lines.contains("::warning file=docs/odd%2C name%3A 100%25.md,line=2,col=1,title=verify%3A DL3006::Always tag the version of an image explicitly"))
        #expect(lines.contains { $0.hasPrefix("::notice file=docs/odd%2C name%3A 100%25.md,line=3,title=verify%3A DL3059::") })
        #expect(!lines.contains { $0.contains("line=46") }, "skipped snippets are not annotated")
    }

    @Test(arguments: [
        ("50% done", "50%25 done", "50%25 done"), ("a\r\nb", "a%0D%0Ab", "a%0D%0Ab"),
        ("x: y, z", "x: y, z", "x%3A y%2C z"), ("%0A", "%250A", "%250A"),
    ])
    func escaping(text: String, data: String, property: String) {
        #expect(GitHubActionsReporter.escapeData(text) == data)
        #expect(GitHubActionsReporter.escapeProperty(text) == property)
    }

    @Test func onlyWhenRunningOnGitHubActions() {
        #expect(GitHubActions(environment: [:]) == nil)
        #expect(GitHubActions(environment: ["GITHUB_ACTIONS": "false", "GITHUB_STEP_SUMMARY": "/tmp/x"]) == nil)
        let actions = GitHubActions(environment: ["GITHUB_ACTIONS": "true"])
        #expect(actions?.stepSummaryPath == nil)
        #expect(actions?.reporter.blobURL == nil)
    }

    @Test func pathsInsideTheWorkspaceBecomeRelativeAndLinksPointAtTheCommit() throws {
        let actions = try #require(GitHubActions(environment: Self.environment))
        let report = Report(
            tool: .init(version: "0.1.0"), environment: .init(python: nil, sqlite: nil, cpus: 1),
            documents: [DocumentReport(path: "/home/runner/work/docs/docs/guide/intro.md", snippets: [
                SnippetReport(line: 7, endLine: 9, language: "python", heading: nil, status: .timeout, reason: "still running after 10 s; stopped"),
            ])],
            durationSeconds: 10)
        #expect(actions.annotations(report) == "::error file=guide/intro.md,line=7,title=verify%3A snippet timed out::still running after 10 s; stopped\n")
        #expect(actions.reporter.stepSummary(report).contains("[guide/intro.md:7](<https://github.com/owner/docs/blob/0123abc/guide/intro.md#L7>)"))
        #expect(GitHubActionsReporter().link(to: "docs/my notes.md", line: 3) == "docs/my%20notes.md#L3")
    }

    @Test func summaryOfACleanRunHasNoProblemList() {
        let summary = GitHubActionsReporter().stepSummary(SampleReports.clean)
        #expect(summary.hasPrefix("### ✅ verify: content passes the gate\n"))
        #expect(summary.contains("| 1 | 1 | 1 | 0 | 0 | 0 | 0 | 0 | 0.8 s |"))
        #expect(!summary.contains("Problems"))
    }

    @Test func summaryListsAtMostTheLimit() {
        let summary = GitHubActionsReporter(summaryLimit: 2).stepSummary(SampleReports.everything)
        #expect(summary.components(separatedBy: "\n- ").count == 3)
        #expect(summary.contains("… and \(SampleReports.everything.problems.count - 2) more"))
    }

    @Test func messagesWithBackticksGetALongerFence() {
        let summary = GitHubActionsReporter().stepSummary(SampleReports.everything)
        #expect(summary.contains("  ```text\n  Double quote to prevent globbing: `$files`, 50% of the time\n  ```\n"))
        let fenced = Report(
            tool: .init(version: "0.1.0"), environment: .init(python: nil, sqlite: nil, cpus: 1),
            documents: [DocumentReport(path: "a.md", snippets: [], findings: [
                Finding(rule: "x", severity: .error, line: 1, message: "a ``` fence"),
            ])],
            durationSeconds: 0)
        #expect(GitHubActionsReporter().stepSummary(fenced).contains("  ````text\n  a ``` fence\n  ````\n"))
    }

    @Test func stepSummaryIsAppended() throws {
        let directory = try TemporaryDirectory()
        let path = try directory.write("## Earlier step\n", to: "summary.md")
        var environment = Self.environment
        environment["GITHUB_STEP_SUMMARY"] = path
        let actions = try #require(GitHubActions(environment: environment))
        try actions.appendStepSummary(SampleReports.clean)
        try actions.appendStepSummary(SampleReports.everything)
        let text = try String(contentsOfFile: path, encoding: .utf8)
        #expect(text.hasPrefix("## Earlier step\n### ✅ verify: content passes the gate"))
        #expect(text.contains("### ❌ verify: content fails the gate"))

        environment["GITHUB_STEP_SUMMARY"] = directory.url.appendingPathComponent("no/such/dir/summary.md").path
        let broken = try #require(GitHubActions(environment: environment))
        #expect(throws: GitHubActions.SummaryError.self) { try broken.appendStepSummary(SampleReports.clean) }
    }
}
