import VerifyCore

/// Turns the leaf blocks of a document into snippets: checks each closing fence in the
/// source (cmark reports a wrong end line for an unclosed one), normalizes the language,
/// and attaches headings, neighbouring paragraphs and directive comments.
struct SnippetAssembler {
    let lines: SourceLines
    let blocks: [LeafBlock]

    func document(path: String) -> Document {
        var snippets: [Snippet] = []
        var findings: [Finding] = []
        var headings: [Heading] = []
        var paragraphs: [Paragraph] = []
        var allHeadings: [Heading] = []
        for (position, block) in blocks.enumerated() {
            switch block {
            case .paragraph(let paragraph):
                paragraphs.append(paragraph)
            case .heading(let heading):
                allHeadings.append(heading)
                headings.removeAll { $0.level >= heading.level }
                headings.append(heading)
            case .fencedCode(let code):
                let snippet = makeSnippet(code, index: snippets.count, at: position, headings: headings)
                if !snippet.isClosed {
                    findings.append(Finding(
                        rule: "unclosed-fence", severity: .error, line: snippet.line,
                        column: snippet.fenceColumn,
                        message: "code fence opened here is never closed; it runs to line \(snippet.endLine)"))
                }
                snippets.append(snippet)
            default:
                break
            }
        }
        return Document(path: path, snippets: snippets, findings: findings, paragraphs: paragraphs, headings: allHeadings)
    }

    private func makeSnippet(_ code: FencedCode, index: Int, at position: Int, headings: [Heading]) -> Snippet {
        let fence = Fence(
            line: lines[code.line], character: code.fenceCharacter, length: code.fenceLength, offset: code.fenceOffset)
        let contentLines = code.literal.isEmpty ? 0 : code.literal.lineFeedCount + 1 - (code.literal.utf8.last == 0x0A ? 1 : 0)
        let reportedEnd = min(code.reportedEndLine, lines.count)
        let isClosed = reportedEnd > code.line && fence.isClosed(by: lines[reportedEnd])
        let endLine = isClosed ? reportedEnd : min(code.line + contentLines, max(lines.count, code.line))

        // Pandoc and R Markdown write attributes in braces: {python}, {.python .numberLines}.
        let info = code.info.hasPrefix("{") ? code.info.filter { $0 != "{" && $0 != "}" } : code.info
        let words = info.split(whereSeparator: \.isWhitespace).enumerated()
            .map { $0.offset == 0 ? String($0.element.drop { $0 == "." }) : String($0.element) }
        var language = words.first.flatMap(Language.fromInfoWord)
        let detected = language == nil
        if language == nil { language = LanguageDetector.detect(code.literal) }

        return Snippet(
            index: index, line: code.line, endLine: endLine, fenceColumn: fence.column ?? code.column,
            language: language ?? .text, languageDetected: detected, info: code.info,
            attributes: Array(words.dropFirst()), code: code.literal, isClosed: isClosed,
            headings: headings, paragraphBefore: paragraph(before: position),
            paragraphAfter: paragraph(after: position), precedingComments: comments(before: position),
            tableAfter: table(after: position), adjoinsPrevious: adjoinsPreviousFence(position))
    }

    /// The table right after the block: only HTML blocks and one lead-in paragraph ending in a colon between.
    private func table(after position: Int) -> MarkdownTable? {
        guard case .table(let table) = nextBlockSkippingLeadIn(from: position + 1) else { return nil }
        return table
    }

    /// Whether the fence at `position` comes right after another fence, with the same gap allowed.
    private func adjoinsPreviousFence(_ position: Int) -> Bool {
        var index = position - 1
        while index >= 0, case .htmlBlock = blocks[index] { index -= 1 }
        if index >= 0, case .paragraph(let lead) = blocks[index], lead.text.hasSuffix(":") { index -= 1 }
        while index >= 0, case .htmlBlock = blocks[index] { index -= 1 }
        guard index >= 0, case .fencedCode = blocks[index] else { return false }
        return true
    }

    /// The first block from `start` on that is neither an HTML block nor a paragraph ending in a colon
    /// (at most one such paragraph is passed over).
    private func nextBlockSkippingLeadIn(from start: Int) -> LeafBlock? {
        var index = start
        var passedLeadIn = false
        while index < blocks.count {
            switch blocks[index] {
            case .htmlBlock: index += 1
            case .paragraph(let lead) where !passedLeadIn && lead.text.hasSuffix(":"):
                passedLeadIn = true
                index += 1
            default: return blocks[index]
            }
        }
        return nil
    }

    /// The paragraph just before the block, unless a heading or another block stands between.
    private func paragraph(before position: Int) -> Paragraph? {
        for block in blocks[..<position].reversed() {
            switch block {
            case .htmlBlock: continue
            case .paragraph(let paragraph): return paragraph
            default: return nil
            }
        }
        return nil
    }

    /// The paragraph just after the block, unless a heading or another block stands between.
    private func paragraph(after position: Int) -> Paragraph? {
        for block in blocks[(position + 1)...] {
            switch block {
            case .htmlBlock: continue
            case .paragraph(let paragraph): return paragraph
            default: return nil
            }
        }
        return nil
    }

    /// HTML blocks between the previous block and the fence, nearest last.
    private func comments(before position: Int) -> [Paragraph] {
        var comments: [Paragraph] = []
        for block in blocks[..<position].reversed() {
            guard case .htmlBlock(let html) = block else { break }
            comments.insert(html, at: 0)
        }
        return comments
    }
}

/// The opening fence: its character and length (from cmark) and its column in the source.
struct Fence {
    var character: Character
    var length: Int
    var column: Int?
    /// The column, with tabs to the next multiple of 4, where the fence's container
    /// (list item, block quote, document) starts its content.
    private var containerColumn = 1

    init(line: Substring, character: Character, length: Int, offset: Int = 0) {
        self.character = character
        self.length = length
        guard let (column, visual, _) = Self.run(of: character, in: line, afterListMarkers: true) else { return }
        self.column = column
        containerColumn = visual - offset
    }

    /// Whether `line` is a closing fence for this fence: container markers and at most
    /// three spaces of indentation inside the container, then at least as many of the
    /// same character, then only whitespace. A line less indented than the container's
    /// content is outside it (a block quote's marker may leave out its space).
    func isClosed(by line: Substring) -> Bool {
        guard let (_, visual, start) = Self.run(of: character, in: line) else { return false }
        let marked = line[..<start].contains { $0 == ">" }
        guard visual >= containerColumn - (marked ? 1 : 0), visual <= containerColumn + 3 else { return false }
        let body = line[start...]
        let run = body.prefix { $0 == character }
        return run.count >= length && body.dropFirst(run.count).allSatisfy(\.isWhitespace)
    }

    /// Where the first `character` stands after block quote markers and indentation (and
    /// list markers, on an opening line): its column in bytes, its column with tabs
    /// expanded, and its index. Nil when another character comes first.
    private static func run(
        of character: Character, in line: Substring, afterListMarkers: Bool = false
    ) -> (Int, Int, Substring.Index)? {
        var (column, visual) = (1, 1)
        var index = line.startIndex
        while index < line.endIndex, line[index] != character {
            switch line[index] {
            case "\t": visual += 4 - (visual - 1) % 4
            case " ", ">": visual += 1
            default:
                guard afterListMarkers else { return nil }
                visual += 1
            }
            column += 1
            index = line.index(after: index)
        }
        return index < line.endIndex ? (column, visual, index) : nil
    }
}
