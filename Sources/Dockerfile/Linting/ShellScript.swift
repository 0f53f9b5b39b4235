/// A simple command inside a `RUN`: its words, quotes removed, each at its Markdown line.
public struct ShellCommand: Sendable, Hashable {
    public var words: [ShellWord]
    /// Whether the command's output goes through `|` into the next command.
    public var isPiped: Bool

    /// Words that come before the program: reserved words, `NAME=value` assignments and
    /// wrappers such as `sudo`, `env` or `nohup`.
    private static let reservedWords: Set<String> = ["if", "then", "else", "elif", "do", "while", "until", "!", "{", "}", "time"]
    private static let wrappers: Set<String> = ["sudo", "env", "nohup", "exec", "command", "nice", "stdbuf", "timeout"]

    /// The program and its arguments, after reserved words, assignments and wrappers.
    public var invocation: ArraySlice<ShellWord> {
        var rest = words[...]
        while let first = rest.first {
            let text = first.text
            if Self.reservedWords.contains(text) || Self.isAssignment(text) {
                rest = rest.dropFirst()
            } else if Self.wrappers.contains(text) {
                rest = rest.dropFirst()
                while let option = rest.first?.text, option.hasPrefix("-") || (text == "timeout" && option.first?.isNumber == true) {
                    rest = rest.dropFirst(["-u", "-g", "-C"].contains(option) ? 2 : 1)
                }
            } else {
                break
            }
        }
        return rest
    }

    /// The program's name without its directory, such as `pip3`.
    public var program: String? {
        invocation.first.map { String($0.text.split(separator: "/").last ?? "") }
    }

    /// The Markdown line of the program's name.
    public var line: Int? { invocation.first?.line ?? words.first?.line }

    private static func isAssignment(_ word: String) -> Bool {
        guard let equals = word.firstIndex(of: "="), equals > word.startIndex else { return false }
        return word[..<equals].allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_") }
    }
}

/// A word of a shell command after quote removal.
public struct ShellWord: Sendable, Hashable {
    public var text: String
    public var line: Int
}

/// Splits shell text into simple commands at `;`, `&&`, `||`, `|`, `&` and newlines.
/// Redirections and their targets are dropped; `$(…)` and backquotes stay inside their word.
/// It reads enough of the shell to find programs and their arguments, and never fails.
enum ShellScript {
    static func commands(in text: String, segments: [LineSegment]) -> [ShellCommand] {
        var tokenizer = Tokenizer(characters: Array(text), segments: segments)
        tokenizer.run()
        return tokenizer.commands
    }

    private struct Tokenizer {
        let characters: [Character]
        let segments: [LineSegment]
        var position = 0
        var commands: [ShellCommand] = []
        var words: [ShellWord] = []
        var word = ""
        var wordStart: Int?
        var dropsNextWord = false

        func character(_ offset: Int) -> Character? {
            offset >= 0 && offset < characters.count ? characters[offset] : nil
        }

        mutating func run() {
            while let current = character(position) {
                switch current {
                case " ", "\t":
                    endWord()
                case "\n":
                    endWord()
                    endCommand(piped: false)
                case "\\":
                    if character(position + 1) == "\n" {
                        position += 1
                    } else if let next = character(position + 1) {
                        append(next)
                        position += 1
                    }
                case "'":
                    startWord()
                    readQuoted(until: "'", escapes: false)
                case "\"":
                    startWord()
                    readQuoted(until: "\"", escapes: true)
                case "#" where wordStart == nil:
                    while let next = character(position + 1), next != "\n" { position += 1 }
                case "|", "&", ";", "(", ")":
                    operatorAt(current)
                case "<", ">":
                    redirection()
                case "$" where character(position + 1) == "(":
                    readBalanced(open: "(", close: ")")
                case "`":
                    append(current)
                    while let next = character(position + 1) {
                        position += 1
                        append(next)
                        if next == "`" { break }
                    }
                default:
                    append(current)
                }
                position += 1
            }
            endWord()
            endCommand(piped: false)
        }

        private mutating func operatorAt(_ current: Character) {
            endWord()
            let next = character(position + 1)
            if current == "&", next == ">" {
                redirection()
                return
            }
            if (current == "|" || current == "&" || current == ";"), next == current { position += 1 }
            endCommand(piped: current == "|" && next != "|")
        }

        private mutating func redirection() {
            if !word.isEmpty, word.allSatisfy(\.isNumber) {
                word = ""
                wordStart = nil
            }
            endWord()
            while let next = character(position + 1), "<>&-|".contains(next) { position += 1 }
            if let next = character(position + 1), next.isNumber, character(position) == "&" {
                position += 1
                return
            }
            dropsNextWord = true
        }

        private mutating func readQuoted(until close: Character, escapes: Bool) {
            while let next = character(position + 1) {
                position += 1
                if next == close { return }
                if escapes, next == "\\", let escaped = character(position + 1), "\"\\$`".contains(escaped) {
                    position += 1
                    append(escaped)
                } else {
                    append(next)
                }
            }
        }

        private mutating func readBalanced(open: Character, close: Character) {
            var depth = 0
            while let current = character(position) {
                append(current)
                if current == open { depth += 1 }
                if current == close {
                    depth -= 1
                    if depth == 0 { return }
                }
                position += 1
            }
        }

        private mutating func startWord() {
            if wordStart == nil { wordStart = position }
        }

        private mutating func append(_ character: Character) {
            startWord()
            word.append(character)
        }

        private mutating func endWord() {
            guard let start = wordStart else { return }
            defer {
                word = ""
                wordStart = nil
            }
            if dropsNextWord {
                dropsNextWord = false
                return
            }
            let line = segments.last { $0.offset <= start }?.line ?? segments.first?.line ?? 0
            words.append(ShellWord(text: word, line: line))
        }

        private mutating func endCommand(piped: Bool) {
            if !words.isEmpty { commands.append(ShellCommand(words: words, isPiped: piped)) }
            words = []
        }
    }
}
