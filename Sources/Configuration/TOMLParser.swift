/// Reads the part of TOML 1.0 a configuration file needs — tables, dotted and quoted
/// keys, strings, integers, floats, booleans, arrays and inline tables — keeping the
/// line of every value so that errors about keys and types can name it. Dates,
/// multi-line strings and arrays of tables are reported as unsupported.
public struct TOMLParser {
    private let characters: [Character]
    private var index = 0
    private var line = 1

    public static func parse(_ text: String) throws(TOMLError) -> TOMLTable {
        var parser = TOMLParser(characters: Array(text))
        return try parser.document()
    }

    private init(characters: [Character]) {
        self.characters = characters
    }

    private var current: Character? { index < characters.count ? characters[index] : nil }

    private mutating func advance() {
        if current == "\n" { line += 1 }
        index += 1
    }

    private func error(_ message: String) -> TOMLError { TOMLError(line: line, message: message) }

    private mutating func skipSpaces() {
        while let character = current, character == " " || character == "\t" { advance() }
    }

    /// Spaces, comments and newlines (inside arrays and between statements).
    private mutating func skipBlank() {
        while let character = current {
            if character == " " || character == "\t" || character == "\n" || character == "\r" {
                advance()
            } else if character == "#" {
                while let next = current, next != "\n" { advance() }
            } else {
                return
            }
        }
    }

    private mutating func endOfLine() throws(TOMLError) {
        skipSpaces()
        if current == "#" { while let next = current, next != "\n" { advance() } }
        if current == "\r" { advance() }
        guard current == nil || current == "\n" else { throw error("expected the end of the line, found '\(current!)'") }
    }

    private mutating func document() throws(TOMLError) -> TOMLTable {
        var root = TOMLTable()
        var path: [String] = []
        var definedTables: Set<[String]> = []
        while true {
            skipBlank()
            guard let character = current else { break }
            if character == "[" {
                advance()
                if current == "[" { throw error("arrays of tables ([[…]]) are not supported") }
                skipSpaces()
                path = try key()
                skipSpaces()
                guard current == "]" else { throw error("expected ']' to close the table header") }
                advance()
                guard definedTables.insert(path).inserted else { throw error("table [\(path.joined(separator: "."))] is defined twice") }
                try Self.insert(TOMLEntry(value: .table(TOMLTable()), line: line), at: path, in: &root, allowExistingTable: true)
                try endOfLine()
            } else {
                let startLine = line
                let keys = try key()
                skipSpaces()
                guard current == "=" else { throw error("expected '=' after the key") }
                advance()
                skipSpaces()
                let value = try value()
                try Self.insert(TOMLEntry(value: value, line: startLine), at: path + keys, in: &root, allowExistingTable: false)
                try endOfLine()
            }
        }
        return root
    }

    private static func insert(_ entry: TOMLEntry, at path: [String], in table: inout TOMLTable, allowExistingTable: Bool) throws(TOMLError) {
        guard let first = path.first else { return }
        if path.count == 1 {
            if let existing = table[first] {
                guard allowExistingTable, case .table = existing.value else {
                    throw TOMLError(line: entry.line, message: "key '\(first)' is defined twice")
                }
                return
            }
            try table.set(first, entry)
            return
        }
        var child = TOMLTable()
        var line = entry.line
        if let existing = table[first] {
            guard case .table(let existingTable) = existing.value else {
                throw TOMLError(line: entry.line, message: "key '\(first)' is not a table")
            }
            child = existingTable
            line = existing.line
        }
        try insert(entry, at: Array(path.dropFirst()), in: &child, allowExistingTable: allowExistingTable)
        if let position = table.entries.firstIndex(where: { $0.key == first }) {
            table.entries[position].entry = TOMLEntry(value: .table(child), line: line)
        } else {
            try table.set(first, TOMLEntry(value: .table(child), line: line))
        }
    }

    /// A dotted key of bare and quoted parts.
    private mutating func key() throws(TOMLError) -> [String] {
        var parts: [String] = []
        while true {
            skipSpaces()
            if current == "\"" || current == "'" {
                guard case .string(let text) = try string() else { throw error("expected a key") }
                parts.append(text)
            } else {
                var bare = ""
                while let character = current, character.isLetter || character.isNumber || character == "_" || character == "-" {
                    bare.append(character)
                    advance()
                }
                guard !bare.isEmpty else { throw error("expected a key, found '\(current.map(String.init) ?? "end of file")'") }
                parts.append(bare)
            }
            skipSpaces()
            guard current == "." else { return parts }
            advance()
        }
    }

    private mutating func value() throws(TOMLError) -> TOMLValue {
        guard let character = current else { throw error("expected a value") }
        switch character {
        case "\"", "'": return try string()
        case "[": return try array()
        case "{": return try inlineTable()
        case "t", "f":
            let word = String(characters[index..<min(index + 5, characters.count)])
            if word.hasPrefix("true") { index += 4; return .boolean(true) }
            if word.hasPrefix("false") { index += 5; return .boolean(false) }
            throw error("expected a value")
        default: return try number()
        }
    }

    private mutating func string() throws(TOMLError) -> TOMLValue {
        let quote = current!
        if index + 2 < characters.count, characters[index + 1] == quote, characters[index + 2] == quote {
            throw error("multi-line strings are not supported")
        }
        advance()
        var text = ""
        while let character = current, character != quote {
            if character == "\n" { throw error("a string must end on its line") }
            if quote == "\"", character == "\\" {
                advance()
                guard let escaped = current else { break }
                switch escaped {
                case "n": text.append("\n")
                case "t": text.append("\t")
                case "r": text.append("\r")
                case "\\": text.append("\\")
                case "\"": text.append("\"")
                case "u", "U":
                    let length = escaped == "u" ? 4 : 8
                    let digits = String(characters[(index + 1)..<min(index + 1 + length, characters.count)])
                    guard digits.count == length, let value = UInt32(digits, radix: 16), let scalar = Unicode.Scalar(value) else {
                        throw error("invalid \\\(escaped) escape")
                    }
                    text.unicodeScalars.append(scalar)
                    index += length
                default: throw error("invalid escape \\\(escaped)")
                }
                advance()
                continue
            }
            text.append(character)
            advance()
        }
        guard current == quote else { throw error("unterminated string") }
        advance()
        return .string(text)
    }

    private mutating func number() throws(TOMLError) -> TOMLValue {
        var text = ""
        while let character = current, character.isNumber || "+-._eE".contains(character) || character.isLetter {
            text.append(character)
            advance()
        }
        let cleaned = text.replacing("_", with: "")
        if let integer = Int(cleaned) { return .integer(integer) }
        if let float = Double(cleaned), !cleaned.isEmpty, cleaned.contains(where: \.isNumber) { return .float(float) }
        if text.contains("-"), text.count >= 8, text.first?.isNumber == true { throw error("dates are not supported") }
        throw error(text.isEmpty ? "expected a value" : "'\(text)' is not a value")
    }

    private mutating func array() throws(TOMLError) -> TOMLValue {
        advance()
        var items: [TOMLEntry] = []
        while true {
            skipBlank()
            if current == "]" {
                advance()
                return .array(items)
            }
            let itemLine = line
            items.append(TOMLEntry(value: try value(), line: itemLine))
            skipBlank()
            if current == "," {
                advance()
            } else if current != "]" {
                throw error("expected ',' or ']' in the array")
            }
        }
    }

    private mutating func inlineTable() throws(TOMLError) -> TOMLValue {
        advance()
        var table = TOMLTable()
        skipSpaces()
        if current == "}" {
            advance()
            return .table(table)
        }
        while true {
            skipSpaces()
            let entryLine = line
            let keys = try key()
            skipSpaces()
            guard current == "=" else { throw error("expected '=' in the inline table") }
            advance()
            skipSpaces()
            try Self.insert(TOMLEntry(value: try value(), line: entryLine), at: keys, in: &table, allowExistingTable: false)
            skipSpaces()
            if current == "," {
                advance()
            } else if current == "}" {
                advance()
                return .table(table)
            } else {
                throw error("expected ',' or '}' in the inline table")
            }
        }
    }
}
