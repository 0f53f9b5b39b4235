import Foundation
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
    let planner = SnippetPlanner()
    /// Called after each snippet.
    var snippetFinished: (Snippet) -> Void = { _ in }

    /// An earlier Python snippet whose names later fragments may use.
    private struct Earlier {
        var snippet: Snippet
        var definedNames: Set<String>
    }

    func run(on lane: WorkerLane) -> DocumentReport {
        var earlier: [Earlier] = []
        var reports: [SnippetReport] = []
        for snippet in document.snippets {
            var report = skeleton(snippet)
            switch planner.plan(snippet) {
            case .skip(let reason):
                report.status = .skipped
                report.reason = reason
            case .python:
                let (verdict, names) = runPython(snippet, earlier: earlier, lane: lane)
                report = verdict
                if let names { earlier.append(Earlier(snippet: snippet, definedNames: names)) }
            }
            report.findings += document.findings.filter { $0.line == snippet.line }
            reports.append(report)
            snippetFinished(snippet)
        }
        lane.endDocument()
        let snippetLines = Set(document.snippets.map(\.line))
        return DocumentReport(
            path: document.path, snippets: reports,
            findings: document.findings.filter { !snippetLines.contains($0.line) })
    }

    private func skeleton(_ snippet: Snippet) -> SnippetReport {
        SnippetReport(
            line: snippet.line, endLine: snippet.endLine, language: snippet.language.name,
            dialect: snippet.language.dialect, heading: snippet.heading, status: .skipped)
    }

    /// Runs a snippet, standalone first and with its document's context when it needs it.
    /// Returns the verdict and, when the snippet can serve as context, the names it defined.
    private func runPython(_ snippet: Snippet, earlier: [Earlier], lane: WorkerLane) -> (SnippetReport, Set<String>?) {
        let job = PythonJob(
            id: snippet.index, source: snippet.code, fileName: fileName(for: snippet),
            fixturesDirectory: fixturesDirectory)
        var observation = lane.run(job, timeout: options.timeout)
        var context = RunContext.standalone
        if let name = observation.result?.exception?.undefinedName,
            earlier.contains(where: { $0.definedNames.contains(name) })
        {
            var contextJob = job
            contextJob.prelude = earlier.map { PreludeSnippet(source: $0.snippet.code, fileName: fileName(for: $0.snippet)) }
            observation = lane.run(contextJob, timeout: options.timeout)
            context = .document
        }
        let report = SnippetVerdict(snippet: snippet, observation: observation, context: context).report(skeleton(snippet))
        let usable = observation.result != nil && ![.timeout, .crashed].contains(report.status)
        return (report, usable ? Set(observation.result?.definedNames ?? []) : nil)
    }

    /// `<document>_L<line>.py`, so tracebacks and `__file__` say where the snippet stands.
    private func fileName(for snippet: Snippet) -> String {
        let stem = ((document.path as NSString).lastPathComponent as NSString).deletingPathExtension
        let safe = String(stem.map { $0.isLetter || $0.isNumber ? $0 : "_" })
        return "\(safe.isEmpty ? "snippet" : safe)_L\(snippet.line).py"
    }
}
