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
        var indentation: Substring { text.prefix { $0 == " " || $0 == "\t" } }
    }

    let lines: [Line]

    init(_ code: String) {
        var lines: [Line] = []
        var openTriple: String?
        for (index, raw) in code.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let text = String(raw.hasSuffix("\r") ? raw.dropLast() : raw)
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
    static func split(_ text: String, openTriple: inout String?) -> (String, String?) {
        let characters = Array(text)
        var index = 0
        var quote: Character?
        while index < characters.count {
            let character = characters[index]
            if let triple = openTriple {
                if String(characters[index...].prefix(3)) == triple {
                    openTriple = nil
                    index += 3
                    continue
                }
                if character == "\\" { index += 1 }
                index += 1
                continue
            }
            if let open = quote {
                if character == "\\" {
                    index += 2
                    continue
                }
                if character == open { quote = nil }
                index += 1
                continue
            }
            if character == "'" || character == "\"" {
                let run = String(characters[index...].prefix(3))
                if run == String(repeating: character, count: 3) {
                    openTriple = run
                    index += 3
                    continue
                }
                quote = character
            } else if character == "#" {
                let code = String(characters[..<index]).trimmingTrailingSpaces()
                return (code, String(characters[(index + 1)...]))
            }
            index += 1
        }
        return (text.trimmingTrailingSpaces(), nil)
    }
}

extension StringProtocol {
    func trimmingTrailingSpaces() -> String {
        var copy = String(self)
        while let last = copy.last, last.isWhitespace { copy.removeLast() }
        return copy
    }

    func trimmingSpaces() -> String {
        String(drop { $0.isWhitespace }).trimmingTrailingSpaces()
    }
}
