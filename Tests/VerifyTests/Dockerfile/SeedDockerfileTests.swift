import Dockerfile
import Foundation
import Markdown
import Testing
import VerifyCore

/// The Dockerfiles of the two seed documents, linted as `verify run` lints them.
@Suite("Seed Dockerfiles", .enabled(if: Repository.hasSeeds, "../shared/seeds is not present"))
struct SeedDockerfileTests {
    static let seeds = ["000_51f08b2b9ee82190.txt", "002_2666fa4965e823bf.txt"]

    /// The 1-based line of the document, at or after `start`, that contains `text`.
    static func line(containing text: String, in lines: [Substring], from start: Int) -> Int? {
        lines.indices.first { $0 + 1 >= start && lines[$0].contains(text) }.map { $0 + 1 }
    }

    @Test(arguments: seeds)
    func pipCacheEndOfLifeAndRootUserAtTheirLines(seed: String) throws {
        let text = try String(contentsOf: Repository.seeds.appendingPathComponent(seed), encoding: .utf8)
        let document = MarkdownParser().parse(text, path: seed)
        let snippet = try #require(document.snippets.first { $0.language == .dockerfile })
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        let from = try #require(Self.line(containing: "FROM python:3.9-slim", in: lines, from: snippet.line))
        let pip = try #require(Self.line(containing: "RUN pip install -r requirements.txt", in: lines, from: snippet.line))

        let findings = DockerfileLinter().lint(snippet, in: document)
        let located = Set(findings.map { "\($0.rule)@\($0.line)" })
        #expect(located.isSuperset(of: ["DL3042@\(pip)", "EndOfLifeBaseImage@\(from)", "DL3002@\(from)"]), "\(findings)")
        #expect(findings.first { $0.rule == "EndOfLifeBaseImage" }?.message.contains("Python 3.9") == true)
        #expect(findings.filter { $0.severity == .error }.isEmpty)
    }

    @Test func theFastAPISeedServesAnAppItsPythonDefinesAndNeedsFastAPIPydanticAndUvicorn() throws {
        let text = try String(contentsOf: Repository.seeds.appendingPathComponent(Self.seeds[0]), encoding: .utf8)
        let document = MarkdownParser().parse(text, path: Self.seeds[0])
        let snippet = try #require(document.snippets.first { $0.language == .dockerfile })
        let findings = DockerfileLinter().lint(snippet, in: document)
        #expect(!findings.contains { $0.rule == "AppObjectNotDefined" })
        let requirements = try #require(findings.first { $0.rule == "RequirementsFromImports" })
        #expect(requirements.severity == .info)
        #expect(requirements.message.hasSuffix("fastapi, pydantic, uvicorn"), "\(requirements.message)")
    }

    @Test func aBeforeEndOfLifeDateTheBaseImageIsNotReported() throws {
        let text = try String(contentsOf: Repository.seeds.appendingPathComponent(Self.seeds[1]), encoding: .utf8)
        let document = MarkdownParser().parse(text, path: Self.seeds[1])
        let snippet = try #require(document.snippets.first { $0.language == .dockerfile })
        let beforeEndOfLife = Date(timeIntervalSince1970: 1_735_689_600)  // 2025-01-01
        #expect(!DockerfileLinter(today: beforeEndOfLife).lint(snippet, in: document).contains { $0.rule == "EndOfLifeBaseImage" })
    }
}
