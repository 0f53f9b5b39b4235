/// `venv\Scripts\activate` in a bash block: bash eats the backslashes.
struct WindowsPathRule: ShellRule {
    static let description = ShellRuleDescription(
        id: "windows-path", severity: .warning,
        summary: "A Windows path (C:\\…, .\\…, venv\\Scripts\\…) in a bash block, where backslashes are escapes.",
        examples: [
            "python -m venv venv\n↓venv\\Scripts\\activate",
            "↓cd C:\\Users\\me\\project",
            "↓.\\build.ps1",
            "printf 'a\\nb\\n'\necho done \\\n  again\nsource venv/bin/activate",
        ])

    static func check(_ transcript: ShellTranscript) -> [ShellViolation] {
        transcript.commandLines.compactMap { line in
            guard let path = line.text.split(whereSeparator: \.isWhitespace).map({ $0.trimmingQuotes() }).first(where: isWindowsPath),
                let offset = line.text.range(of: path).map({ line.text.distance(from: line.text.startIndex, to: $0.lowerBound) })
            else { return nil }
            return ShellViolation(
                codeLine: line.codeLine, column: line.promptWidth + offset + 1,
                message: "Windows path \(path) in a bash block: bash treats \\ as an escape; write it with / or tag the block for PowerShell or cmd",
                supersedes: ["SC1001"])
        }
    }

    static func isWindowsPath(_ word: String) -> Bool {
        guard word.contains("\\"), word != "\\" else { return false }
        let characters = Array(word)
        if characters.count >= 3, characters[0].isLetter, characters[1] == ":", characters[2] == "\\" { return true }
        if word.hasPrefix(".\\") || word.hasPrefix("..\\") || word.hasPrefix("%") || word.hasPrefix("\\\\") { return true }
        if word.lowercased().contains("\\scripts\\") { return true }
        return [".exe", ".bat", ".cmd", ".ps1"].contains { word.lowercased().hasSuffix($0) }
    }
}

extension StringProtocol {
    func trimmingQuotes() -> String {
        String(drop { $0 == "\"" || $0 == "'" }.reversed().drop { $0 == "\"" || $0 == "'" }.reversed())
    }
}
