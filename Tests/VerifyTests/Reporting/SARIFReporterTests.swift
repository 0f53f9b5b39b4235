import Foundation
import Reporting
import Testing
import VerifyCore

@Suite("SARIF report")
struct SARIFReporterTests {
    private func decode(_ report: Report) throws -> [String: Any] {
        let text = SARIFReporter().report(report)
        return try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    @Test func matchesGoldenFile() throws {
        try GoldenFile.check(SARIFReporter().report(SampleReports.everything), against: "sarif.json")
    }

    @Test(arguments: SampleReports.named.keys.sorted())
    func validatesAgainstOASISSchema(sample: String) throws {
        let errors = try SchemaValidation.sarifErrors(SARIFReporter().report(try #require(SampleReports.named[sample])))
        #expect(errors.isEmpty, "\(errors)")
    }

    @Test func realRunOfFixturesValidates() async throws {
        let report = try await FixtureRun.report.value
        let errors = try SchemaValidation.sarifErrors(SARIFReporter(informationURI: "https://example.org/verify").report(report))
        #expect(errors.isEmpty, "\(errors)")
    }

    @Test func schemaRejectsAnUnknownLevel() throws {
        let text = SARIFReporter().report(SampleReports.everything).replacingOccurrences(of: "\"level\" : \"warning\"", with: "\"level\" : \"fatal\"")
        #expect(try SchemaValidation.sarifErrors(text).contains("'fatal' is not one of"))
    }

    @Test func oneRunWithDriverRulesAndResults() throws {
        let log = try decode(SampleReports.everything)
        #expect(log["$schema"] as? String == SARIFReporter.schemaURI)
        #expect(log["version"] as? String == "2.1.0")
        let runs = try #require(log["runs"] as? [[String: Any]])
        #expect(runs.count == 1)
        let driver = try #require((runs[0]["tool"] as? [String: Any])?["driver"] as? [String: Any])
        #expect(driver["name"] as? String == "verify")
        #expect(driver["version"] as? String == "0.1.0")
        let rules = try #require(driver["rules"] as? [[String: Any]])
        let ids = rules.compactMap { $0["id"] as? String }
        #expect(ids == [
            "snippet/error", "snippet/syntax-error", "snippet/timeout", "snippet/crashed", "snippet/failed",
            "claim/stdout", "claim/value", "claim/raises", "claim/doctest", "claim/prose", "claim/sql-result",
            "claim/performance", "claim/http", "claim/test", "input-error", "unclosed-fence", "DL3006", "DL3059", "SC2086",
        ])
        let levels = rules.map { (($0["defaultConfiguration"] as? [String: Any])?["level"] as? String) ?? "" }
        #expect(levels.suffix(4) == ["error", "warning", "note", "error"])

        let results = try #require(runs[0]["results"] as? [[String: Any]])
        #expect(results.count == SampleReports.everything.problems.count)
        for result in results {
            let id = try #require(result["ruleId"] as? String)
            #expect(ids[try #require(result["ruleIndex"] as? Int)] == id)
        }
    }

    @Test func resultsPointAtTheMarkdownLineAndColumn() throws {
        let results = try #require(((try decode(SampleReports.everything))["runs"] as? [[String: Any]])?[0]["results"] as? [[String: Any]])
        func located(_ rule: String) throws -> (uri: String?, line: Int?, column: Int?, level: String?, text: String?) {
            let result = try #require(results.first { $0["ruleId"] as? String == rule })
            let physical = try #require((result["locations"] as? [[String: Any]])?.first?["physicalLocation"] as? [String: Any])
            let region = physical["region"] as? [String: Any]
            return ((physical["artifactLocation"] as? [String: Any])?["uri"] as? String, region?["startLine"] as? Int,
                    region?["startColumn"] as? Int, result["level"] as? String,
                    (result["message"] as? [String: Any])?["text"] as? String)
        }
        let syntax = try located("snippet/syntax-error")
        #expect(syntax.uri == "docs/guide.md" && syntax.line == 24 && syntax.column == 12 && syntax.level == "error")
        let raised = try located("snippet/error")
        #expect(raised.line == 19 && raised.column == nil)
        #expect(raised.text == "snippet raised an exception: ZeroDivisionError: division by zero (run after the document's earlier snippets)")
        let claim = try located("claim/performance")
        #expect(claim.line == 52)
        #expect(claim.text == "performance claim fails: The pool is about 4x faster.\nexpected: about 4x faster\nactual:   1.1x faster\n(measured on 2 CPUs)")
        let lint = try located("DL3006")
        #expect(lint.uri == "docs/odd,%20name%3A%20100%25.md" && lint.line == 2 && lint.column == 1 && lint.level == "warning")
        #expect(try located("DL3059").level == "note")
        let input = try located("input-error")
        #expect(input.uri == "missing.md" && input.line == nil)
    }

    @Test(arguments: [
        ("docs/a.md", "docs/a.md"), ("docs/my notes.md", "docs/my%20notes.md"), ("a:b.md", "a%3Ab.md"),
        ("/tmp/x #1.md", "file:///tmp/x%20%231.md"), ("über.md", "%C3%BCber.md"),
    ])
    func pathsBecomeURIReferences(path: String, uri: String) {
        #expect(SARIFReporter.uri(forPath: path) == uri)
    }
}
