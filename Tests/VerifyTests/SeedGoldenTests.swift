import Foundation
import Testing
import VerifyCore

/// Both seed documents from ../shared/seeds: every snippet's lines, language and status,
/// compared with Golden/seeds.txt. Re-record with VERIFY_RECORD=1.
@Suite("Seed documents")
struct SeedGoldenTests {
    static let golden = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Golden/seeds.txt")

    static var seedPaths: [String] {
        let files = (try? FileManager.default.contentsOfDirectory(atPath: Repository.seeds.path)) ?? []
        return files.filter { $0.hasSuffix(".txt") }.sorted().map { Repository.seeds.appendingPathComponent($0).path }
    }

    @Test(.enabled(if: !seedPaths.isEmpty, "../shared/seeds is not present"))
    func everySnippetOfBothSeeds() async throws {
        let report = try await verify(paths: Self.seedPaths, timeout: 8)
        let lines = report.documents.flatMap { document in
            document.snippets.map { snippet in
                let name = (document.path as NSString).lastPathComponent
                let context = snippet.context == .document ? " [document]" : ""
                return "\(name):\(snippet.line)-\(snippet.endLine) \(snippet.language) \(snippet.status.rawValue)\(snippet.reason.map { ": \($0)" } ?? "")\(context)"
            }
        }
        let actual = lines.joined(separator: "\n") + "\n"
        if ProcessInfo.processInfo.environment["VERIFY_RECORD"] != nil {
            try actual.write(to: Self.golden, atomically: true, encoding: .utf8)
        }
        let expected = try String(contentsOf: Self.golden, encoding: .utf8)
        #expect(actual == expected)

        let queue = try #require(report.documents.last?.snippets.first { $0.line == 531 })
        #expect(queue.status == .timeout)
        #expect(queue.stdout == (0..<5).map { "Consumed: \($0)\n" }.joined())
    }
}
