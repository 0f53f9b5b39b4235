/// Splits instruction arguments into words at unquoted blanks, as BuildKit does before
/// substitution: quotes and escaped characters stay part of the word, as written.
enum InstructionWords {
    static func split(_ text: String, escape: Character) -> [String] {
        var words: [String] = []
        var word = ""
        var quote: Character?
        var escaped = false
        for character in text {
            if escaped {
                word.append(character)
                escaped = false
            } else if character == escape, quote != "'" {
                word.append(character)
                escaped = true
            } else if let open = quote {
                word.append(character)
                if character == open { quote = nil }
            } else if character == "\"" || character == "'" {
                word.append(character)
                quote = character
            } else if character.isBlank || character == "\n" {
                if !word.isEmpty { words.append(word) }
                word = ""
            } else {
                word.append(character)
            }
        }
        if !word.isEmpty { words.append(word) }
        return words
    }

    /// `KEY=value` words as (key, value); legacy `KEY value` (one pair, the rest is the
    /// value) when the first word has no `=`.
    static func keyValuePairs(_ words: [String]) -> (pairs: [(key: String, value: String)], isLegacy: Bool) {
        guard let first = words.first else { return ([], false) }
        guard first.contains("=") else {
            return ([(first, words.dropFirst().joined(separator: " "))], words.count > 1)
        }
        let pairs = words.map { word -> (key: String, value: String) in
            let key = word.prefix { $0 != "=" }
            return (String(key), String(word.dropFirst(key.count + 1)))
        }
        return (pairs, false)
    }
}
