import Foundation
public import VerifyCore

/// What a run shows on GitHub Actions: a workflow command per problem, which GitHub
/// turns into an annotation on the document's line, and a Markdown step summary.
///
/// ```text
/// ::error file=docs/a.md,line=15,title=verify%3A stdout claim fails::print(add(3, 4))  # 8%0Aexpected: 8%0Aactual:   7
/// ```
///
/// GitHub shows a limited number of annotations per step; the summary lists every
/// problem (up to `summaryLimit`), and the SARIF report all of them.
public struct GitHubActionsReporter: Reporter {
    public static let identifier = "github"

    /// Prefix of links to the documents in the summary, such as
    /// `https://github.com/owner/repo/blob/<sha>/`; without it, links are relative paths.
    public var blobURL: String?
    /// The checkout directory: absolute document paths inside it are shown relative to it,
    /// as GitHub expects for annotations.
    public var workspace: String?
    /// Problems listed in the summary before the rest are counted only.
    public var summaryLimit: Int

    public init(blobURL: String? = nil, workspace: String? = nil, summaryLimit: Int = 100) {
        self.blobURL = blobURL
        self.workspace = workspace
        self.summaryLimit = summaryLimit
    }

    /// The workflow commands, one line each.
    public func report(_ report: Report) -> String {
        report.problems.map(command).joined()
    }

    /// `::error file=…,line=…,col=…,title=…::message`
    func command(_ problem: Problem) -> String {
        let name = switch problem.level {
        case .error: "error"
        case .warning: "warning"
        case .note: "notice"
        }
        let properties = [
            ("file", relative(problem.path)), ("line", problem.line.map(String.init)),
            ("col", problem.column.map(String.init)), ("title", "verify: \(problem.rule.title)"),
        ].compactMap { key, value in value.map { "\(key)=\(Self.escapeProperty($0))" } }
        return "::\(name) \(properties.joined(separator: ","))::\(Self.escapeData(problem.message))\n"
    }

    /// A path as the summary and annotations show it: relative to the workspace when inside it.
    func relative(_ path: String) -> String {
        guard let workspace, !workspace.isEmpty else { return path }
        let prefix = workspace.hasSuffix("/") ? workspace : workspace + "/"
        return path.hasPrefix(prefix) ? String(path.dropFirst(prefix.count)) : path
    }

    /// A command's message: `%`, CR and LF are percent-encoded.
    public static func escapeData(_ text: String) -> String {
        text.replacingOccurrences(of: "%", with: "%25").replacingOccurrences(of: "\r", with: "%0D")
            .replacingOccurrences(of: "\n", with: "%0A")
    }

    /// A command's property value: as data, and `:` and `,` too, which separate properties.
    public static func escapeProperty(_ text: String) -> String {
        escapeData(text).replacingOccurrences(of: ":", with: "%3A").replacingOccurrences(of: ",", with: "%2C")
    }
}
