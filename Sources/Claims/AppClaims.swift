public import VerifyCore
public import WorkerProtocol

/// Claims implied by what a snippet defines: a web application's GET routes must answer
/// 2xx, and the snippet's own `test_…` functions must pass.
public enum AppClaims {
    public static func reports(_ result: PythonResult, snippet: Snippet) -> [ClaimReport] {
        result.routes.map { route(_: $0, snippet: snippet) } + result.tests.map { test(_: $0, snippet: snippet) }
    }

    static func route(_ check: RouteCheck, snippet: Snippet) -> ClaimReport {
        let line = check.line.map(snippet.documentLine(forCodeLine:)) ?? snippet.line
        var report = ClaimReport(
            line: line, kind: .http, text: "\(check.method) \(check.path)", expected: "2xx", actual: nil, status: .unchecked)
        if let skipped = check.skipped {
            report.reason = skipped
        } else if let error = check.error {
            report.status = .fails
            report.actual = error
        } else if let status = check.status {
            report.actual = "\(status)" + (check.body.map { " \($0.prefix(200))" } ?? "")
            report.status = (200..<300).contains(status) ? .holds : .fails
        }
        return report
    }

    static func test(_ result: TestFunctionResult, snippet: Snippet) -> ClaimReport {
        let line = snippet.documentLine(forCodeLine: result.failingLine ?? result.line)
        var report = ClaimReport(
            line: line, kind: .test, text: "\(result.name)()", expected: "passes", actual: nil, status: .unchecked)
        if let skipped = result.skipped {
            report.reason = skipped
        } else if result.passed == true {
            report.status = .holds
            report.actual = "passes"
        } else {
            report.status = .fails
            report.actual = result.failure ?? "fails"
            report.reason = result.failingSource.map { "at: \($0)" }
        }
        return report
    }
}
