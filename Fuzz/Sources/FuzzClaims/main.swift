import CFuzzDriver
import Foundation
import Claims
import VerifyCore

/// Any bytes as a Python snippet's code with the same bytes as the prose around it: the
/// claim extractor (comments, literals, prose, performance statements) never traps and
/// every claim it finds points at a line of the snippet or its paragraphs.
@_cdecl("LLVMFuzzerTestOneInput")
func fuzzClaims(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    let lines = text.utf8.reduce(1) { $1 == 0x0A ? $0 + 1 : $0 }
    let before = Paragraph(line: 1, endLine: lines, text: text)
    let after = Paragraph(line: lines + 3 + lines, endLine: lines + 3 + 2 * lines, text: text)
    for language in [Language.python, Language(name: "python", dialect: "pycon")] {
        let snippet = Snippet(
            index: 0, line: lines + 1, endLine: lines + 2 + lines, fenceColumn: 1, language: language,
            languageDetected: false, info: "python", attributes: [], code: text, isClosed: true, headings: [],
            paragraphBefore: before, paragraphAfter: after)
        let document = Document(path: "fuzz.md", snippets: [snippet], paragraphs: [before, after])
        let extractor = ClaimExtractor()
        for claim in extractor.claims(for: snippet, in: document) {
            precondition(claim.line >= 1 && claim.line <= after.endLine, "claim outside the document")
        }
        _ = extractor.performanceClaims(in: document)
    }
    return 0
}

exit(vfuzz_run(CommandLine.argc, CommandLine.unsafeArgv, fuzzClaims))
