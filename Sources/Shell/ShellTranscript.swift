/// The script of a shell block: prompts (`$ `, `user@host:~$ `, `(venv) $ `) removed and
/// the output lines of a transcript blanked, so that every line keeps its number.
///
/// A block with no prompt at all is a plain script and is kept whole. In a block with
/// prompts, a line is a command when it has a prompt or continues the command before it
/// (a trailing `\`, or a `> ` continuation prompt); every other line is output.
public struct ShellTranscript: Sendable, Hashable {
    /// One line of the block.
    public struct Line: Sendable, Hashable {
        /// The command text without its prompt; empty for an output line.
        public var text: String
        /// 1-based line in the snippet.
        public var codeLine: Int
        /// Characters the prompt took before `text`, to turn a column in `text` into a column in the block.
        public var promptWidth: Int
        public var isOutput: Bool
    }

    public var lines: [Line]

    public init(_ code: String) {
        let raw = code.split(separator: "\n", omittingEmptySubsequences: false).map { String($0.hasSuffix("\r") ? $0.dropLast() : $0) }
        let rows = raw.count > 1 && raw.last == "" ? Array(raw.dropLast()) : raw
        let hasPrompts = rows.contains { Self.promptWidth($0) != nil }
        var continues = false
        var afterCommand = false
        lines = rows.enumerated().map { offset, row in
            let codeLine = offset + 1
            guard hasPrompts else { return Line(text: row, codeLine: codeLine, promptWidth: 0, isOutput: false) }
            let isSecondaryPrompt = afterCommand && row.hasPrefix("> ")
            guard let width = Self.promptWidth(row) ?? (continues ? 0 : nil) ?? (isSecondaryPrompt ? 2 : nil) else {
                continues = false
                afterCommand = false
                return Line(text: "", codeLine: codeLine, promptWidth: 0, isOutput: true)
            }
            let text = String(row.dropFirst(width))
            continues = text.hasSuffix("\\")
            afterCommand = true
            return Line(text: text, codeLine: codeLine, promptWidth: width, isOutput: false)
        }
    }

    /// The script to hand to shellcheck: one line per line of the block.
    public var script: String {
        lines.map(\.text).joined(separator: "\n") + "\n"
    }

    /// The command lines, without output.
    public var commandLines: [Line] { lines.filter { !$0.isOutput } }

    /// Width of a prompt at the start of `line`: `$ `, `% `, `user@host:~/dir$ `, `(venv) $ `, or a lone `$`.
    static func promptWidth(_ line: String) -> Int? {
        var rest = Substring(line)
        let indent = rest.prefix { $0 == " " }.count
        rest = rest.dropFirst(indent)
        if rest.hasPrefix("(") , let close = rest.firstIndex(of: ")") {
            let environment = rest[rest.index(after: rest.startIndex)..<close]
            if !environment.contains(" ") {
                rest = rest[rest.index(after: close)...].drop { $0 == " " }
            }
        }
        let userHost = rest.prefix { !$0.isWhitespace && $0 != "$" && $0 != "%" }
        if userHost.contains("@") { rest = rest.dropFirst(userHost.count) }
        guard let marker = rest.first, marker == "$" || marker == "%" else { return nil }
        let after = rest.dropFirst()
        if after.isEmpty { return line.count }
        guard after.first == " " else { return nil }
        return line.count - after.count + 1
    }
}
