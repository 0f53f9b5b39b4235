import Claims
import Foundation
import Supervisor
import VerifyCore
import WorkerProtocol

/// One Python snippet from plan to verdict: its claims become probes, it runs on the
/// lane (again with its document's context when it needs earlier names), and the
/// claims are judged against what happened.
struct PythonSnippetRun {
    let snippet: Snippet
    let document: Document
    let directives: [Directive]
    let options: RunOptions
    let fixturesDirectory: String?
    let extractor: ClaimExtractor
    /// The document's file name without extension, made safe for a module file name.
    let fileStem: String
    /// The timeout for the document's snippets, from the options and the configuration.
    let documentTimeout: Double

    struct Outcome {
        var report: SnippetReport
        /// Names the snippet defined, when it may serve as context for later snippets.
        var definedNames: Set<String>?
        /// What `--accept` would change: failing output and value claims rewritten.
        var edits: [DocumentEdit]
        /// The run was interrupted while the snippet ran.
        var interrupted = false
    }

    private static let cores = ProcessInfo.processInfo.activeProcessorCount

    /// The name a NameError found undefined, in the snippet or in a `>>>` example, unless
    /// the writer expects that NameError.
    private static func undefinedName(in result: PythonResult, expecting expected: String?) -> String? {
        if let exception = result.exception {
            return expected.map(exception.matches) == true ? nil : exception.undefinedName
        }
        let example = result.doctest.first { $0.exception == "NameError" }
        return example?.got.firstMatch(of: /NameError: name '(\w+)' is not defined/).map { String($0.output.1) }
    }

    /// The CPU time a job may use in a time limit, with threads busy on every core.
    private static func cpuSeconds(within timeout: Double) -> Double { timeout * Double(cores) + 5 }

    /// The snippet's claims, the probes that check them, and its job as it runs on its own.
    struct Prepared {
        var claims: [Claim]
        var probeIndices: [Int?]
        var isDoctest: Bool
        var timedJob: TimedJob
        /// `standalone` or `document` from a `context` directive, lowercased.
        var contextChoice: String?
        /// Whether the job can run before the earlier snippets' results are known: it is
        /// not run with the document's context from the start.
        var runsOnItsOwn: Bool { contextChoice != "document" }
    }

    func prepare() -> Prepared {
        let isDoctest = ClaimExtractor.isDoctestSession(snippet)
        let claims = isDoctest ? [] : extractor.claims(forNonDoctest: snippet, in: document)
        let (probes, probeIndices) = ClaimChecker().probes(for: claims)
        let timeout = directives.last(.timeout)?.seconds ?? documentTimeout
        let job = PythonJob(
            id: snippet.index, source: snippet.code, fileName: fileName(for: snippet), fixtures: fixtures(),
            probes: probes, doctestOptions: isDoctest ? doctestOptions() : nil,
            cpuSeconds: Self.cpuSeconds(within: timeout))
        return Prepared(
            claims: claims, probeIndices: probeIndices, isDoctest: isDoctest, timedJob: TimedJob(job: job, timeout: timeout),
            contextChoice: directives.last(.context)?.arguments.first?.lowercased())
    }

    /// Runs the prepared snippet (unless `observed` already holds its run on its own),
    /// again with the document's context when it needs earlier names, and judges it.
    func run(
        _ prepared: Prepared, observed: Observation?, on lane: WorkerLane, earlier: [DocumentRunner.Earlier],
        skeleton: SnippetReport
    ) -> Outcome {
        let (claims, probeIndices, isDoctest, contextChoice) = (prepared.claims, prepared.probeIndices, prepared.isDoctest, prepared.contextChoice)
        let checker = ClaimChecker()
        var job = prepared.timedJob.job
        let timeout = prepared.timedJob.timeout
        // Replaying the earlier snippets takes time of its own: the limit grows by twice
        // what they took when they ran (the snippet's own limit is not spent on them).
        let timeoutWithContext = timeout + 2 * earlier.reduce(0) { $0 + $1.seconds }
        var withContext: PythonJob {
            var job = prepared.timedJob.job
            job.prelude = earlier.map { PreludeSnippet(source: $0.snippet.code, fileName: fileName(for: $0.snippet)) }
            job.cpuSeconds = Self.cpuSeconds(within: timeoutWithContext)
            return job
        }
        var context = RunContext.standalone
        if contextChoice == "document", !earlier.isEmpty {
            job = withContext
            context = .document
        }
        // Only a snippet that runs on its own is observed ahead, so `observed` is its run.
        var observation = observed ?? lane.run(job, timeout: context == .document ? timeoutWithContext : timeout)
        if contextChoice != "standalone", context == .standalone, let result = observation.result,
            let name = Self.undefinedName(in: result, expecting: directives.last(.expectError)?.arguments.first),
            earlier.contains(where: { $0.definedNames.contains(name) })
        {
            job = withContext
            observation = lane.run(job, timeout: timeoutWithContext)
            context = .document
        }

        if case .interrupted = observation.termination {
            return Outcome(report: skeleton, definedNames: nil, edits: [], interrupted: true)
        }
        var report = SnippetVerdict(snippet: snippet, observation: observation, context: context).report(skeleton)
        if context == .document, report.status == .skipped, let exception = observation.result?.exception,
            let name = exception.undefinedName, earlier.contains(where: { $0.definedNames.contains(name) })
        {
            // With the names the earlier snippets define, it still lacks one of them: the
            // snippet deletes it or uses it before it is bound, as the text would.
            report.status = .error
            report.reason = "\(exception.type): \(exception.message)"
        }
        if let stderr = report.stderr, stderr.containsText("/verify-worker-") {
            report.stderr = pathMapper(earlier: earlier, scratchDirectory: lane.scratchDirectory).map(stderr)
        }
        let evidence = ClaimEvidence(
            stdout: report.stdout ?? "", result: observation.result, records: observation.probeRecords,
            unorderedByDirective: directives.last(.output)?.arguments.contains("unordered") ?? false)
        let judged = isDoctest ? [] : checker.judge(claims, probeIndices: probeIndices, evidence: evidence)
        report.claims = isDoctest
            ? checker.doctestReports(observation.result?.doctest ?? [], snippet: snippet) : judged.map(\.report)
        report.claims += observation.result.map { AppClaims.reports($0, snippet: snippet) } ?? []
        applyExpectations(to: &report, exception: observation.result?.exception)
        if context == .document {
            distrustAmbiguousContext(in: &report, mentioned: observation.result?.mentionedNames ?? [], earlier: earlier)
        }
        if let refusal = observation.result?.refusals.first, [.error, .failed, .crashed].contains(report.status) {
            SnippetVerdict.blocked(&report, by: refusal, in: snippet)
        }

        let usable = observation.result != nil && ![.timeout, .crashed].contains(report.status)
        return Outcome(
            report: report, definedNames: usable ? Set(observation.result?.definedNames ?? []) : nil,
            edits: judged.compactMap { claim, report in
                guard let location = claim.location, let text = checker.acceptedText(for: claim, report: report) else { return nil }
                return DocumentEdit(path: document.path, location: location, replacement: text)
            } + doctestEdits(observation.result?.doctest ?? []))
    }

    /// Failing doctest examples get the output they really produced.
    private func doctestEdits(_ examples: [DoctestExample]) -> [DocumentEdit] {
        examples.filter { !$0.passed && $0.exception == nil }.map { example in
            let sourceLines = example.source.split(separator: "\n").count
            let first = snippet.documentLine(forCodeLine: example.line + sourceLines)
            let wantLines = example.want.split(separator: "\n").count
            let got = example.got.hasSuffix("\n") ? String(example.got.dropLast()) : example.got
            return DocumentEdit(
                path: document.path, location: .fenceContent(first: first, last: first + wantLines - 1), replacement: got)
        }
    }

    /// An exception the text expects is not an error; a claim that fails fails the snippet.
    private func applyExpectations(to report: inout SnippetReport, exception: PythonException?) {
        if let expected = directives.last(.expectError)?.arguments.first {
            if let exception, exception.matches(expected) {
                report.status = .passed
                report.reason = "raised \(exception.type) as expected"
            } else if let exception {
                report.reason = "expected \(expected), but raised \(exception.type): \(exception.message)"
            } else if report.status == .passed {
                report.status = .failed
                report.reason = "expected \(expected), but nothing was raised"
            }
        } else if report.status == .error, let exception,
            report.claims.contains(where: { $0.kind == .raises && $0.status == .holds && $0.line == report.error?.line })
        {
            report.status = .passed
            report.reason = "raised \(exception.type) where the text says it does"
        }
        let failing = report.claims.filter { $0.status == .fails }.count
        if failing > 0, report.status == .passed {
            report.status = .failed
            report.reason = failing == 1 ? "1 claim fails" : "\(failing) claims fail"
        }
    }

    /// A fragment run after earlier snippets that rebind a name it uses (several define
    /// `app`) may see another value than the writer meant; what fails then is not
    /// reported as failing but as unchecked, with the lines that define the name.
    private func distrustAmbiguousContext(in report: inout SnippetReport, mentioned: [String], earlier: [DocumentRunner.Earlier]) {
        let ambiguous = mentioned.compactMap { name -> String? in
            let definers = earlier.filter { $0.definedNames.contains(name) }.map(\.snippet.line)
            return definers.count > 1 ? "`\(name)` (lines \(definers.map(String.init).joined(separator: ", ")))" : nil
        }
        guard !ambiguous.isEmpty else { return }
        let note = "ran after earlier snippets, but several define " + ambiguous.joined(separator: ", ")
        for index in report.claims.indices where report.claims[index].status == .fails {
            report.claims[index].status = .unchecked
            report.claims[index].reason = note
        }
        if report.status == .error || report.status == .failed {
            report.status = report.status == .error ? .skipped : .passed
            report.reason = "fragment: " + note
        }
    }

    /// Option flags for a doctest session: from a `doctest` directive, else none.
    private func doctestOptions() -> [String] {
        directives.filter { $0.name == .doctest }.flatMap(\.arguments).map { $0.uppercased().trimmingCharacters(in: CharacterSet(charactersIn: "+")) }
    }

    /// The fixtures folder, plus any file or folder a `fixture` directive names
    /// (relative to the document).
    private func fixtures() -> [String] {
        let named = directives.filter { $0.name == .fixture }.flatMap(\.arguments)
        guard !named.isEmpty else { return fixturesDirectory.map { [$0] } ?? [] }
        let base = (document.path as NSString).deletingLastPathComponent
        return (fixturesDirectory.map { [$0] } ?? []) + named.map { path in
            URL(fileURLWithPath: path.hasPrefix("/") ? path : (base as NSString).appendingPathComponent(path)).standardizedFileURL.path
        }
    }

    /// Maps the worker's paths of this snippet and of the earlier ones it may run after.
    private func pathMapper(earlier: [DocumentRunner.Earlier], scratchDirectory: String) -> SnippetPathMapper {
        var snippets = [fileName(for: snippet): snippet]
        for item in earlier { snippets["p-" + fileName(for: item.snippet)] = item.snippet }
        return SnippetPathMapper(snippets: snippets, documentPath: document.path, scratchDirectory: scratchDirectory)
    }

    /// `<document>_L<line>.py`, so tracebacks and `__file__` say where the snippet stands.
    private func fileName(for snippet: Snippet) -> String {
        "\(fileStem)_L\(snippet.line).py"
    }
}
