import Claims
import Foundation
import SQLRuntime
import Shell
import Supervisor
import VerifyCore
import WorkerProtocol

/// Runs one document's snippets in order on a lane and turns what was observed into
/// verdicts. A snippet that fails only on a name an earlier snippet of the document
/// defines is run again with the earlier snippets' names (`"context": "document"`).
struct DocumentRunner {
    let document: Document
    let options: RunOptions
    let fixturesDirectory: String?
    /// Called after each snippet.
    var snippetFinished: (Snippet) -> Void = { _ in }

    private let planner = SnippetPlanner()
    private let extractor = ClaimExtractor()
    /// Looks for shellcheck on PATH once per process, not once per document.
    private static let shellChecker = ShellSnippetChecker()

    /// An earlier Python snippet whose names later fragments may use.
    struct Earlier {
        var snippet: Snippet
        var definedNames: Set<String>
        /// How long the snippet itself ran: replaying it costs about as much.
        var seconds: Double
    }

    struct Outcome: Sendable {
        var report: DocumentReport
        /// Unknown directives, as input errors naming their line.
        var inputErrors: [Report.InputError]
        var edits: [DocumentEdit]
    }

    func run(on lane: WorkerLane) -> Outcome {
        var earlier: [Earlier] = []
        var edits: [DocumentEdit] = []
        var reports: [SnippetReport] = []
        var inputErrors: [Report.InputError] = []
        let performance = extractor.performanceClaims(in: document)
        let timeout = options.timeout(for: document.path)
        let sql = SQLDocumentChecker(options: SQLOptions(
            fixturePaths: options.configuration?.sqlFixtures ?? [], fixturesDirectory: fixturesDirectory,
            timeoutSeconds: timeout))
            .check(document, documentDirectory: (document.path as NSString).deletingLastPathComponent)
        let checker = ClaimChecker()
        let stem = fileStem
        let planned = document.snippets.map { snippet in
            let (directives, findings) = DirectiveParser.directives(for: snippet)
            return (directives: directives, findings: findings, plan: planner.plan(snippet, directives: directives))
        }
        func pythonRun(_ position: Int) -> PythonSnippetRun {
            PythonSnippetRun(
                snippet: document.snippets[position], document: document, directives: planned[position].directives,
                options: options, fixturesDirectory: fixturesDirectory, extractor: extractor, fileStem: stem,
                documentTimeout: timeout)
        }
        var prepared: [Int: PythonSnippetRun.Prepared] = [:]
        var observed: [Int: Observation] = [:]
        snippets: for (position, snippet) in document.snippets.enumerated() {
            if lane.isInterrupted { break }
            let directives = planned[position].directives
            inputErrors += planned[position].findings.map { .init(path: "\(document.path):\($0.line)", message: $0.message) }
            var report: SnippetReport
            switch planned[position].plan {
            case .skip(let reason):
                report = skeleton(snippet)
                report.reason = reason
                if let owner = extractor.outputOwner(of: snippet, in: document) {
                    report.reason = "expected output of the snippet at line \(owner.line)"
                }
            case .sql:
                report = sql.snippetReports[snippet.index] ?? skeleton(snippet)
            case .lintDockerfile:
                report = LintVerdict(document: document, directives: directives, configuration: options.configuration)
                    .dockerfile(snippet, skeleton: skeleton(snippet))
            case .checkShell:
                report = LintVerdict(document: document, directives: directives, configuration: options.configuration)
                    .shell(snippet, checker: Self.shellChecker, skeleton: skeleton(snippet))
            case .python:
                let run = pythonRun(position)
                let ready = prepared.removeValue(forKey: position) ?? run.prepare()
                if observed[position] == nil, ready.runsOnItsOwn {
                    // This snippet and the Python snippets after it that can run on their
                    // own go to the worker together; each is still judged in its turn.
                    var batch = [(position, ready)]
                    for later in document.snippets.indices.dropFirst(position + 1) {
                        guard case .python = planned[later].plan else { continue }
                        let next = pythonRun(later).prepare()
                        prepared[later] = next
                        guard next.runsOnItsOwn else { break }
                        batch.append((later, next))
                    }
                    for ((later, _), observation) in zip(batch, lane.run(batch.map(\.1.timedJob))) {
                        observed[later] = observation
                    }
                }
                let outcome = run.run(
                    ready, observed: observed.removeValue(forKey: position), on: lane, earlier: earlier,
                    skeleton: skeleton(snippet))
                // A snippet cut short by the interruption did not finish: it is left out.
                if outcome.interrupted { break snippets }
                report = outcome.report
                edits += outcome.edits
                if let names = outcome.definedNames {
                    earlier.append(Earlier(snippet: snippet, definedNames: names, seconds: report.durationSeconds ?? 0))
                }
            }
            report.claims += checker.judgeWithoutRunning(performance.bySnippet[snippet.index] ?? [])
            report.findings += document.findings.filter { $0.line == snippet.line }
            report.fingerprint = Fingerprint.of(snippet.code)
            reports.append(report)
            snippetFinished(snippet)
        }
        lane.endDocument()
        let snippetLines = Set(document.snippets.map(\.line))
        let documentClaims = checker.judgeWithoutRunning(performance.unattached)
        let report = DocumentReport(
            path: document.path, snippets: reports,
            findings: document.findings.filter { !snippetLines.contains($0.line) } + sql.documentFindings,
            claims: documentClaims)
        return Outcome(report: report, inputErrors: inputErrors, edits: edits)
    }

    /// The document's file name without extension, letters and digits only.
    private var fileStem: String {
        let name = document.path.split(separator: "/").last.map(String.init) ?? document.path
        let stem = name.split(separator: ".", omittingEmptySubsequences: false).dropLast().joined(separator: ".")
        let safe = String((stem.isEmpty ? name : stem).map { $0.isLetter || $0.isNumber ? $0 : "_" })
        return safe.isEmpty ? "snippet" : safe
    }

    private func skeleton(_ snippet: Snippet) -> SnippetReport {
        SnippetReport(
            line: snippet.line, endLine: snippet.endLine, language: snippet.language.name,
            dialect: snippet.language.dialect, heading: snippet.heading, status: .skipped)
    }
}
