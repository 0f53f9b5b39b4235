import Foundation
import FoundationXML
import Reporting
import Testing
import VerifyCore

@Suite("HTML report")
struct HTMLReporterTests {
    @Test func matchesGoldenFile() throws {
        try GoldenFile.check(HTMLReporter().report(SampleReports.everything), against: "report.html")
    }

    /// The page is well-formed XML too, so its structure can be checked with XPath.
    private func parse(_ report: Report) throws -> XMLDocument {
        try XMLDocument(xmlString: HTMLReporter().report(report), options: [.nodePreserveWhitespace])
    }

    private func strings(_ document: XMLDocument, _ xpath: String) throws -> [String] {
        try document.nodes(forXPath: xpath).compactMap(\.stringValue)
    }

    @Test func aRowPerSnippetWithItsStatus() throws {
        let report = SampleReports.everything
        let page = try parse(report)
        let statuses = try strings(page, "//tr[@class='snippet']/@data-status")
        #expect(statuses == report.documents.flatMap(\.snippets).map(\.status.rawValue))
        for status in SnippetStatus.allCases {
            let rows = try strings(page, "//tr[@data-status='\(status.rawValue)']/td[2]/span[@class='badge \(status.rawValue)']")
            let expected = report.documents.flatMap(\.snippets).count { $0.status == status }
            #expect(rows.count == expected, "\(status)")
            let filter = try strings(page, "//nav//input[@value='\(status.rawValue)']/following-sibling::span[@class='count']")
            #expect(filter == (expected > 0 ? ["\(expected)"] : []), "\(status)")
        }
        #expect(try strings(page, "//section[@class='document']/h2/span[@class='path']") == ["docs/guide.md", "docs/odd, name: 100%.md"])
        #expect(try strings(page, "//p[contains(@class, 'verdict')]") == ["Fails the gate"])
        #expect(try strings(page, "//section[@class='input-errors']//li") == ["missing.md: no such file or directory"])
    }

    @Test func claimsShowExpectedActualAndDiff() throws {
        let page = try parse(SampleReports.everything)
        let failing = try page.nodes(forXPath: "//tr[@id='d1-L9']//tr[@class='claim fails']")
        #expect(failing.count == 2)
        let cells = try strings(page, "//tr[@id='d1-L9']//tr[@class='claim fails'][1]/td")
        #expect(cells == ["10", "stdout print(add(3, 4))  # 8", "8", "7", "fails"])
        #expect(try strings(page, "//tr[@id='d1-L9']//pre[@class='diff']/span[@class='del']") == ["-three\n"])
        #expect(try strings(page, "//tr[@id='d1-L9']//pre[@class='diff']/span[@class='add']") == ["+two\n"])
        #expect(try strings(page, "//tr[@id='d1-L9']//tr[@class='claim-detail unchecked']") == ["no value to compare with"])
        #expect(try strings(page, "//tr[@id='d1-L23']//div[@class='snippet-error']/span[@class='at']") == ["at line 24, column 12"])
        #expect(try strings(page, "//section[@id='d1']/table[@class='claims']//tr[@class='claim fails']/td[1]") == ["52"])
        #expect(try strings(page, "//tr[@id='d2-L1']//li[@class='finding warning']/code") == ["DL3006"])
    }

    @Test func outputIsCollapsedAndEscaped() throws {
        let html = HTMLReporter().report(SampleReports.everything)
        #expect(html.components(separatedBy: "</script>").count == 2, "only the page's own script closes a script element")
        #expect(html.components(separatedBy: "<script>").count == 2)
        #expect(!html.unicodeScalars.contains { $0.value < 0x20 && ![0x09, 0x0A, 0x0D].contains($0.value) })
        let page = try XMLDocument(xmlString: html, options: [.nodePreserveWhitespace])
        let stdout = try strings(page, "//tr[@id='d2-L6']//details[@class='output stdout']/pre")
        let shown = SampleReports.hostile.replacingOccurrences(of: "\u{1B}", with: "\u{241B}")
            .replacingOccurrences(of: "\u{0}", with: "\u{2400}").replacingOccurrences(of: "\u{7}", with: "\u{2407}")
        #expect(stdout == ["\n" + shown])
        #expect(try page.nodes(forXPath: "//details[@open]").isEmpty)
        #expect(try strings(page, "//tr[@id='d2-L6']//details/summary") == ["stdout · 2 lines", "stderr · 1 line"])
    }

    @Test func selfContained() throws {
        let html = HTMLReporter().report(SampleReports.everything)
        #expect(html.contains("Content-Security-Policy\" content=\"default-src 'none'"))
        for reference in ["src=", "href=\"http", "@import", "url("] {
            #expect(!html.contains(reference), "\(reference)")
        }
        let clean = try parse(SampleReports.clean)
        #expect(try strings(clean, "//p[contains(@class, 'verdict')]") == ["Passes the gate"])
    }

    /// Headless Chromium loads the page as a person's browser would: the script runs,
    /// and `#show=` selects the statuses shown.
    @Test(.enabled(if: ExternalTool.chromium != nil, "chromium is not installed (Debian package chromium)"))
    func rendersInChromium() async throws {
        let report = try await FixtureRun.report.value
        let directory = try TemporaryDirectory()
        let file = try directory.write(HTMLReporter().report(report), to: "report.html")
        let total = report.summary.snippets

        let all = try dumpDOM("file://\(file)", profile: directory.url.appendingPathComponent("all").path)
        #expect(all.contains("data-filters=\"ready\""), "the filter script ran")
        #expect(all.contains("data-shown=\"\(total)\""))
        #expect(all.contains("\(total) of \(total) snippets shown"))
        for document in report.documents {
            #expect(all.contains(document.path))
        }
        for status in Set(report.documents.flatMap(\.snippets).map(\.status)) {
            #expect(all.contains("data-status=\"\(status.rawValue)\""))
        }

        let failed = report.documents.flatMap(\.snippets).count { $0.status == .failed || $0.status == .timeout }
        let filtered = try dumpDOM("file://\(file)#show=failed,timeout", profile: directory.url.appendingPathComponent("some").path)
        #expect(filtered.contains("data-shown=\"\(failed)\""))
        let rows = filtered.components(separatedBy: "<tr class=\"snippet\"").dropFirst()
        #expect(rows.count == total)
        for row in rows {
            let shown = row.contains("data-status=\"failed\"") || row.contains("data-status=\"timeout\"")
            #expect(row.prefix(while: { $0 != ">" }).contains("hidden") == !shown)
        }
    }

    private func dumpDOM(_ url: String, profile: String) throws -> String {
        let chromium = try #require(ExternalTool.chromium)
        let result = try ExternalTool.run(
            chromium, ["--headless", "--no-sandbox", "--disable-gpu", "--user-data-dir=\(profile)", "--dump-dom", url])
        #expect(result.status == 0, "\(result.stderr)")
        return result.stdout
    }
}
