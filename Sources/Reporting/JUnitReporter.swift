import Foundation
public import VerifyCore

/// `--format junit`: JUnit XML, as Jenkins, GitLab and most CI systems read test results.
///
/// Each document is a `<testsuite>` and each snippet a `<testcase>` named `path:line`
/// (classname: the document's path). A skipped snippet carries `<skipped message=…/>`;
/// one whose claims fail carries a `<failure>` with expected and actual of each claim;
/// an exception, a syntax error, a timeout or a crash is an `<error>`. Captured output
/// goes to `<system-out>` and `<system-err>`. A path that could not be read is a suite
/// of its own with one erroring test case. The output validates against the Jenkins
/// xunit plugin's `junit-10.xsd`.
public struct JUnitReporter: Reporter {
    public static let identifier = "junit"

    public init() {}

    public func report(_ report: Report) -> String {
        let suites = report.documents.map(TestSuite.init(document:)) + report.inputErrors.map(TestSuite.init(inputError:))
        let cases = suites.flatMap(\.cases)
        let totals = TestSuite(name: report.tool.name, cases: cases)
        var out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        out += "<testsuites\(attributes(counts(of: totals, time: report.summary.durationSeconds, skipped: false)))>\n"
        for suite in suites {
            out += "  <testsuite\(attributes(counts(of: suite, time: suite.time, skipped: true)))>\n"
            out += suite.cases.map(element).joined()
            out += "  </testsuite>\n"
        }
        return out + "</testsuites>\n"
    }

    private func element(_ testCase: TestCase) -> String {
        var out = "    <testcase\(attributes([("name", testCase.name), ("classname", testCase.classname), ("time", testCase.time.map(seconds))]))"
        var children = ""
        switch testCase.outcome {
        case .passed:
            break
        case .skipped(let message):
            children += "      <skipped\(attributes([("message", message)]))/>\n"
        case .failure(let message, let type, let text):
            children += "      <failure\(attributes([("message", message), ("type", type)]))>\(Markup.escape(text))</failure>\n"
        case .error(let message, let type, let text):
            children += "      <error\(attributes([("message", message), ("type", type)]))>\(Markup.escape(text))</error>\n"
        }
        for (name, text) in [("system-out", testCase.stdout), ("system-err", testCase.stderr)] {
            guard let text, !text.isEmpty else { continue }
            children += "      <\(name)>\(Markup.escape(text))</\(name)>\n"
        }
        out += children.isEmpty ? "/>\n" : ">\n\(children)    </testcase>\n"
        return out
    }

    /// `name`, `tests`, `failures`, `errors`, (`skipped`,) `time`: `<testsuites>` has no `skipped`.
    private func counts(of suite: TestSuite, time: Double, skipped: Bool) -> [(String, String?)] {
        [
            ("name", suite.name), ("tests", "\(suite.cases.count)"), ("failures", "\(suite.failures)"),
            ("errors", "\(suite.errors)"), ("skipped", skipped ? "\(suite.skipped)" : nil), ("time", seconds(time)),
        ]
    }

    private func attributes(_ pairs: [(String, String?)]) -> String {
        pairs.compactMap { name, value in value.map { " \(name)=\"\(Markup.escape($0, attribute: true))\"" } }.joined()
    }

    /// Seconds with three decimals: the Surefire time format Jenkins accepts.
    private func seconds(_ value: Double) -> String { String(format: "%.3f", value) }
}

/// One `<testsuite>`: a document, or a path that could not be read.
struct TestSuite {
    var name: String
    var cases: [TestCase]

    var failures: Int { cases.count { if case .failure = $0.outcome { true } else { false } } }
    var errors: Int { cases.count { if case .error = $0.outcome { true } else { false } } }
    var skipped: Int { cases.count { if case .skipped = $0.outcome { true } else { false } } }
    var time: Double { cases.reduce(0) { $0 + ($1.time ?? 0) } }

    init(name: String, cases: [TestCase]) {
        self.name = name
        self.cases = cases
    }

    init(document: DocumentReport) {
        name = document.path
        let snippets = document.snippets.map { TestCase(snippet: $0, in: document.path) }
        let findings = document.findings.filter { $0.severity == .error }.map { finding in
            let problem = Problem(finding, in: document.path)
            return TestCase(
                name: "\(document.path):\(finding.line) \(finding.rule)", classname: document.path,
                outcome: .failure(message: finding.message, type: finding.rule, text: TestCase.describe([problem])))
        }
        let claims = document.claims.map { claim in
            let outcome: TestCase.Outcome
            switch claim.status {
            case .holds: outcome = .passed
            case .unchecked: outcome = .skipped(claim.reason ?? "unchecked")
            case .fails:
                let problem = Problem(claim, in: document.path)
                outcome = .failure(message: problem.rule.title, type: problem.rule.id, text: TestCase.describe([problem]))
            }
            return TestCase(name: "\(document.path):\(claim.line) \(claim.kind.rawValue) claim", classname: document.path, outcome: outcome)
        }
        cases = (snippets + findings + claims)
    }

    init(inputError: Report.InputError) {
        name = inputError.path
        cases = [TestCase(
            name: inputError.path, classname: inputError.path,
            outcome: .error(message: inputError.message, type: ProblemRule.inputError.id,
                            text: "\(inputError.path): \(inputError.message)"))]
    }
}

/// One `<testcase>`.
struct TestCase {
    enum Outcome {
        case passed
        case skipped(String)
        case failure(message: String, type: String, text: String)
        case error(message: String, type: String, text: String)
    }

    var name: String
    var classname: String
    var time: Double?
    var outcome: Outcome
    var stdout: String?
    var stderr: String?

    init(name: String, classname: String, time: Double? = nil, outcome: Outcome, stdout: String? = nil, stderr: String? = nil) {
        self.name = name
        self.classname = classname
        self.time = time
        self.outcome = outcome
        self.stdout = stdout
        self.stderr = stderr
    }

    init(snippet: SnippetReport, in path: String) {
        let problems = snippet.problems(in: path)
        let outcome: Outcome
        switch snippet.status {
        case .passed:
            outcome = .passed
        case .skipped:
            outcome = .skipped(snippet.reason ?? "skipped")
        case .failed:
            let message = problems.filter { $0.level == .error }
                .map { "\($0.rule.title) at line \($0.line ?? snippet.line)" }.joined(separator: "; ")
            outcome = .failure(
                message: message.isEmpty ? snippet.reason ?? "failed" : message,
                type: problems.first?.rule.id ?? ProblemRule.snippet(.failed).id, text: Self.describe(problems))
        case .error, .syntaxError, .timeout, .crashed:
            outcome = .error(
                message: snippet.reason ?? snippet.status.rawValue, type: snippet.error?.type ?? snippet.status.rawValue,
                text: Self.describe(problems))
        }
        self.init(
            name: "\(path):\(snippet.line)", classname: path, time: snippet.durationSeconds, outcome: outcome,
            stdout: snippet.stdout, stderr: snippet.stderr)
    }

    /// `path:line: title` and the message indented under it, for each problem.
    static func describe(_ problems: [Problem]) -> String {
        problems.map { problem in
            let location = [problem.path, problem.line.map(String.init)].compactMap(\.self).joined(separator: ":")
            let body = problem.message.split(separator: "\n", omittingEmptySubsequences: false).map { "    \($0)\n" }.joined()
            return "\(location): \(problem.rule.title)\n\(body)"
        }.joined()
    }
}
