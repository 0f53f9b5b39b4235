import Foundation
public import VerifyCore

/// `--format sarif`: SARIF 2.1.0, the format of code-scanning services (GitHub code
/// scanning, Azure DevOps, SARIF viewers in editors).
///
/// One run whose driver lists a rule for each way a snippet fails the gate, each kind of
/// failing claim, unreadable inputs, and each lint rule that appears in a finding. Every
/// `Problem` of the report is a result located on the Markdown file: the document's
/// path as given (a relative URI, resolved against the checkout by code scanning) and the
/// line, with the column where it is known.
public struct SARIFReporter: Reporter {
    public static let identifier = "sarif"
    /// The OASIS schema of SARIF 2.1.0 (errata 01), which the output validates against.
    public static let schemaURI = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"

    /// Where people learn about the tool: `tool.driver.informationUri`, left out when nil.
    public var informationURI: String?

    public init(informationURI: String? = nil) {
        self.informationURI = informationURI
    }

    public func report(_ report: Report) -> String {
        let problems = report.problems
        let rules = Self.rules(for: problems)
        let index = Dictionary(rules.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { first, _ in first })
        let results = problems.map { problem in
            SARIF.Result(
                ruleId: problem.rule.id, ruleIndex: index[problem.rule.id] ?? 0, level: problem.level.rawValue,
                message: .init(text: "\(problem.rule.title): \(problem.message)"), locations: [location(of: problem)])
        }
        let driver = SARIF.Driver(
            name: report.tool.name, version: report.tool.version, informationUri: informationURI,
            rules: rules.map {
                SARIF.Rule(id: $0.id, name: $0.name, shortDescription: .init(text: $0.summary),
                           defaultConfiguration: .init(level: $0.level.rawValue))
            })
        let invocation = SARIF.Invocation(
            executionSuccessful: report.partial != true,
            toolExecutionNotifications: report.partial == true
                ? [SARIF.Notification(level: "warning", message: .init(text: "The run was interrupted; the results are partial."), locations: [])]
                : nil)
        let log = SARIF.Log(
            schema: Self.schemaURI, runs: [SARIF.Run(tool: .init(driver: driver), invocations: [invocation], results: results)])
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        guard let data = try? encoder.encode(log) else { return "{}\n" }
        return String(decoding: data, as: UTF8.self) + "\n"
    }

    /// Verify's own rules, then each lint rule in the order it first appears, at the
    /// highest level any of its findings has.
    static func rules(for problems: [Problem]) -> [ProblemRule] {
        var rules = ProblemRule.builtIn
        var known = Set(rules.map(\.id))
        for problem in problems {
            if known.insert(problem.rule.id).inserted {
                var rule = problem.rule
                rule.level = problems.filter { $0.rule.id == rule.id }.map(\.level).min { $0.rank < $1.rank } ?? rule.level
                rules.append(rule)
            }
        }
        return rules
    }

    private func location(of problem: Problem) -> SARIF.Location {
        SARIF.Location(physicalLocation: .init(
            artifactLocation: .init(uri: Self.uri(forPath: problem.path)),
            region: problem.line.map { SARIF.Region(startLine: $0, startColumn: problem.column) }))
    }

    /// A URI reference for a path: relative paths stay relative (percent-encoded),
    /// absolute ones become `file://` URIs.
    public static func uri(forPath path: String) -> String {
        let allowed = CharacterSet(charactersIn: "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~/!$&'()*+,;=@")
        let encoded = path.addingPercentEncoding(withAllowedCharacters: allowed) ?? path
        return path.hasPrefix("/") ? "file://\(encoded)" : encoded
    }
}

extension Problem.Level {
    /// 0 for the most serious.
    var rank: Int {
        switch self {
        case .error: 0
        case .warning: 1
        case .note: 2
        }
    }
}
