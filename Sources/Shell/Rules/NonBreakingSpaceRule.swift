/// A non-breaking space looks like a space but is part of the word for bash:
/// `pip install flask` with U+00A0 installs a package named "install flask".
struct NonBreakingSpaceRule: ShellRule {
    static let description = ShellRuleDescription(
        id: "non-breaking-space", severity: .warning,
        summary: "A non-breaking or zero-width space that bash does not treat as a separator.",
        examples: [
            "↓pip install\u{00A0}flask",
            "echo ok\n↓ls\u{200B} -la",
            "pip install flask",
        ])

    static let spaces: Set<Character> = ["\u{00A0}", "\u{202F}", "\u{2007}", "\u{200B}", "\u{2060}", "\u{FEFF}"]

    static func check(_ transcript: ShellTranscript) -> [ShellViolation] {
        firstPerLine(transcript.characters(where: spaces.contains)).map { line, column, character in
            let code = character.unicodeScalars.first.map { "U+" + String($0.value, radix: 16, uppercase: true).leftPadded(to: 4) } ?? ""
            return ShellViolation(
                codeLine: line.codeLine, column: column,
                message: "invisible \(code) space: bash reads it as part of a word; retype it as a plain space",
                supersedes: ["SC1018"])
        }
    }
}

extension String {
    func leftPadded(to width: Int) -> String {
        String(repeating: "0", count: max(0, width - count)) + self
    }
}
