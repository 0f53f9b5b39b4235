import Foundation
import Markdown
import Testing
import VerifyCore

/// Documents that are huge, deep, long, binary, malformed or not files at all: each ends
/// in a clear input error or a report, in bounded time and memory, never in a crash. The
/// large ones are generated here rather than kept in the repository.
@Suite("Hostile documents")
struct HostileDocumentTests {
    private func failure(_ path: String, loader: DocumentLoader = DocumentLoader()) throws -> String {
        let inputs = loader.collect([path])
        try #require(inputs.count == 1)
        guard case .failure(let error) = inputs[0] else {
            Issue.record("\(path) was read")
            return ""
        }
        return error.message
    }

    @Test func aHundredMegabyteFileIsRefusedWithoutBeingRead() throws {
        let directory = try TemporaryDirectory()
        let path = directory.url.appendingPathComponent("huge.md").path
        let chunk = Data(String(repeating: "Some prose.\n\n```text\nx\n```\n\n", count: 4096).utf8)
        try #require(FileManager.default.createFile(atPath: path, contents: nil))
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        while try handle.offset() < 100 << 20 { handle.write(chunk) }
        try handle.close()
        let size = try #require(try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int)
        let clock = ContinuousClock()
        let started = clock.now
        #expect(try failure(path) == "file is \(size) bytes, above the limit of 16777216 (--max-file-size)")
        #expect(clock.now - started < .seconds(1))
    }

    @Test func tenThousandLevelsOfListsAndQuotes() async throws {
        let lists = String(repeating: "- ", count: 10_000) + "item\n\n"
        let quotes = ["```python", "print('deep')", "```"].map { String(repeating: "> ", count: 10_000) + $0 + "\n" }.joined()
        let report = try await verify(lists + quotes)
        let snippet = try #require(report.documents.first?.snippets.first)
        #expect(snippet.line == 3)
        #expect(snippet.status == .passed)
        #expect(snippet.stdout == "deep\n")
    }

    @Test func aOneMegabyteLineInTheProseAndInTheCode() async throws {
        let line = String(repeating: "word ", count: 1 << 18)
        let comment = String(repeating: "9", count: 1 << 20)
        let report = try await verify("# One line\n\n\(line)\n\n" + python("x = 1  # \(comment)\nprint(x)  # 1"))
        let snippet = try #require(report.documents.first?.snippets.first)
        #expect(snippet.status == .passed)
        #expect(snippet.claims.map(\.line) == [7])
        #expect(snippet.claims.map(\.status) == [.holds])
    }

    @Test func tenThousandFencesInOneFile() throws {
        let markdown = (0..<10_000).map { "```text\nblock \($0)\n```\n" }.joined(separator: "\n")
        let clock = ContinuousClock()
        let started = clock.now
        let document = MarkdownParser().parse(markdown, path: "fences.md")
        #expect(clock.now - started < .seconds(10))
        #expect(document.snippets.count == 10_000)
        #expect(document.snippets.last?.line == 9_999 * 4 + 1)
        #expect(document.snippets.last?.code == "block 9999\n")
    }

    @Test func aByteOrderMarkAndCRLFLineEndingsKeepLinesAndClaims() async throws {
        let report = try await verify("\u{FEFF}# Title\r\n\r\n```python\r\nprint(1 + 1)  # 2\r\n```\r\n")
        let snippet = try #require(report.documents.first?.snippets.first)
        #expect(snippet.line == 3)
        #expect(snippet.status == .passed)
        #expect(snippet.claims.map(\.status) == [.holds])
        #expect(snippet.claims.map(\.line) == [4])
    }

    @Test func anUnclosedFenceIsAFindingAndIsNotRun() async throws {
        let report = try await verify("# Title\n\n```python\nprint('runs to the end')\n")
        let document = try #require(report.documents.first)
        #expect(document.snippets.map(\.status) == [.skipped])
        #expect(document.snippets.first?.reason == "unclosed-fence")
        #expect(document.snippets.first?.findings.map(\.rule) == ["unclosed-fence"])
    }

    @Test func invalidUTF8AndNULBytesAreInputErrorsNamingTheirLine() throws {
        let directory = try TemporaryDirectory()
        let invalid = directory.url.appendingPathComponent("invalid.md")
        try Data("# ok\n\nline three \u{e9}\n".utf8 + [0xFF, 0xFE, 0x0A]).write(to: invalid)
        #expect(try failure(invalid.path) == "invalid UTF-8 on line 4")
        let nul = directory.url.appendingPathComponent("nul.md")
        try Data("# ok\n```python\nx = 1\u{0}\n```\n".utf8).write(to: nul)
        #expect(try failure(nul.path) == "binary file (NUL byte on line 3), not Markdown")
    }

    @Test func aSymbolicLinkLoopIsAnInputErrorAlsoInsideAFolder() throws {
        let directory = try TemporaryDirectory()
        let one = directory.url.appendingPathComponent("one.md").path
        let two = directory.url.appendingPathComponent("two.md").path
        try FileManager.default.createSymbolicLink(atPath: one, withDestinationPath: two)
        try FileManager.default.createSymbolicLink(atPath: two, withDestinationPath: one)
        #expect(try failure(one) == "symbolic link loop (too many levels of symbolic links)")
        let inputs = DocumentLoader().collect([directory.url.path])
        let messages = inputs.compactMap { if case .failure(let error) = $0 { error.message } else { nil } }
        #expect(messages == Array(repeating: "symbolic link loop (too many levels of symbolic links)", count: 2))
    }

    /// As root, chmod 000 does not stop a read; a FIFO, a device and a file that fails to
    /// read do, and none of them may hang or crash the loader.
    @Test func filesThatCannotBeReadAreInputErrors() throws {
        let directory = try TemporaryDirectory()
        let fifo = directory.url.appendingPathComponent("fifo.md").path
        try #require(mkfifo(fifo, 0o644) == 0)
        #expect(try failure(fifo) == "not a regular file (a FIFO)")
        #expect(try failure("/dev/zero") == "not a regular file (a character device)")
        #expect(try failure("/proc/self/mem") == "cannot read file: Input/output error")
        #expect(try failure("/no/such/file.md") == "no such file or directory")
    }

    @Test func aFolderNamedLikeADocumentIsSearchedNotRead() throws {
        let directory = try TemporaryDirectory()
        try directory.write("# inside\n", to: "notes.md/inside.md")
        let inputs = DocumentLoader().collect([directory.url.appendingPathComponent("notes.md").path])
        let paths = inputs.compactMap { if case .document(let path, _) = $0 { (path as NSString).lastPathComponent } else { nil } }
        #expect(paths == ["inside.md"])
    }
}
