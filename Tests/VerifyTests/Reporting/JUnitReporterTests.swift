import Foundation
import FoundationXML
import Reporting
import Testing
import VerifyCore

@Suite("JUnit report")
struct JUnitReporterTests {
    @Test func matchesGoldenFile() throws {
        try GoldenFile.check(JUnitReporter().report(SampleReports.everything), against: "junit.xml")
    }

    @Test(arguments: SampleReports.named.keys.sorted())
    func validatesAgainstJenkinsSchema(sample: String) throws {
        let errors = try SchemaValidation.junitErrors(JUnitReporter().report(try #require(SampleReports.named[sample])))
        #expect(errors.isEmpty, "\(errors)")
    }

    @Test func schemaRejectsASuiteWithoutCounts() throws {
        let invalid = "<testsuites><testsuite name=\"a\"><testcase name=\"x\"/></testsuite></testsuites>"
        #expect(try SchemaValidation.junitErrors(invalid).contains("tests"))
    }

    @Test func realRunOfFixturesValidatesAndMatchesGoldenFile() async throws {
        let report = try await FixtureRun.report.value
        let xml = JUnitReporter().report(report)
        let errors = try SchemaValidation.junitErrors(xml)
        #expect(errors.isEmpty, "\(errors)")
        let statuses = report.documents.filter { $0.path.hasSuffix("statuses.md") }
        let only = Report(tool: report.tool, environment: report.environment, documents: statuses, durationSeconds: 0)
        try GoldenFile.check(
            JUnitReporter().report(only), against: "junit-statuses.xml",
            placeholders: [FixtureRun.rootPlaceholder, .init(pattern: #"time="[0-9.]+""#, replacement: #"time="{time}""#)])
    }

    @Test func suitesCasesAndOutcomes() throws {
        let document = try XMLDocument(xmlString: JUnitReporter().report(SampleReports.everything), options: [.nodePreserveWhitespace])
        let root = try #require(document.rootElement())
        #expect(root.name == "testsuites")
        #expect(attribute(root, "tests") == "14")
        let suites = try document.nodes(forXPath: "/testsuites/testsuite").compactMap { $0 as? XMLElement }
        #expect(suites.map { attribute($0, "name") } == ["docs/guide.md", "docs/odd, name: 100%.md", "missing.md"])
        let guide = try #require(suites.first)
        #expect(["tests", "failures", "errors", "skipped"].map { attribute(guide, $0) } == ["11", "3", "4", "2"])

        let names = try document.nodes(forXPath: "//testsuite[1]/testcase/@name").compactMap(\.stringValue)
        #expect(names.prefix(3) == ["docs/guide.md:3", "docs/guide.md:9", "docs/guide.md:17"])
        #expect(names.suffix(3) == ["docs/guide.md:60 unclosed-fence", "docs/guide.md:52 performance claim", "docs/guide.md:54 performance claim"])

        let failure = try #require(try document.nodes(forXPath: "//testcase[@name='docs/guide.md:9']/failure").first as? XMLElement)
        #expect(attribute(failure, "type") == "claim/stdout")
        #expect(attribute(failure, "message") == "stdout claim fails at line 10; stdout claim fails at line 12")
        #expect(failure.stringValue == """
            docs/guide.md:10: stdout claim fails
                print(add(3, 4))  # 8
                expected: 8
                actual:   7
            docs/guide.md:12: stdout claim fails
                # Output:
                --- expected
                +++ actual
                 one
                -three
                +two

            """)

        let error = try #require(try document.nodes(forXPath: "//testcase[@name='docs/guide.md:23']/error").first as? XMLElement)
        #expect(attribute(error, "type") == "SyntaxError")
        #expect(error.stringValue?.hasPrefix("docs/guide.md:24: snippet does not compile") == true)
        let timeout = try document.nodes(forXPath: "//testcase[@name='docs/guide.md:28']/error/@type").first?.stringValue
        #expect(timeout == "timeout")
        let skipped = try document.nodes(forXPath: "//testcase[@name='docs/guide.md:41']/skipped/@message").first?.stringValue
        #expect(skipped == "missing-dependency: gevent")
        let input = try #require(try document.nodes(forXPath: "//testcase[@name='missing.md']/error").first as? XMLElement)
        #expect(attribute(input, "type") == "input-error")
        #expect(attribute(input, "message") == "no such file or directory")
        let stderr = try document.nodes(forXPath: "//testcase[@name='docs/guide.md:17']/system-err").first?.stringValue
        #expect(stderr == "Traceback (most recent call last):\nZeroDivisionError: division by zero\n")
    }

    @Test func escapesMarkupAndShowsControlCharacters() throws {
        let xml = JUnitReporter().report(SampleReports.everything)
        #expect(!xml.contains("</script>"))
        #expect(!xml.unicodeScalars.contains { $0.value < 0x20 && ![0x09, 0x0A, 0x0D].contains($0.value) })
        let document = try XMLDocument(xmlString: xml, options: [.nodePreserveWhitespace])
        let stdout = try document.nodes(forXPath: "//testcase[@name='docs/odd, name: 100%.md:6']/system-out").first?.stringValue
        let expected = SampleReports.hostile.replacingOccurrences(of: "\u{1B}", with: "\u{241B}")
            .replacingOccurrences(of: "\u{0}", with: "\u{2400}").replacingOccurrences(of: "\u{7}", with: "\u{2407}")
        #expect(stdout == expected)
    }

    private func attribute(_ element: XMLElement, _ name: String) -> String? {
        element.attribute(forName: name)?.stringValue
    }
}
