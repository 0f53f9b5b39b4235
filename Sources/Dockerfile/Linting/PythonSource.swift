import Foundation
import VerifyCore

/// What the cross-snippet rules need to know about a Python snippet, read line by line
/// without running it: the modules it imports and the names it defines at top level.
struct PythonSource {
    /// Top-level modules imported, in order of first import, such as `fastapi` for
    /// `from fastapi.responses import JSONResponse`; relative imports are left out.
    var imports: [String] = []
    /// Names bound at top level: `app = …`, `app: FastAPI = …`, `def app(`, `class App`, `import app`.
    var definitions: Set<String> = []

    init(_ code: String) {
        for line in code.split(separator: "\n", omittingEmptySubsequences: false) {
            let isTopLevel = !(line.first?.isWhitespace ?? true)
            let text = line.trimmingCharacters(in: .whitespaces)
            if text.hasPrefix("import ") {
                for clause in text.dropFirst(7).split(separator: ",") {
                    let words = clause.split(whereSeparator: \.isWhitespace)
                    guard let module = words.first else { continue }
                    addImport(String(module))
                    let bound = words.count >= 3 && words[1] == "as" ? words[2] : module.split(separator: ".").first ?? module
                    if isTopLevel { definitions.insert(String(bound)) }
                }
            } else if text.hasPrefix("from ") {
                let words = text.split(whereSeparator: \.isWhitespace)
                guard words.count >= 2, !words[1].hasPrefix(".") else { continue }
                addImport(String(words[1]))
                if isTopLevel, let importIndex = words.firstIndex(of: "import") {
                    let names = words[(importIndex + 1)...].joined(separator: " ").split(separator: ",")
                    for name in names {
                        let parts = name.split(whereSeparator: { $0.isWhitespace || $0 == "(" || $0 == ")" })
                        if let bound = parts.count >= 3 && parts[1] == "as" ? parts[2] : parts.first { definitions.insert(String(bound)) }
                    }
                }
            } else if isTopLevel {
                definitions.formUnion(Self.boundNames(text))
            }
        }
    }

    private mutating func addImport(_ dotted: String) {
        let module = String(dotted.split(separator: ".").first ?? "")
        if !module.isEmpty, !imports.contains(module) { imports.append(module) }
    }

    /// Names bound by a top-level statement: `def name(`, `class Name`, `name = `, `a, b = `, `name: T = `.
    static func boundNames(_ statement: String) -> [String] {
        for keyword in ["def ", "async def ", "class "] where statement.hasPrefix(keyword) {
            return [String(statement.dropFirst(keyword.count).prefix(while: \.isIdentifierCharacter))]
        }
        guard let equals = assignmentIndex(statement) else { return [] }
        let target = statement[..<equals].split(separator: ":").first ?? ""
        return target.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter(isIdentifier)
    }

    /// The `=` of an assignment, not of `==`, `<=`, `!=`, a keyword argument in a call or a comparison.
    private static func assignmentIndex(_ statement: String) -> String.Index? {
        var previous: Character?
        for index in statement.indices {
            let character = statement[index]
            if "([{\"'".contains(character) { return nil }
            if character == "=" {
                let next = statement.index(after: index) < statement.endIndex ? statement[statement.index(after: index)] : nil
                if next == "=" || "=<>!+-*/%&|^@:".contains(previous ?? " ") { return nil }
                return index
            }
            previous = character
        }
        return nil
    }

    private static func isIdentifier(_ text: String) -> Bool {
        guard let first = text.first, first.isLetter || first == "_" else { return false }
        return text.allSatisfy(\.isIdentifierCharacter)
    }
}
