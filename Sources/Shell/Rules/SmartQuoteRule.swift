/// Word processors turn `"` into `“`; bash then passes the curly quote through as part
/// of the word, and the command fails in confusing ways.
struct SmartQuoteRule: ShellRule {
    static let description = ShellRuleDescription(
        id: "smart-quote", severity: .warning,
        summary: "A typographic quote (“ ” ‘ ’) where bash needs \" or '.",
        examples: [
            "↓echo “hello”",
            "git commit -m 'first commit'\n↓git commit -m ‘second commit’",
            "echo \"straight quotes are fine\"",
        ])

    static let quotes: Set<Character> = ["“", "”", "‘", "’", "„", "‚", "«", "»"]

    static func check(_ transcript: ShellTranscript) -> [ShellViolation] {
        firstPerLine(transcript.characters(where: quotes.contains)).map { line, column, character in
            ShellViolation(
                codeLine: line.codeLine, column: column,
                message: "typographic quote \(character): bash takes it literally; type \(["‘", "’", "‚"].contains(character) ? "'" : "\"") instead",
                supersedes: ["SC1110", "SC1111", "SC1112"])
        }
    }
}

/// The first hit on each line: one finding per line is enough to send the reader there.
func firstPerLine(_ hits: [(line: ShellTranscript.Line, column: Int, character: Character)]) -> [(line: ShellTranscript.Line, column: Int, character: Character)] {
    var seen: Set<Int> = []
    return hits.filter { seen.insert($0.line.codeLine).inserted }
}
