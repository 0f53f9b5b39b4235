/// `kubectl apply -f <your-manifest>.yaml` cannot run as written: bash reads `<` and `>`
/// as redirections. Readers copy commands; a placeholder should be obvious and documented.
struct PlaceholderRule: ShellRule {
    static let description = ShellRuleDescription(
        id: "placeholder", severity: .info,
        summary: "A placeholder such as `<your-manifest>` that must be replaced before the command runs.",
        examples: [
            "↓kubectl apply -f <your-manifest>.yaml",
            "↓curl -H \"Authorization: Bearer <TOKEN>\" https://api.example.com",
            "cat <<EOF > notes.txt\nhello\nEOF\nsort < input.txt > output.txt\necho \"<br>\"",
        ])

    /// Tags that stand in commands for what they are, not as placeholders.
    static let htmlTags: Set<String> = ["html", "head", "body", "div", "span", "p", "br", "a", "b", "i", "h1", "h2", "h3", "title", "script", "style", "li", "ul", "pre", "code"]

    static func check(_ transcript: ShellTranscript) -> [ShellViolation] {
        transcript.commandLines.flatMap { line in
            placeholders(in: line.text).map { placeholder, offset in
                ShellViolation(
                    codeLine: line.codeLine, column: line.promptWidth + offset + 1,
                    message: "placeholder \(placeholder): replace it before running the command")
            }
        }
    }

    /// `<name>` words (letters, digits, `_`, `-`, `.`), not `<<EOF` or redirections, with their offsets.
    static func placeholders(in text: String) -> [(String, Int)] {
        let characters = Array(text)
        var found: [(String, Int)] = []
        for (offset, character) in characters.enumerated() where character == "<" {
            guard offset == 0 || characters[offset - 1] != "<", offset + 1 < characters.count, characters[offset + 1].isLetter else { continue }
            let name = characters[(offset + 1)...].prefix { $0.isLetter || $0.isNumber || "_-.".contains($0) }
            let end = offset + 1 + name.count
            guard end < characters.count, characters[end] == ">", !htmlTags.contains(String(name).lowercased()) else { continue }
            found.append(("<\(String(name))>", offset))
        }
        return found
    }
}
