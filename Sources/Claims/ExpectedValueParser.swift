import VerifyCore

/// Reads the value a comment states: `# 99, because …` → `99`, `# 3 + 0 = 3` → `3`,
/// `# Output: 10` → `10`, `# {'a': 1, 'b': 3}` → the dict.
enum ExpectedValueParser {
    /// Words after which the rest of the comment is the expected output.
    static let markers = ["output:", "outputs:", "prints:", "prints", "result:", "returns", "gives", "->", "→", "=>"]

    /// The expected value, or nil when the comment states none. A comment of plain words
    /// (`# Hello, world!`) is returned as tentative: it may be output or prose.
    static func expectedValue(in comment: String) -> (value: String, tentative: Bool)? {
        let text = comment.trimmingSpaces()
        guard !text.isEmpty else { return nil }
        if isWholeNumber(text) { return (text, false) }
        let lowered = text.lowercased()
        for marker in markers where lowered.hasPrefix(marker) {
            let rest = String(text.dropFirst(marker.count)).trimmingSpaces()
            if !rest.isEmpty { return (rest, false) }
        }
        if let value = valueAfterFinalEquals(text) { return (value, false) }
        if let literal = leadingLiteral(Substring(text)) {
            let rest = text.dropFirst(literal.count).drop { $0 == " " }
            if rest.isEmpty || separators.contains(rest.first!) || (rest.first!.isLetter && literal.count < text.count) {
                return (String(literal), false)
            }
        }
        if text.count <= 80, !text.hasSuffix("...") { return (text, true) }
        return nil
    }

    /// `285`, `-3.5`, `1_000`: a comment that is one number, read as the whole parse below
    /// would read it, without it (most value comments are numbers).
    private static func isWholeNumber(_ text: String) -> Bool {
        var bytes = text.utf8[...]
        if bytes.first == UInt8(ascii: "-") { bytes = bytes.dropFirst() }
        func isDigit(_ byte: UInt8) -> Bool { (0x30...0x39).contains(byte) }
        guard let first = bytes.first, let last = bytes.last, isDigit(first), isDigit(last) else { return false }
        var dots = 0
        for byte in bytes where !isDigit(byte) && byte != UInt8(ascii: "_") {
            guard byte == UInt8(ascii: "."), dots == 0 else { return false }
            dots += 1
        }
        return true
    }

    /// What may follow a literal that starts a comment, as in `# 3, because…`.
    private static let separators: Set<Character> = [",", ";", "(", "-", "—", "–", ":", "."]

    /// `3 + 0 = 3` → `3`: the literal after the last `=` at bracket depth 0, when the
    /// comment has one.
    static func valueAfterFinalEquals(_ text: String) -> String? {
        guard text.utf8.contains(UInt8(ascii: "=")) else { return nil }
        let characters = Array(text)
        var depth = 0
        var quote: Character?
        var last: Int?
        for (index, character) in characters.enumerated() {
            if let open = quote {
                if character == open { quote = nil }
                continue
            }
            switch character {
            case "'", "\"": quote = character
            case "(", "[", "{": depth += 1
            case ")", "]", "}": depth -= 1
            case "=" where depth == 0:
                let before = index > 0 ? characters[index - 1] : " "
                let after = index + 1 < characters.count ? characters[index + 1] : " "
                if !"=!<>:+-*/%&|^@".contains(before) && after != "=" && after != ">" { last = index }
            default: break
            }
        }
        guard let last else { return nil }
        let rest = String(characters[(last + 1)...]).trimmingSpaces()
        guard let literal = leadingLiteral(Substring(rest)), literal.count == rest.count else { return nil }
        return rest
    }

    /// The Python literal (or `<…>` repr) at the start of `text`, if any.
    static func leadingLiteral(_ text: Substring) -> Substring? {
        guard let first = text.first else { return nil }
        if first == "'" || first == "\"" { return quoted(text) }
        if "([{<".contains(first) { return bracketed(text) }
        for word in ["True", "False", "None"] where text.hasPrefix(word) {
            let after = text.dropFirst(word.count).first
            if after == nil || !after!.isIdentifierCharacter { return text.prefix(word.count) }
        }
        return number(text)
    }

    private static func quoted(_ text: Substring) -> Substring? {
        let quote = text.first!
        var index = text.index(after: text.startIndex)
        while index < text.endIndex {
            if text[index] == "\\" {
                index = text.index(after: index)
                if index < text.endIndex { index = text.index(after: index) }
                continue
            }
            if text[index] == quote { return text[...index] }
            index = text.index(after: index)
        }
        return nil
    }

    private static func bracketed(_ text: Substring) -> Substring? {
        let pairs: [Character: Character] = ["(": ")", "[": "]", "{": "}", "<": ">"]
        var stack: [Character] = []
        var index = text.startIndex
        while index < text.endIndex {
            let character = text[index]
            if character == "'" || character == "\"", stack.last != ">" {
                guard let string = quoted(text[index...]) else { return nil }
                index = string.endIndex
                continue
            }
            if let close = pairs[character], stack.last != ">" || character == "<" {
                stack.append(close)
            } else if character == stack.last {
                stack.removeLast()
                if stack.isEmpty { return text[...index] }
            }
            index = text.index(after: index)
        }
        return nil
    }

    private static func number(_ text: Substring) -> Substring? {
        var index = text.startIndex
        if index < text.endIndex, text[index] == "-" || text[index] == "+" { index = text.index(after: index) }
        let digitsStart = index
        var sawDigit = false
        while index < text.endIndex, isDigit(text[index]) || text[index] == "_" || text[index] == "." || text[index] == "e"
            || text[index] == "E" || ((text[index] == "-" || text[index] == "+") && index > digitsStart
                && "eE".contains(text[text.index(before: index)]))
        {
            if isDigit(text[index]) { sawDigit = true }
            index = text.index(after: index)
        }
        if index < text.endIndex, text[index] == "j" { index = text.index(after: index) }
        guard sawDigit else { return nil }
        var literal = text[..<index]
        while literal.last == "." { literal = literal.dropLast() }
        if let after = text[index...].first, after.isLetter { return nil }
        return literal
    }

    /// `Character.isNumber`, which reads Unicode's tables, for ASCII digits without them.
    private static func isDigit(_ character: Character) -> Bool {
        if let ascii = character.asciiValue { return (0x30...0x39).contains(ascii) }
        return character.isNumber
    }
}
