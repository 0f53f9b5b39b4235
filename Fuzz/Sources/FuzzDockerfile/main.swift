import CFuzzDriver
import Dockerfile
import Foundation
import VerifyCore

/// Any bytes as a Dockerfile snippet: parsing and every lint rule never trap.
@_cdecl("LLVMFuzzerTestOneInput")
func fuzzDockerfile(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    let parsed = DockerfileParser().parse(text)
    _ = parsed
    let snippet = Snippet(
        index: 0, line: 1, endLine: 2 + text.utf8.reduce(1) { $1 == 0x0A ? $0 + 1 : $0 }, fenceColumn: 1,
        language: Language(name: "dockerfile"), languageDetected: false, info: "dockerfile", attributes: [],
        code: text, isClosed: true, headings: [], paragraphBefore: nil, paragraphAfter: nil)
    let document = Document(path: "fuzz.md", snippets: [snippet])
    _ = DockerfileLinter(today: Date(timeIntervalSince1970: 1_780_000_000)).lint(snippet, in: document)
    return 0
}

exit(vfuzz_run(CommandLine.argc, CommandLine.unsafeArgv, fuzzDockerfile))
