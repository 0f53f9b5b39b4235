/// The lines of a Python snippet split into code and trailing comment, with string
/// literals (including triple-quoted ones spanning lines) respected, so that a `#`
/// inside a string is never taken for a comment.
struct PythonSourceLines {
    struct Line: Equatable {
        /// 1-based line of the snippet.
        var number: Int
        /// The code before the comment, without trailing whitespace.
        var code: String
        /// The comment's text after `#`, or nil when the line has none.
        var comment: String?
        /// Whether the line starts inside a triple-quoted string.
        var startsInString: Bool
        /// The full line as written.
        var text: String

        var isCommentOnly: Bool { comment != nil && code.allSatisfy(\.isWhitespace) }
    }

    let lines: [Line]

    init(_ code: String) {
        var lines: [Line] = []
        var openTriple: UInt8?
        for (index, raw) in code.lineSlices().enumerated() {
            let text = String(raw.utf8.last == 0x0D ? raw.dropLast() : raw)
            let startsInString = openTriple != nil
            let (codePart, comment) = Self.split(text, openTriple: &openTriple)
            lines.append(Line(number: index + 1, code: codePart, comment: comment, startsInString: startsInString, text: text))
        }
        if lines.last?.text.isEmpty == true { lines.removeLast() }
        self.lines = lines
    }

    subscript(number: Int) -> Line? {
        number >= 1 && number <= lines.count ? lines[number - 1] : nil
    }

    /// Splits one line at its comment, carrying an open triple-quoted string across lines.
    /// Works on UTF-8 bytes: quotes, `#` and backslashes are ASCII, and no byte of a
    /// multi-byte character can be taken for one of them.
    /// `openTriple` is the quote byte of the triple-quoted string open at the line's start.
    static func split(_ text: String, openTriple triple: inout UInt8?) -> (String, String?) {
        let (backslash, single, double, hash) = (UInt8(ascii: "\\"), UInt8(ascii: "'"), UInt8(ascii: "\""), UInt8(ascii: "#"))
        // Most lines have no comment and no string: nothing to look at byte by byte.
        if triple == nil, !text.utf8.contains(where: { $0 == hash || $0 == single || $0 == double }) {
            return (text.trimmingTrailingSpaces(), nil)
        }
        let bytes = Array(text.utf8)
        func isTriple(_ quote: UInt8, at index: Int) -> Bool {
            index + 2 < bytes.count && bytes[index] == quote && bytes[index + 1] == quote && bytes[index + 2] == quote
        }
        var index = 0
        var quote: UInt8?
        while index < bytes.count {
            let byte = bytes[index]
            if let open = triple {
                if isTriple(open, at: index) {
                    triple = nil
                    index += 3
                    continue
                }
                if byte == backslash { index += 1 }
                index += 1
                continue
            }
            if let open = quote {
                if byte == backslash {
                    index += 2
                    continue
                }
                if byte == open { quote = nil }
                index += 1
                continue
            }
            if byte == single || byte == double {
                if isTriple(byte, at: index) {
                    triple = byte
                    index += 3
                    continue
                }
                quote = byte
            } else if byte == hash {
                let code = String(decoding: bytes[..<index], as: UTF8.self).trimmingTrailingSpaces()
                return (code, String(decoding: bytes[(index + 1)...], as: UTF8.self))
            }
            index += 1
        }
        return (text.trimmingTrailingSpaces(), nil)
    }
}
