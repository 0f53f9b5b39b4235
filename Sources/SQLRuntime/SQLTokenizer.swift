import Foundation

/// A token of SQL text, located by its UTF-8 byte offset in the script.
struct SQLToken: Sendable, Hashable {
    enum Kind: Sendable, Hashable {
        /// A keyword or an unquoted identifier.
        case word
        /// `"name"`, `` `name` `` or `[name]`; `text` holds the name without quotes.
        case quotedIdentifier
        /// `'text'`; `text` holds the content without quotes.
        case string
        case number
        /// `?`, `?1`, `:name`, `@name`, `$name`.
        case parameter
        /// Punctuation and operators, `::` and `||` included.
        case symbol
    }

    var kind: Kind
    var text: String
    var offset: Int
    var length: Int

    /// The text in upper case for words, as written otherwise.
    var upper: String { kind == .word ? text.uppercased() : text }

    func isWord(_ word: String) -> Bool { kind == .word && upper == word }
    func isSymbol(_ symbol: String) -> Bool { kind == .symbol && text == symbol }

    /// A name: an unquoted word or a quoted identifier.
    var isName: Bool { kind == .word || kind == .quotedIdentifier }
}

/// Splits SQL into tokens, skipping whitespace and comments. It follows SQLite's lexical
/// rules closely enough to find names, keywords and statement ends; it never fails, and
/// an unterminated string or comment simply runs to the end.
enum SQLTokenizer {
    static func tokens(_ sql: String) -> [SQLToken] {
        tokens(Array(sql.utf8))
    }

    static func tokens(_ bytes: [UInt8]) -> [SQLToken] {
        var tokens: [SQLToken] = []
        var index = skipTrivia(bytes, from: 0)
        while index < bytes.count {
            let (kind, end, text) = scan(bytes, at: index)
            tokens.append(SQLToken(kind: kind, text: text, offset: index, length: end - index))
            index = skipTrivia(bytes, from: end)
        }
        return tokens
    }

    /// The offset of the first byte from `start` on that is not whitespace or a comment.
    static func skipTrivia(_ bytes: [UInt8], from start: Int) -> Int {
        var index = start
        while index < bytes.count {
            let byte = bytes[index]
            if byte == 0x20 || (0x09...0x0D).contains(byte) {
                index += 1
            } else if byte == UInt8(ascii: "-"), next(bytes, index) == UInt8(ascii: "-") {
                while index < bytes.count, bytes[index] != 0x0A { index += 1 }
            } else if byte == UInt8(ascii: "/"), next(bytes, index) == UInt8(ascii: "*") {
                index += 2
                while index < bytes.count, !(bytes[index] == UInt8(ascii: "*") && next(bytes, index) == UInt8(ascii: "/")) {
                    index += 1
                }
                index = min(index + 2, bytes.count)
            } else {
                break
            }
        }
        return index
    }

    private static func next(_ bytes: [UInt8], _ index: Int) -> UInt8? {
        index + 1 < bytes.count ? bytes[index + 1] : nil
    }

    private static func isWordByte(_ byte: UInt8) -> Bool {
        byte >= 0x80 || byte == UInt8(ascii: "_") || byte == UInt8(ascii: "$")
            || (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte | 0x20) || isDigit(byte)
    }

    private static func isDigit(_ byte: UInt8) -> Bool { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) }

    private static func text(_ bytes: [UInt8], _ range: Range<Int>) -> String {
        String(decoding: bytes[range], as: UTF8.self)
    }

    private static func scan(_ bytes: [UInt8], at start: Int) -> (SQLToken.Kind, Int, String) {
        let byte = bytes[start]
        switch byte {
        case UInt8(ascii: "'"):
            let end = quoted(bytes, from: start, closer: UInt8(ascii: "'"))
            return (.string, end, unquote(bytes, start, end, UInt8(ascii: "'")))
        case UInt8(ascii: "\""), UInt8(ascii: "`"):
            let end = quoted(bytes, from: start, closer: byte)
            return (.quotedIdentifier, end, unquote(bytes, start, end, byte))
        case UInt8(ascii: "["):
            var end = start + 1
            while end < bytes.count, bytes[end] != UInt8(ascii: "]") { end += 1 }
            return (.quotedIdentifier, min(end + 1, bytes.count), text(bytes, (start + 1)..<min(end, bytes.count)))
        case _ where byte | 0x20 == UInt8(ascii: "x") && next(bytes, start) == UInt8(ascii: "'"):
            let end = quoted(bytes, from: start + 1, closer: UInt8(ascii: "'"))
            return (.string, end, text(bytes, start..<end))
        case _ where isDigit(byte) || (byte == UInt8(ascii: ".") && next(bytes, start).map(isDigit) == true):
            var end = start
            while end < bytes.count, isWordByte(bytes[end]) || bytes[end] == UInt8(ascii: ".")
                || ((bytes[end] == UInt8(ascii: "+") || bytes[end] == UInt8(ascii: "-"))
                    && (bytes[end - 1] | 0x20) == UInt8(ascii: "e") && !text(bytes, start..<end).lowercased().hasPrefix("0x"))
            {
                end += 1
            }
            return (.number, end, text(bytes, start..<end))
        case UInt8(ascii: "?"), UInt8(ascii: "@"), UInt8(ascii: "$"),
            UInt8(ascii: ":") where next(bytes, start) != UInt8(ascii: ":"):
            var end = start + 1
            while end < bytes.count, isWordByte(bytes[end]) { end += 1 }
            if end == start + 1, byte != UInt8(ascii: "?") { return (.symbol, end, text(bytes, start..<end)) }
            return (.parameter, end, text(bytes, start..<end))
        case _ where isWordByte(byte):
            var end = start
            while end < bytes.count, isWordByte(bytes[end]) { end += 1 }
            return (.word, end, text(bytes, start..<end))
        default:
            let pairs = ["::", "||", "<=", ">=", "<>", "!=", "==", "<<", ">>", "->"]
            if start + 1 < bytes.count {
                let two = text(bytes, start..<(start + 2))
                if two == "->", next(bytes, start + 1) == UInt8(ascii: ">") { return (.symbol, start + 3, "->>") }
                if pairs.contains(two) { return (.symbol, start + 2, two) }
            }
            var end = start + 1
            while end < bytes.count, bytes[end] & 0xC0 == 0x80 { end += 1 }
            return (.symbol, end, text(bytes, start..<end))
        }
    }

    /// The end of a quoted token whose quote is doubled to escape it.
    private static func quoted(_ bytes: [UInt8], from start: Int, closer: UInt8) -> Int {
        var index = start + 1
        while index < bytes.count {
            if bytes[index] == closer {
                if next(bytes, index) == closer { index += 2; continue }
                return index + 1
            }
            index += 1
        }
        return bytes.count
    }

    private static func unquote(_ bytes: [UInt8], _ start: Int, _ end: Int, _ quote: UInt8) -> String {
        let closed = end - start >= 2 && bytes[end - 1] == quote
        let inner = text(bytes, (start + 1)..<(closed ? end - 1 : end))
        let mark = String(decoding: [quote], as: UTF8.self)
        return inner.replacingOccurrences(of: mark + mark, with: mark)
    }
}

/// Maps byte offsets of a text to 1-based lines and byte columns.
struct LineIndex: Sendable {
    private let lineStarts: [Int]

    init(_ bytes: [UInt8]) {
        var starts = [0]
        for (offset, byte) in bytes.enumerated() where byte == 0x0A { starts.append(offset + 1) }
        lineStarts = starts
    }

    init(_ text: String) { self.init(Array(text.utf8)) }

    /// Line and column (both 1-based, the column counted in bytes) of an offset.
    func position(of offset: Int) -> (line: Int, column: Int) {
        var low = 0
        var high = lineStarts.count - 1
        while low < high {
            let middle = (low + high + 1) / 2
            if lineStarts[middle] <= offset { low = middle } else { high = middle - 1 }
        }
        return (low + 1, offset - lineStarts[low] + 1)
    }
}
