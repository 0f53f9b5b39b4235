internal import CCMarkGFM
public import VerifyCore

/// Parses Markdown with cmark-gfm and extracts every fenced code block with its
/// exact lines, language, headings and surrounding prose.
///
/// ```swift
/// let document = MarkdownParser().parse(source, path: "docs/python.md")
/// for snippet in document.snippets { print(snippet.line, snippet.language) }
/// ```
public struct MarkdownParser: Sendable {
    public init() {}

    /// Parses already-decoded Markdown text. Never fails: problems become findings.
    public func parse(_ source: String, path: String) -> Document {
        var text = source
        if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
        let lines = SourceLines(text)
        let blocks = LeafBlockCollector.collect(Self.blankingFrontMatter(text))
        return SnippetAssembler(lines: lines, blocks: blocks).document(path: path)
    }

    /// The text with YAML front matter (a `---` first line, up to the next `---` or
    /// `...` line) blanked, its line endings kept: cmark would read it as a heading and
    /// fences in it as code, and the lines after it keep their numbers.
    static func blankingFrontMatter(_ text: String) -> String {
        guard text.hasPrefix("---\n") || text.hasPrefix("---\r\n") else { return text }
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        let closing = { (line: Substring) in ["---", "..."].contains(String(line.filter { !" \t\r".contains($0) })) }
        guard let end = lines.dropFirst().firstIndex(where: closing)
        else { return text }
        let blank = lines[...end].map { $0.hasSuffix("\r") ? "\r" : "" }
        return (blank + lines[(end + 1)...].map(String.init)).joined(separator: "\n")
    }
}

/// The source split into lines (without their endings), 1-based. Line endings are
/// counted as cmark counts them: `\n`, `\r\n` and a lone `\r`.
struct SourceLines {
    private let lines: [Substring]

    init(_ text: String) {
        var lines: [Substring] = []
        let utf8 = text.utf8
        var start = utf8.startIndex
        var index = start
        while index < utf8.endIndex {
            let byte = utf8[index]
            if byte == 0x0A || byte == 0x0D {
                lines.append(Substring(text[start..<index]))
                var next = utf8.index(after: index)
                if byte == 0x0D, next < utf8.endIndex, utf8[next] == 0x0A { next = utf8.index(after: next) }
                start = next
                index = next
            } else {
                index = utf8.index(after: index)
            }
        }
        lines.append(Substring(text[start...]))
        self.lines = lines
    }

    var count: Int { lines.count }

    subscript(line: Int) -> Substring {
        line >= 1 && line <= lines.count ? lines[line - 1] : ""
    }
}

/// A leaf block of the document in source order, as the assembler needs it.
enum LeafBlock {
    case heading(Heading)
    case paragraph(Paragraph)
    case htmlBlock(Paragraph)
    case fencedCode(FencedCode)
    case table(MarkdownTable)
    case other(line: Int, endLine: Int)

    var line: Int {
        switch self {
        case .heading(let heading): heading.line
        case .paragraph(let paragraph), .htmlBlock(let paragraph): paragraph.line
        case .fencedCode(let code): code.line
        case .table(let table): table.line
        case .other(let line, _): line
        }
    }
}

/// A fenced code block as cmark reports it, before the source check of its closing fence.
struct FencedCode {
    var line: Int
    var column: Int
    var reportedEndLine: Int
    var info: String
    var literal: String
    var fenceCharacter: Character
    var fenceLength: Int
    /// Columns between the start of the fence's container and the fence (0 to 3).
    var fenceOffset: Int
}

/// Walks cmark's tree iteratively (documents may nest 10,000 levels deep) and keeps
/// the leaf blocks in source order.
enum LeafBlockCollector {
    /// cmark-gfm registers its extensions without a lock: two threads parsing their first
    /// documents at once could register the table extension twice and renumber its node
    /// types under a parse in progress (its cells then came out empty). Swift runs this
    /// once, whichever thread asks first.
    nonisolated(unsafe) private static let tableExtension = {
        cmark_gfm_core_extensions_ensure_registered()
        return cmark_find_syntax_extension("table")
    }()

    static func collect(_ text: String) -> [LeafBlock] {
        guard let parser = cmark_parser_new(CMARK_OPT_DEFAULT) else { return [] }
        defer { cmark_parser_free(parser) }
        if let table = tableExtension {
            cmark_parser_attach_syntax_extension(parser, table)
        }
        // The text's own UTF-8 storage, without a copy: a document may be large.
        var text = text
        text.withUTF8 { buffer in
            guard let base = buffer.baseAddress else { return }
            base.withMemoryRebound(to: CChar.self, capacity: buffer.count) {
                cmark_parser_feed(parser, $0, buffer.count)
            }
        }
        guard let root = cmark_parser_finish(parser) else { return [] }
        defer { cmark_node_free(root) }

        var blocks: [LeafBlock] = []
        let iterator = cmark_iter_new(root)
        defer { cmark_iter_free(iterator) }
        while true {
            let event = cmark_iter_next(iterator)
            if event == CMARK_EVENT_DONE { break }
            guard event == CMARK_EVENT_ENTER, let node = cmark_iter_get_node(iterator) else { continue }
            let line = Int(cmark_node_get_start_line(node))
            let endLine = Int(cmark_node_get_end_line(node))
            switch cmark_node_get_type(node) {
            case CMARK_NODE_HEADING:
                let text = InlineText.render(node, keepCodeTicks: false)
                blocks.append(.heading(Heading(level: Int(cmark_node_get_heading_level(node)), text: text, line: line)))
            case CMARK_NODE_PARAGRAPH:
                blocks.append(.paragraph(Paragraph(line: line, endLine: endLine, text: InlineText.render(node, keepCodeTicks: true))))
            case CMARK_NODE_HTML_BLOCK:
                let literal = cmark_node_get_literal(node).map { String(cString: $0) } ?? ""
                blocks.append(.htmlBlock(Paragraph(line: line, endLine: endLine, text: literal)))
            case CMARK_NODE_CODE_BLOCK:
                let info = cmark_node_get_fence_info(node).map { String(cString: $0) } ?? ""
                let literal = cmark_node_get_literal(node).map { String(cString: $0) } ?? ""
                var length: Int32 = 0
                var offset: Int32 = 0
                var character: CChar = 0
                if cmark_node_get_fenced(node, &length, &offset, &character) != 0 {
                    blocks.append(.fencedCode(FencedCode(
                        line: line, column: Int(cmark_node_get_start_column(node)),
                        reportedEndLine: endLine, info: info, literal: literal,
                        fenceCharacter: Character(Unicode.Scalar(UInt8(bitPattern: character))),
                        fenceLength: Int(length), fenceOffset: Int(offset))))
                } else {
                    blocks.append(.other(line: line, endLine: endLine))
                }
            case CMARK_NODE_THEMATIC_BREAK:
                blocks.append(.other(line: line, endLine: endLine))
            default:
                if String(cString: cmark_node_get_type_string(node)) == "table" {
                    blocks.append(.table(TableReader.read(node, line: line, endLine: endLine)))
                }
            }
        }
        return blocks
    }
}

/// Reads a GFM table node: the header row and the data rows, each cell as plain text.
enum TableReader {
    static func read(_ table: OpaquePointer, line: Int, endLine: Int) -> MarkdownTable {
        var header: [String] = []
        var rows: [[String]] = []
        var row = cmark_node_first_child(table)
        while let current = row {
            var cells: [String] = []
            var cell = cmark_node_first_child(current)
            while let node = cell {
                cells.append(InlineText.render(node, keepCodeTicks: false).trimmingCharacters(in: " \t"))
                cell = cmark_node_next(node)
            }
            if cmark_gfm_extensions_get_table_row_is_header(current) != 0 {
                header = cells
            } else {
                rows.append(cells)
            }
            row = cmark_node_next(current)
        }
        return MarkdownTable(line: line, endLine: endLine, header: header, rows: rows)
    }
}

/// Renders the inline children of a block as plain text: emphasis dropped, inline code
/// kept in backticks when asked, one newline per source line break.
enum InlineText {
    static func render(_ block: OpaquePointer, keepCodeTicks: Bool) -> String {
        var text = ""
        let iterator = cmark_iter_new(block)
        defer { cmark_iter_free(iterator) }
        while true {
            let event = cmark_iter_next(iterator)
            if event == CMARK_EVENT_DONE { break }
            guard event == CMARK_EVENT_ENTER, let node = cmark_iter_get_node(iterator) else { continue }
            let literal = { cmark_node_get_literal(node).map { String(cString: $0) } ?? "" }
            switch cmark_node_get_type(node) {
            case CMARK_NODE_TEXT, CMARK_NODE_HTML_INLINE: text += literal()
            case CMARK_NODE_CODE: text += keepCodeTicks ? "`\(literal())`" : literal()
            case CMARK_NODE_SOFTBREAK, CMARK_NODE_LINEBREAK: text += "\n"
            default: break
            }
        }
        return text.trimmingTrailingSpaces()
    }
}

