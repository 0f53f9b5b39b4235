import Foundation
import Supervisor
import VerifyCore
import WorkerProtocol

/// Turns what a worker observed into a snippet's status, reason and error, with every
/// line mapped from the snippet to the Markdown document.
struct SnippetVerdict {
    let snippet: Snippet
    let observation: Observation
    let context: RunContext

    func report(_ skeleton: SnippetReport) -> SnippetReport {
        var report = skeleton
        report.context = context
        report.durationSeconds = (observation.result?.durationSeconds ?? observation.wallSeconds).rounded(toPlaces: 6)
        report.stdout = observation.stdout.isEmpty ? nil : observation.stdout.text
        report.stderr = observation.stderr.isEmpty ? nil : observation.stderr.text
        (report.status, report.reason) = statusAndReason()
        if let exception = observation.result?.exception {
            report.error = SnippetError(
                type: exception.type, message: message(of: exception),
                line: exception.line.map(snippet.documentLine(forCodeLine:)),
                column: exception.column.map(snippet.documentColumn(forCodeColumn:)))
        }
        return report
    }

    /// The exception's message; a compiler's message names lines of the document, as in
    /// "expected an indented block after 'if' statement on line 19".
    private func message(of exception: PythonException) -> String {
        guard exception.isSyntaxError else { return exception.message }
        return exception.message.replacing(/on line (\d+)/) { match in
            "on line \(snippet.documentLine(forCodeLine: Int(match.output.1) ?? 1))"
        }
    }

    /// The line a development server prints when it starts listening, if the snippet's
    /// output has one: such a snippet never returns by design.
    private var serverBanner: String? {
        let markers = ["Running on http", "Uvicorn running on", "Serving Flask app", "Serving on http", "Listening on"]
        let text = observation.stderr.text + "\n" + observation.stdout.text
        return text.split(separator: "\n").first { line in markers.contains { line.contains($0) } }
            .map { $0.trimmingCharacters(in: CharacterSet(charactersIn: " *")) }
    }

    /// A snippet that failed because the sandbox refused it something is skipped, not
    /// failed: it may be right outside the box. The error points at the refused line.
    static func blocked(_ report: inout SnippetReport, by refusal: SandboxRefusal, in snippet: Snippet) {
        report.status = .skipped
        report.reason = "blocked-by-sandbox: \(refusal.what)"
        let line = refusal.line.map(snippet.documentLine(forCodeLine:))
        if report.error == nil || (line != nil && report.error?.line != line) {
            report.error = SnippetError(type: "verify.SandboxRefusal", message: refusal.what, line: line ?? report.error?.line)
        }
    }

    private func statusAndReason() -> (SnippetStatus, String?) {
        switch observation.termination {
        case .timedOut(let seconds):
            if let banner = serverBanner {
                return (.skipped, "starts-server: \(banner) (stopped after \(seconds.formatted) s)")
            }
            return (.timeout, "still running after \(seconds.formatted) s; stopped")
        case .workerDied(let how):
            return (.crashed, "worker \(how)")
        case .protocolError(let what):
            return (.crashed, "worker broke the protocol: \(what)")
        case .workerFailed(let what):
            return (.crashed, "worker could not run the snippet: \(what)")
        case .interrupted:
            return (.skipped, "interrupted")
        case .processLimit(let tasks):
            return (.skipped, "blocked-by-sandbox: starting more than \(tasks) processes at once")
        case .completed:
            break
        }
        guard let result = observation.result else { return (.crashed, "no result") }
        switch result.outcome {
        case .returned:
            return (.passed, nil)
        case .exited:
            let code = result.exitCode ?? 0
            return code == 0 ? (.passed, nil) : (.crashed, "SystemExit with status \(code)")
        case .raised:
            guard let exception = result.exception else { return (.error, nil) }
            if exception.isSyntaxError { return (.syntaxError, "\(exception.type): \(message(of: exception))") }
            if let module = exception.missingModule { return (.skipped, "missing-dependency: \(module)") }
            if let program = exception.missingProgram { return (.skipped, "missing-program: \(program)") }
            if let file = exception.missingFile { return (.skipped, "needs-file: \(file)") }
            if let name = exception.undefinedName { return (.skipped, "fragment: undefined name \(name)") }
            if exception.type == "EOFError", exception.message == "EOF when reading a line" {
                return (.skipped, "needs-input: the snippet reads standard input")
            }
            return (.error, "\(exception.type): \(exception.message)")
        }
    }
}

extension Double {
    func rounded(toPlaces places: Int) -> Double {
        var factor = 1.0
        for _ in 0..<places { factor *= 10 }
        return (self * factor).rounded() / factor
    }

    /// `10` for whole numbers, `2.5` otherwise.
    var formatted: String {
        self == rounded() ? String(Int(self)) : String(self)
    }
}
