import Foundation
import Markdown
import Testing
import VerifyCore

@Suite("Reading inputs")
struct DocumentLoaderTests {
    let loader = DocumentLoader()

    private func failures(_ inputs: [DocumentLoader.Input]) -> [Report.InputError] {
        inputs.compactMap { if case .failure(let error) = $0 { error } else { nil } }
    }

    private func documents(_ inputs: [DocumentLoader.Input]) -> [String] {
        inputs.compactMap { if case .document(let path, _) = $0 { path } else { nil } }
    }

    @Test func missingPathIsAnErrorAndTheOthersStillGoThrough() throws {
        let directory = try TemporaryDirectory()
        let good = try directory.write("# ok\n", to: "good.md")
        let inputs = loader.collect(["/no/such/file.md", good])
        #expect(failures(inputs).map(\.path) == ["/no/such/file.md"])
        #expect(failures(inputs).first?.message == "no such file or directory")
        #expect(documents(inputs) == [good])
    }

    @Test func invalidUTF8NamesItsLine() throws {
        let directory = try TemporaryDirectory()
        let path = directory.url.appendingPathComponent("bad.md").path
        try Data("line one\nline two \u{00e9}\n".utf8 + [0x0A, 0xC3, 0x28, 0x0A]).write(to: URL(fileURLWithPath: path))
        let error = try #require(failures(loader.collect([path])).first)
        #expect(error.message == "invalid UTF-8 on line 4")
    }

    @Test func binaryFileIsRefused() throws {
        let directory = try TemporaryDirectory()
        let path = directory.url.appendingPathComponent("image.md").path
        try Data([0x23, 0x0A, 0x00, 0x01]).write(to: URL(fileURLWithPath: path))
        let error = try #require(failures(loader.collect([path])).first)
        #expect(error.message.hasPrefix("binary file (NUL byte on line 2)"))
    }

    @Test func utf16IsNamedAsSuch() throws {
        let directory = try TemporaryDirectory()
        let path = directory.url.appendingPathComponent("wide.md").path
        try Data([0xFF, 0xFE] + Array("# T\n".utf16).flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] })
            .write(to: URL(fileURLWithPath: path))
        let error = try #require(failures(loader.collect([path])).first)
        #expect(error.message == "UTF-16 text (it starts with a UTF-16 byte order mark), not UTF-8")
    }

    @Test func directoriesAreSearchedRecursivelyAndSymlinkLoopsAreCut() throws {
        let directory = try TemporaryDirectory()
        try directory.write("a", to: "b/one.md")
        try directory.write("a", to: "a/two.markdown")
        try directory.write("a", to: "a/notes.txt")
        try FileManager.default.createSymbolicLink(
            atPath: directory.url.appendingPathComponent("a/loop").path, withDestinationPath: directory.url.path)
        let found = documents(loader.collect([directory.url.path])).map { ($0 as NSString).lastPathComponent }
        #expect(found.sorted() == ["one.md", "two.markdown"])
    }

    @Test func fileNamedExplicitlyIsReadWhateverItsEnding() throws {
        let directory = try TemporaryDirectory()
        let path = try directory.write("```python\nx = 1\n```\n", to: "seed.txt")
        #expect(documents(loader.collect([path])) == [path])
    }
}
