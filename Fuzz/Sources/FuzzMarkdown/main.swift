import CFuzzDriver
import Foundation
import Markdown
import VerifyCore

/// Any bytes as a Markdown document: parsing never traps, and every snippet it finds
/// lies within the document's lines.
@_cdecl("LLVMFuzzerTestOneInput")
func fuzzMarkdown(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    let document = MarkdownParser().parse(text, path: "fuzz.md")
    // A line ends at \n, \r\n or a lone \r; counting both bytes is an upper bound.
    let lineCount = text.utf8.reduce(1) { $1 == 0x0A || $1 == 0x0D ? $0 + 1 : $0 }
    for snippet in document.snippets {
        precondition(snippet.line >= 1 && snippet.line <= snippet.endLine, "snippet lines out of order")
        precondition(snippet.line <= lineCount + 1, "snippet after the end of the document")
        _ = DirectiveParser.directives(for: snippet)
    }
    return 0
}

exit(vfuzz_run(CommandLine.argc, CommandLine.unsafeArgv, fuzzMarkdown))
