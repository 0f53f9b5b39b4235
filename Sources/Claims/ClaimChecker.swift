import Foundation
public import VerifyCore
public import WorkerProtocol

/// What running a snippet showed, as the claims about it need it.
public struct ClaimEvidence: Sendable {
    /// The snippet's whole stdout, as captured.
    public var stdout: String
    /// How the run ended, from the Python side; nil when the worker never answered.
    public var result: PythonResult?
    /// Output and values streamed for each probe while the snippet ran.
    public var records: [ProbeRecord]
    /// Whether output lines may be compared as a multiset (`output unordered`).
    public var unorderedByDirective: Bool

    public init(stdout: String, result: PythonResult?, records: [ProbeRecord], unorderedByDirective: Bool = false) {
        self.stdout = stdout
        self.result = result
        self.records = records
        self.unorderedByDirective = unorderedByDirective
    }
}

/// Asks the glue the questions claims need, and judges each claim against the answers.
/// A claim that cannot be judged with confidence is `unchecked` with a reason, never
/// `holds`; a tentative claim (a plain-words comment) is dropped unless it holds.
public struct ClaimChecker: Sendable {
    public init() {}

    /// The probes to send with the snippet, and for each claim the index of its probe.
    public func probes(for claims: [Claim]) -> (probes: [Probe], indices: [Int?]) {
        var probes: [Probe] = []
        let indices = claims.map { claim -> Int? in
            let probe: Probe
            switch claim.check {
            case .statementOutput(let line, let isPrint):
                probe = .statementOutput(line: line, expected: claim.expected, recordsValue: !isPrint)
            case .variable(let name): probe = .variable(name: name, literal: claim.expected)
            case .raises(let statement, _): probe = .raises(statement: statement)
            case .mutation(let name, _): probe = .mutation(name: name)
            case .prose: probe = .lastAssignment(literal: claim.expected)
            case .stdout, .doesNotRaise, .raisesHere, .performance: return nil
            }
            probes.append(probe)
            return probes.count - 1
        }
        return (probes, indices)
    }

    /// Each reported claim with its verdict, in order.
    public func judge(_ claims: [Claim], probeIndices: [Int?], evidence: ClaimEvidence) -> [(claim: Claim, report: ClaimReport)] {
        var judged: [(claim: Claim, report: ClaimReport)] = []
        for (claim, index) in zip(claims, probeIndices) {
            let probeAnswer = index.flatMap { answer(for: $0, evidence) }
            let report = judge(claim, answer: probeAnswer, evidence: evidence)
            if claim.isTentative, report.status != .holds { continue }
            judged.append((claim, report))
        }
        return judged
    }

    /// Reports for claims judged without running anything (performance statements are
    /// `unchecked` until `verify bench` measures them).
    public func judgeWithoutRunning(_ claims: [Claim]) -> [ClaimReport] {
        claims.map { judge($0, answer: nil, evidence: ClaimEvidence(stdout: "", result: nil, records: [])) }
    }

    /// The glue's answer for a probe; for output, rebuilt from streamed records when the
    /// worker died before answering.
    private func answer(for index: Int, _ evidence: ClaimEvidence) -> ProbeAnswer? {
        if let answers = evidence.result?.probes, index < answers.count { return answers[index] }
        let records = evidence.records.filter { $0.probe == index }
        guard !records.isEmpty else { return nil }
        return ProbeAnswer(text: records.compactMap(\.text).joined(), value: records.compactMap(\.value).last)
    }

    private var completedNormally: (PythonResult?) -> Bool {
        { result in result?.outcome == .returned || (result?.outcome == .exited && result?.exitCode == 0) }
    }

    func judge(_ claim: Claim, answer: ProbeAnswer?, evidence: ClaimEvidence) -> ClaimReport {
        var report = ClaimReport(
            line: claim.line, kind: claim.kind, text: claim.text, expected: claim.expected, actual: nil, status: .unchecked)
        let result = evidence.result
        let unordered = evidence.unorderedByDirective || result?.concurrent == true
        func outcome(_ status: ClaimReport.Status, _ actual: String?, _ reason: String? = nil) -> ClaimReport {
            report.status = status
            report.actual = actual
            report.reason = reason
            return report
        }
        switch claim.check {
        case .statementOutput(let codeLine, let isPrint):
            guard let answer else {
                return outcome(.unchecked, nil, stoppedBefore(codeLine, result) ?? "no output was attributed to this line")
            }
            if let problem = answer.problem { return outcome(.unchecked, nil, problem) }
            let text = answer.text ?? ""
            if text.isEmpty, answer.value == nil, answer.ran == false || isPrint {
                if let stopped = stoppedBefore(codeLine, result) { return outcome(.unchecked, nil, stopped) }
                return outcome(.unchecked, nil, "the line never ran (or wrote elsewhere than sys.stdout)")
            }
            let actual = text.isEmpty ? (answer.value ?? "") : String(text.hasSuffix("\n") ? text.dropLast() : Substring(text))
            switch OutputMatcher.compare(expected: claim.expected, actual: actual, unordered: unordered) {
            case .equal(let note): return outcome(.holds, actual, note)
            case .different:
                if answer.equal == true { return outcome(.holds, actual, "equal as Python values") }
                if actual.isEmpty, OutputMatcher.normalizedLines(evidence.stdout).contains(claim.expected.trimmingSpaces()) {
                    return outcome(.unchecked, nil, "the output was written below sys.stdout and cannot be attributed to this line")
                }
                if actual.isEmpty, let stopped = stoppedBefore(codeLine, result) { return outcome(.unchecked, nil, stopped) }
                return outcome(.fails, actual, difference(claim.expected, actual))
            }
        case .stdout:
            let actual = evidence.stdout.hasSuffix("\n") ? String(evidence.stdout.dropLast()) : evidence.stdout
            switch OutputMatcher.compare(expected: claim.expected, actual: actual, unordered: unordered) {
            case .equal(let note): return outcome(.holds, actual, note)
            case .different: return outcome(.fails, actual, difference(claim.expected, actual))
            }
        case .variable:
            guard let answer else { return outcome(.unchecked, nil, "the snippet did not finish") }
            if let problem = answer.problem { return outcome(.unchecked, answer.value, problem) }
            switch answer.equal {
            case true?: return outcome(.holds, answer.value)
            case false?: return outcome(.fails, answer.value, "\(answer.name ?? "the variable") is \(answer.value ?? "?")")
            case nil: return outcome(.unchecked, answer.value, "could not compare")
            }
        case .raises(_, let exception):
            guard let answer else { return outcome(.unchecked, nil, "the snippet did not finish") }
            if let problem = answer.problem { return outcome(.unchecked, nil, problem) }
            guard let raised = answer.raised else { return outcome(.fails, "no exception", "the statement runs without raising") }
            if exception == nil || raised.matches(exception!) { return outcome(.holds, raised.type) }
            if raised.matches("NameError") {
                return outcome(.unchecked, raised.type, "the statement uses a name the snippet does not define: \(raised.message)")
            }
            return outcome(.fails, raised.type, "raises \(raised.type): \(raised.message)")
        case .doesNotRaise(let codeLine):
            if let exception = result?.exception, exception.line == codeLine {
                return outcome(.fails, exception.type, "\(exception.type): \(exception.message)")
            }
            if completedNormally(result) { return outcome(.holds, "no exception") }
            if let line = result?.exception?.line, line > codeLine { return outcome(.holds, "no exception") }
            return outcome(.unchecked, nil, stoppedBefore(codeLine, result) ?? "the snippet did not finish")
        case .raisesHere(let codeLine, let exception):
            guard let raised = result?.exception else {
                return completedNormally(result)
                    ? outcome(.fails, "no exception", "the line runs without raising") : outcome(.unchecked, nil, "the snippet did not finish")
            }
            guard raised.line == codeLine else {
                return outcome(.unchecked, raised.type, "the snippet raised \(raised.type) at another line first")
            }
            if exception == nil || raised.matches(exception!) { return outcome(.holds, raised.type) }
            return outcome(.fails, raised.type, "raises \(raised.type): \(raised.message)")
        case .mutation(_, let mutable):
            guard let answer else { return outcome(.unchecked, nil, "the snippet did not finish") }
            if let problem = answer.problem { return outcome(.unchecked, nil, problem) }
            let changed = answer.raised == nil
            let actual = changed ? "can be modified" : "cannot be modified (\(answer.raised!.type))"
            return outcome(changed == mutable ? .holds : .fails, actual, changed == mutable ? nil : "\(answer.name ?? "the value") is \(answer.value ?? "?")")
        case .prose:
            return judgeProse(claim, answer: answer, evidence: evidence, outcome: outcome)
        case .performance:
            return outcome(.unchecked, nil, "run verify bench")
        }
    }

    private func judgeProse(
        _ claim: Claim, answer: ProbeAnswer?, evidence: ClaimEvidence,
        outcome: (ClaimReport.Status, String?, String?) -> ClaimReport
    ) -> ClaimReport {
        let stdout = OutputMatcher.normalizedLines(evidence.stdout)
        if case .equal = OutputMatcher.compare(expected: claim.expected, actual: evidence.stdout) {
            return outcome(.holds, stdout.joined(separator: "\n"), "the printed output")
        }
        if stdout.contains(claim.expected.trimmingSpaces()) { return outcome(.holds, claim.expected, "a printed line") }
        if let answer, answer.equal == true {
            return outcome(.holds, answer.value, "the value of \(answer.name ?? "the last assignment")")
        }
        guard completedNormally(evidence.result) else { return outcome(.unchecked, nil, "the snippet did not finish") }
        guard let answer, answer.equal != nil else {
            return outcome(.unchecked, nil, answer?.problem ?? "not a Python literal, and not what the snippet prints")
        }
        let actual = stdout.isEmpty ? answer.value ?? "?" : stdout.joined(separator: "\n")
        let source = stdout.isEmpty ? "the value of \(answer.name ?? "the last assignment")" : "the printed output"
        return outcome(.fails, actual, "compared with \(source)")
    }

    private func stoppedBefore(_ codeLine: Int, _ result: PythonResult?) -> String? {
        guard let result else { return "the snippet stopped before this line finished" }
        if let line = result.exception?.line, line < codeLine { return "the snippet raised \(result.exception!.type) before this line" }
        return nil
    }

    private func difference(_ expected: String, _ actual: String) -> String? {
        let multiline = expected.containsText("\n") || actual.trimmingTrailingSpaces().containsText("\n")
        return multiline ? LineDiff.unified(expected: expected, actual: actual.trimmingTrailingSpaces()) : nil
    }

    /// Reports for the examples of a doctest session, at their document lines.
    public func doctestReports(_ examples: [DoctestExample], snippet: Snippet) -> [ClaimReport] {
        examples.map { example in
            let source = example.source.trimmingTrailingSpaces()
            let want = example.want.trimmingTrailingSpaces()
            let got = example.got.trimmingTrailingSpaces()
            return ClaimReport(
                line: snippet.documentLine(forCodeLine: example.line), kind: .doctest, text: ">>> " + source,
                expected: want, actual: got, status: example.passed ? .holds : .fails,
                reason: example.passed ? nil : example.exception.map { "raised \($0)" }
                    ?? (want.contains("\n") || got.contains("\n") ? LineDiff.unified(expected: want, actual: got) : nil))
        }
    }
}

extension ClaimChecker {
    /// The text that makes a failing claim state what happened, for `--accept`; nil
    /// when the claim cannot be rewritten that way.
    public func acceptedText(for claim: Claim, report: ClaimReport) -> String? {
        guard report.status == .fails, let actual = report.actual, claim.location != nil else { return nil }
        switch claim.check {
        case .statementOutput, .stdout, .variable, .prose:
            return actual
        case .raises(_, let exception):
            guard case .inline(_, let annotation) = claim.location else { return nil }
            if actual == "no exception" { return "Allowed" }
            let name = actual.split(separator: ".").last.map(String.init) ?? actual
            return exception.map { annotation.replacingFirst($0, with: name) } ?? "raises \(name)"
        case .doesNotRaise:
            return "raises \(actual.split(separator: ".").last.map(String.init) ?? actual)"
        case .mutation(_, let mutable):
            return mutable ? "Cannot be modified" : "Can be modified"
        case .raisesHere, .performance:
            return nil
        }
    }
}

extension String {
    func replacingFirst(_ target: String, with replacement: String) -> String {
        guard let range = range(of: target) else { return self }
        return replacingCharacters(in: range, with: replacement)
    }
}

extension PythonException {
    /// Whether this exception is `name` or a subclass of it.
    public func matches(_ name: String) -> Bool {
        hierarchy.contains { $0 == name || $0.hasSuffix("." + name) }
    }
}
