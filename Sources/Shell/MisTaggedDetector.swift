import Foundation

/// Recognizes blocks tagged as shell that hold something else: a directory tree, Python,
/// JSON or YAML. Such a block is reported once, at its fence, and not checked as shell.
public enum MisTaggedDetector {
    public enum Content: String, Sendable, Hashable {
        case directoryTree = "a directory tree"
        case python = "Python"
        case json = "JSON"
        case yaml = "YAML"

        /// The info string to use instead.
        public var suggestedTag: String {
            switch self {
            case .directoryTree: "text"
            case .python: "python"
            case .json: "json"
            case .yaml: "yaml"
            }
        }
    }

    /// What the block is when it is not shell; `nil` when it reads as shell.
    public static func detect(_ code: String) -> Content? {
        let lines = code.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        guard !lines.isEmpty else { return nil }
        if lines.count(where: isTreeLine) * 2 >= lines.count, lines.contains(where: { $0.contains("──") || $0.contains("--") }) {
            return .directoryTree
        }
        let code = lines.filter { !$0.hasPrefix("#") }
        if code.count >= 2, code.count(where: isPythonLine) * 2 >= code.count { return .python }
        if isJSON(lines.joined(separator: "\n")) { return .json }
        if lines.count >= 2, lines.count(where: isYAMLLine) == lines.count, lines.contains(where: { $0.hasSuffix(":") }) { return .yaml }
        return nil
    }

    /// `├── a.py`, `│   └── b.py`, `|-- a.py`, `` `-- b.py ``, `+-- c`, or a folder name ending in `/`.
    static func isTreeLine(_ line: String) -> Bool {
        if line.unicodeScalars.contains(where: { (0x2500...0x257F).contains($0.value) }) { return true }
        if ["|--", "`--", "+--", "\\--"].contains(where: line.hasPrefix) { return true }
        return line.hasSuffix("/") && !line.contains(" ")
    }

    static func isPythonLine(_ line: String) -> Bool {
        let starts = ["def ", "class ", "async def ", "print(", "return ", "elif ", "except", "try:", "with ", "@", "from __future__"]
        if starts.contains(where: line.hasPrefix) { return true }
        if line.hasPrefix("from "), line.contains(" import ") { return true }
        if (line.hasPrefix("if ") || line.hasPrefix("for ") || line.hasPrefix("while ")) && line.hasSuffix(":") { return true }
        return line.hasPrefix("import ") && !line.contains("-") && !line.contains("/")
    }

    static func isYAMLLine(_ line: String) -> Bool {
        if line.hasPrefix("#") || line.hasPrefix("- ") { return true }
        guard let colon = line.firstIndex(of: ":") else { return false }
        let key = line[..<colon]
        let rest = line[line.index(after: colon)...]
        return !key.isEmpty && key.allSatisfy { $0.isLetter || $0.isNumber || "_-.\"'".contains($0) } && (rest.isEmpty || rest.first == " ")
    }

    static func isJSON(_ text: String) -> Bool {
        guard let first = text.first, first == "{" || first == "[", let data = text.data(using: .utf8) else { return false }
        return (try? JSONSerialization.jsonObject(with: data)) != nil
    }
}
