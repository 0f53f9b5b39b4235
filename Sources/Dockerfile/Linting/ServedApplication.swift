/// The Python application a `CMD` or `ENTRYPOINT` serves, such as `main:app` in
/// `CMD ["uvicorn", "main:app", "--port", "80"]`: a module and an object in it.
struct ServedApplication {
    /// ASGI and WSGI servers that take `module:object`.
    static let servers: Set<String> = ["uvicorn", "gunicorn", "hypercorn", "daphne", "granian", "waitress-serve"]

    var server: String
    var module: String
    var object: String
    /// The instruction naming it.
    var line: Int

    /// The applications the stages' `CMD` and `ENTRYPOINT` instructions serve.
    static func find(in dockerfile: ParsedDockerfile) -> [ServedApplication] {
        dockerfile.stages.compactMap { stage in
            let commands = dockerfile.instructions(of: stage).filter { ["ENTRYPOINT", "CMD"].contains($0.keyword) }
            let words = commands.flatMap { instruction in
                (instruction.execForm ?? instruction.arguments.split(whereSeparator: \.isWhitespace).map(String.init))
                    .map { (word: $0, line: instruction.line) }
            }
            guard let server = words.lazy.compactMap({ word in
                String(word.word.split(separator: "/").last ?? "")
            }).first(where: servers.contains) else { return nil }
            for (word, line) in words {
                let parts = word.split(separator: ":", omittingEmptySubsequences: false)
                guard parts.count == 2 else { continue }
                let module = String(parts[0])
                let object = String(parts[1].prefix { $0 != "(" })
                if module.split(separator: ".", omittingEmptySubsequences: false).allSatisfy({ isIdentifier(String($0)) }), isIdentifier(object) {
                    return ServedApplication(server: server, module: module, object: object, line: line)
                }
            }
            return nil
        }
    }

    private static func isIdentifier(_ text: String) -> Bool {
        guard let first = text.first, first.isLetter || first == "_" else { return false }
        return text.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_") }
    }
}
