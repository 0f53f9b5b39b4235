import ArgumentParser
import Foundation
import Markdown
import VerifyCore

/// `verify extract PATH...`
struct ExtractCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "extract",
        abstract: "List every fenced snippet of the documents with its lines and language.")

    @Argument(help: "Markdown files or directories (searched for .md and .markdown).")
    var paths: [String]

    /// The snippets are a list, not a run: only text and JSON make sense.
    enum Format: String, ExpressibleByArgument {
        case text, json
    }

    @Option(help: "Output format: text or json.")
    var format: Format = .text

    func run() throws {
        var documents: [Document] = []
        var failed = false
        for input in DocumentLoader().collect(paths) {
            switch input {
            case .document(let path, let source):
                documents.append(MarkdownParser().parse(source, path: path))
            case .failure(let error):
                failed = true
                Console.err("\(error.path): error: \(error.message)\n")
            }
        }
        switch format {
        case .json:
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            print(String(decoding: try encoder.encode(documents), as: UTF8.self))
        case .text:
            for document in documents {
                for finding in document.findings {
                    print("\(document.path):\(finding.line): \(finding.severity.rawValue): \(finding.message) [\(finding.rule)]")
                }
                for snippet in document.snippets {
                    let language = snippet.language.dialect.map { "\(snippet.language.name) (\($0))" } ?? snippet.language.name
                    let detected = snippet.languageDetected && snippet.language != .text ? ", detected" : ""
                    print("\(document.path):\(snippet.line)-\(snippet.endLine): \(language)\(detected)\(snippet.heading.map { " — \($0)" } ?? "")")
                }
            }
        }
        if failed { throw ExitCode(2) }
    }
}
