/// BuildKit's variable substitution for one word: `$v`, `${v}`, `${v:-w}`, `${v-w}`,
/// `${v:+w}`, `${v+w}`, `${v:?m}`, `${v#p}`, `${v%p}`, `${v/p/r}`; single quotes keep
/// text literal, the escape character keeps the next character literal, and quotes are
/// removed.
struct VariableExpander {
    /// Variables in scope; a `nil` value is declared without a known value.
    var scope: [String: String?]
    var escape: Character

    struct Result {
        var value: String
        var isResolved: Bool
        var undefined: [String]
    }

    func expand(_ word: String) -> Result {
        var state = State(characters: Array(word))
        let value = expandUntil(nil, &state)
        return Result(value: value, isResolved: state.isResolved, undefined: state.undefined)
    }

    private struct State {
        var characters: [Character]
        var position = 0
        var isResolved = true
        var undefined: [String] = []

        var current: Character? { position < characters.count ? characters[position] : nil }

        mutating func next() -> Character? {
            defer { position += 1 }
            return current
        }
    }

    /// Expands until `stop` (unquoted) or the end; the stop character is consumed.
    private func expandUntil(_ stop: Character?, _ state: inout State) -> String {
        var output = ""
        var inDoubleQuotes = false
        while let character = state.next() {
            if character == stop, !inDoubleQuotes { return output }
            switch character {
            case escape:
                if let escaped = state.next() { output.append(escaped) }
            case "'" where !inDoubleQuotes:
                while let literal = state.next(), literal != "'" { output.append(literal) }
            case "\"":
                inDoubleQuotes.toggle()
            case "$":
                output += dollar(&state)
            default:
                output.append(character)
            }
        }
        return output
    }

    private func dollar(_ state: inout State) -> String {
        guard let next = state.current else { return "$" }
        if next == "{" {
            state.position += 1
            return braced(&state)
        }
        let name = readName(&state)
        return name.isEmpty ? "$" : lookUp(name, &state, hasDefault: false) ?? ""
    }

    private func braced(_ state: inout State) -> String {
        let name = readName(&state)
        var operation = ""
        while let character = state.current, [":", "-", "+", "?", "#", "%", "/"].contains(character), operation.count < 2 {
            operation.append(character)
            state.position += 1
            if !operation.hasPrefix(":") { break }
        }
        if operation.isEmpty {
            _ = expandUntil("}", &state)
            return lookUp(name, &state, hasDefault: false) ?? ""
        }
        let word = expandUntil("}", &state)
        let hasDefault = operation.contains("-") || operation.contains("+")
        let value = lookUp(name, &state, hasDefault: hasDefault)
        let treatEmptyAsUnset = operation.hasPrefix(":")
        let isSet = value.map { !(treatEmptyAsUnset && $0.isEmpty) } ?? false
        switch operation.last {
        case "-": return isSet ? value ?? "" : word
        case "+": return isSet ? word : ""
        case "#": return value.map { $0.hasPrefix(word) ? String($0.dropFirst(word.count)) : $0 } ?? ""
        case "%": return value.map { $0.hasSuffix(word) ? String($0.dropLast(word.count)) : $0 } ?? ""
        case "/":
            let parts = word.split(separator: "/", maxSplits: 1, omittingEmptySubsequences: false)
            guard let value, let pattern = parts.first, !pattern.isEmpty else { return value ?? "" }
            return value.replacing(pattern, with: parts.count > 1 ? parts[1] : "", maxReplacements: 1)
        default: return value ?? ""
        }
    }

    private func readName(_ state: inout State) -> String {
        var name = ""
        while let character = state.current, character.isASCII,
            character.isLetter || character == "_" || (character.isNumber && !name.isEmpty)
        {
            name.append(character)
            state.position += 1
        }
        return name
    }

    private func lookUp(_ name: String, _ state: inout State, hasDefault: Bool) -> String? {
        guard let entry = scope[name] else {
            if !hasDefault {
                state.isResolved = false
                if !state.undefined.contains(name) { state.undefined.append(name) }
            }
            return nil
        }
        if entry == nil, !hasDefault { state.isResolved = false }
        return entry ?? nil
    }
}
