import Dockerfile
import Foundation
import Markdown
import Testing
import VerifyCore

/// Compares verify's hadolint-numbered rules with hadolint itself on the fixture and seed
/// Dockerfiles, when hadolint is installed. Every difference must be one of the known,
/// deliberate ones listed in `explanation(for:)`.
@Suite("hadolint comparison", .enabled(if: HadolintRunner() != nil))
struct HadolintComparisonTests {
    static var snippets: [(Document, Snippet)] {
        let fixtures = DockerfileFixtureTests.document
        var pairs = DockerfileFixtureTests.dockerfiles.map { (fixtures, $0) }
        for seed in SeedDockerfileTests.seeds {
            let text = (try? String(contentsOf: Repository.seeds.appendingPathComponent(seed), encoding: .utf8)) ?? ""
            let document = MarkdownParser().parse(text, path: seed)
            pairs += document.snippets.filter { $0.language == .dockerfile }.map { (document, $0) }
        }
        return pairs
    }

    @Test func differencesFromHadolintAreTheKnownOnes() throws {
        let hadolint = try #require(HadolintRunner())
        let linter = DockerfileLinter(today: RuleExample.referenceDate)
        var unexplained: [String] = []
        for (document, snippet) in Self.snippets {
            let theirs = try #require(hadolint.lint(snippet)).filter { $0.rule.hasPrefix("DL") }
            let ours = linter.lint(snippet, in: document)
            if theirs.contains(where: { $0.rule == "DL1000" }) {
                // hadolint stopped on a line BuildKit parses (or rejects later); verify's parser went on.
                continue
            }
            let theirKeys = Set(theirs.map { "\($0.rule)@\($0.line)" })
            let ourKeys = Set(ours.filter { $0.rule.hasPrefix("DL") }.map { "\($0.rule)@\($0.line)" })
            for key in theirKeys.symmetricDifference(ourKeys) where Self.explanation(for: key, ours: ours, snippet: snippet) == nil {
                unexplained.append("\(snippet.line): \(key) (\(theirKeys.contains(key) ? "hadolint only" : "verify only"))")
            }
        }
        #expect(unexplained.isEmpty)
    }

    @Test func mergingKeepsOneFindingPerRuleAndLine() throws {
        let hadolint = try #require(HadolintRunner())
        let (document, snippet) = try #require(Self.snippets.first { $0.1.code.contains("NODE_MAJOR") })
        let ours = DockerfileLinter(today: RuleExample.referenceDate).lint(snippet, in: document)
        let theirs = try #require(hadolint.lint(snippet))
        let merged = HadolintRunner.merge(ours, theirs)
        let keys = merged.map { "\($0.rule)@\($0.line)" }
        #expect(Set(keys).count == keys.count)
        #expect(Set(keys) == Set((ours + theirs).map { "\($0.rule)@\($0.line)" }))
        #expect(ours.allSatisfy(merged.contains))
    }

    /// Why verify and hadolint differ on `rule@line`, or `nil` when they should not.
    static func explanation(for key: String, ours: [Finding], snippet: Snippet) -> String? {
        let parts = key.split(separator: "@")
        guard parts.count == 2, let line = Int(parts[1]) else { return nil }
        switch parts[0] {
        case "DL3002" where !snippet.code.contains("USER"):
            return "verify reports a final stage without USER; hadolint only an explicit USER root"
        case "DL3025" where ours.contains { $0.rule == "ExecFormInvalidJSON" && $0.line == line }:
            return "verify reports single-quoted JSON as ExecFormInvalidJSON, an error"
        default:
            return nil
        }
    }
}
