import VerifyCore

/// What a line of Python code does, as far as claims care: print, evaluate an
/// expression, or assign a name. Decided from the text alone; the glue confirms with
/// Python's own parser when the snippet runs.
enum PythonStatementShape: Equatable {
    case print
    case expression
    case assignment(target: String)
    case other

    private static let keywords: Set<String> = [
        "def", "class", "return", "import", "from", "if", "elif", "else", "for", "while", "with", "try",
        "except", "finally", "raise", "assert", "del", "pass", "break", "continue", "global", "nonlocal",
        "yield", "async", "await", "lambda", "match", "case",
    ]

    init(_ code: String) {
        let text = code.trimmingSpaces()
        guard !text.isEmpty, !text.hasPrefix("@") else {
            self = .other
            return
        }
        let firstWord = String(text.prefix(while: \.isIdentifierCharacter))
        if Self.keywords.contains(firstWord), text.dropFirst(firstWord.count).first.map({ !$0.isIdentifierCharacter }) ?? true {
            self = .other
            return
        }
        if let last = text.last, "([{,\\:".contains(last) {
            self = .other
            return
        }
        if let equals = Self.topLevelAssignment(text) {
            let target = String(text[..<equals]).trimmingSpaces()
            let simple = target.allSatisfy(\.isIdentifierCharacter)
            self = simple && !target.isEmpty ? .assignment(target: target) : .other
            return
        }
        self = text.hasPrefix("print(") ? .print : .expression
    }

    /// Index of a `=` (or augmented `+=`, …) at bracket depth 0 outside strings.
    static func topLevelAssignment(_ text: String) -> String.Index? {
        guard text.utf8.contains(UInt8(ascii: "=")) else { return nil }
        var depth = 0
        var quote: Character?
        var previous: Character = " "
        var index = text.startIndex
        while index < text.endIndex {
            let character = text[index]
            let next = text.index(after: index) < text.endIndex ? text[text.index(after: index)] : " "
            if let open = quote {
                if character == "\\" {
                    index = text.index(after: index)
                } else if character == open {
                    quote = nil
                }
            } else {
                switch character {
                case "'", "\"": quote = character
                case "(", "[", "{": depth += 1
                case ")", "]", "}": depth -= 1
                case "=" where depth == 0 && next != "=" && !"=!<>".contains(previous):
                    return ":".contains(previous) ? nil : ("+-*/%&|^@".contains(previous) ? text.index(before: index) : index)
                default: break
                }
            }
            previous = character
            if index < text.endIndex { index = text.index(after: index) }
        }
        return nil
    }
}
