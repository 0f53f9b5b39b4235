import Baseline
import Foundation
import Pipeline
import Reporting
import Testing
import VerifyCore

/// The CI gate: known-issues baselines, shards and their merge, changed documents.
@Suite("CI gate")
struct GateTests {
    private func run(_ paths: [String], shard: Shard? = nil, changed: Set<String>? = nil) async throws -> Report {
        var options = RunOptions(jobs: 2, timeout: 10, workerExecutable: BuildProducts.worker)
        options.shard = shard
        options.changedFiles = changed
        return try await Verifier(options: options).run(paths: paths)
    }

    @Test func baselineFlowFromCreationToANewFailureAndAFix() async throws {
        let directory = try TemporaryDirectory()
        let path = try directory.write(
            "# Doc\n\n" + python("print(1 + 1)  # 3") + "\n" + python("print('a')  # Output: b") + "\n" + python("x = 1"), to: "doc.md")
        let first = try await run([path])
        #expect(first.failsGate)
        let baseline = KnownIssues(report: first)
        #expect(baseline.entries.count == 2)

        // The same failures, moved down by other text: still known, the gate passes.
        let moved = try String(contentsOfFile: path, encoding: .utf8).replacingOccurrences(of: "# Doc\n", with: "# Doc\n\nIntro.\n\nMore.\n")
        try moved.write(toFile: path, atomically: true, encoding: .utf8)
        let again = baseline.judge(try await run([path]), file: "known.json")
        #expect(again.baseline?.known == 2)
        #expect(again.baseline?.new == [])
        #expect(!again.failsGate)

        // A new failure fails the gate; a fixed one is reported as fixed.
        let edited = moved.replacingOccurrences(of: "print('a')  # Output: b", with: "print('a')  # Output: a")
            .replacingOccurrences(of: "x = 1", with: "x = 1\n1 / 0")
        try edited.write(toFile: path, atomically: true, encoding: .utf8)
        let third = baseline.judge(try await run([path]), file: "known.json")
        #expect(third.failsGate)
        #expect(third.baseline?.known == 1)
        #expect(third.baseline?.new.count == 1)
        #expect(third.baseline?.new.first?.contains("error: ZeroDivisionError") == true)
        #expect(third.baseline?.fixed.count == 1)
        #expect(third.baseline?.fixed.first?.contains("print('a')  # Output: b") == true)

        // The file round-trips.
        let file = directory.url.appendingPathComponent("known.json").path
        try AtomicFile.write(baseline.encoded(), to: file)
        #expect(try KnownIssues.load(file) == baseline)
        #expect(throws: BaselineError.self) { try KnownIssues.load(path) }
    }

    @Test func shardsMergeIntoTheReportOfOneRun() async throws {
        let directory = try TemporaryDirectory()
        var paths: [String] = []
        for index in 0..<5 {
            paths.append(try directory.write(python("print(\(index))  # \(index == 3 ? 0 : index)"), to: "d\(index).md"))
        }
        let whole = try await run([directory.url.path])
        let shards = try await [Shard("1/3")!, Shard("2/3")!, Shard("3/3")!].asyncMap { try await run([directory.url.path], shard: $0) }
        #expect(shards.map(\.documents.count) == [2, 2, 1])
        let merged = try ReportMerger.merge(shards)
        func comparable(_ report: Report) -> [DocumentReport] {
            report.documents.map { document in
                var copy = document
                copy.snippets = copy.snippets.map { snippet in
                    var snippet = snippet
                    snippet.durationSeconds = nil
                    return snippet
                }
                return copy
            }
        }
        #expect(comparable(merged) == comparable(whole))
        #expect(merged.summary.failed == whole.summary.failed)
        #expect(merged.summary.passed == whole.summary.passed)
        #expect(throws: ReportMerger.Conflict.self) { try ReportMerger.merge([shards[0], shards[0]]) }
    }

    @Test(arguments: [("1/1", true), ("2/3", true), ("0/3", false), ("4/3", false), ("a/b", false), ("3", false)])
    func shardSyntax(text: String, valid: Bool) {
        #expect((Shard(text) != nil) == valid)
    }

    @Test func changedSinceARefInAGitRepository() throws {
        let directory = try TemporaryDirectory()
        func git(_ arguments: String...) throws {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = ["git", "-c", "user.email=v@example.com", "-c", "user.name=v"] + arguments
            process.currentDirectoryURL = directory.url
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            process.waitUntilExit()
        }
        try git("init", "-q")
        try directory.write("# a\n", to: "a.md")
        try directory.write("# b\n", to: "b.md")
        try git("add", ".")
        try git("commit", "-q", "-m", "first")
        try directory.write("# b changed\n", to: "b.md")
        try directory.write("# c\n", to: "docs/c.md")
        let changed = try ChangedFiles.since("HEAD", in: directory.url.path)
        let names = Set(changed.map { URL(fileURLWithPath: $0).lastPathComponent })
        #expect(names == ["b.md", "c.md"])
        #expect(throws: ChangedFiles.Failure.self) { try ChangedFiles.since("no-such-ref", in: directory.url.path) }
    }
}

extension Array {
    func asyncMap<T>(_ transform: (Element) async throws -> T) async rethrows -> [T] {
        var results: [T] = []
        for element in self { results.append(try await transform(element)) }
        return results
    }
}
