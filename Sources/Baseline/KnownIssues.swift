public import Foundation
public import VerifyCore

/// A known-issues baseline for gradual adoption: the failures a project accepts for
/// now, matched by document, snippet content and claim, so that moving text around
/// does not break the match.
///
/// ```swift
/// let baseline = try KnownIssues.load("verify-baseline.json")
/// let judged = baseline.judge(report)   // report.baseline says what is new and what was fixed
/// ```
public struct KnownIssues: Sendable, Equatable, Codable {
    public static let schemaIdentifier = "verify-baseline/1"

    /// One accepted failure.
    public struct Entry: Sendable, Hashable, Codable {
        public var document: String
        /// Snippet fingerprint, kind of failure and what failed, hashed.
        public var fingerprint: String
        /// Kind of failure and what failed, without the snippet: matches when the rest of
        /// the snippet was edited.
        public var claim: String
        /// For people reading the file: what fails, and where it was when recorded.
        public var description: String
    }

    public var schema = Self.schemaIdentifier
    public var entries: [Entry]

    public init(entries: [Entry]) {
        self.entries = entries
    }

    /// Every failure of a report, as baseline entries.
    public init(report: Report) {
        entries = Self.failures(in: report).map(\.entry)
    }

    public static func load(_ path: String) throws -> KnownIssues {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw BaselineError(description: "\(path): cannot read the baseline")
        }
        do {
            let baseline = try JSONDecoder().decode(KnownIssues.self, from: data)
            guard baseline.schema == schemaIdentifier else {
                throw BaselineError(description: "\(path): not a \(schemaIdentifier) file")
            }
            return baseline
        } catch let error as BaselineError {
            throw error
        } catch {
            throw BaselineError(description: "\(path): not a baseline file (\(error.localizedDescription))")
        }
    }

    public func encoded() -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return (try? encoder.encode(self)) ?? Data()
    }

    /// The report with `baseline` filled in: failures not in the baseline are new (and
    /// fail the gate), the others known; entries that no longer fail are fixed.
    public func judge(_ report: Report, file: String) -> Report {
        var unmatched = entries
        var failures = Self.failures(in: report)
        // First the exact match (same snippet content), then the same failure in an edited snippet.
        for key in [\Entry.fingerprint, \Entry.claim] {
            failures = failures.filter { failure in
                guard let index = unmatched.firstIndex(where: {
                    $0.document == failure.entry.document && $0[keyPath: key] == failure.entry[keyPath: key]
                }) else { return true }
                unmatched.remove(at: index)
                return false
            }
        }
        let known = Self.failures(in: report).count - failures.count
        let new = failures.map { $0.location + ": " + $0.entry.description }
        let fixed = unmatched.map { "\($0.document): \($0.description)" }
        var judged = report
        judged.baseline = BaselineSummary(file: file, new: new, known: known, fixed: fixed)
        return judged
    }

    struct Failure {
        var entry: Entry
        /// `path:line` where it fails now.
        var location: String
    }

    /// Every failure that fails the gate: snippets, claims, error findings, inputs.
    static func failures(in report: Report) -> [Failure] {
        var failures: [Failure] = report.inputErrors.map {
            let identity = Fingerprint.of("input\n" + $0.message)
            return Failure(
                entry: Entry(document: $0.path, fingerprint: identity, claim: identity, description: $0.message),
                location: $0.path)
        }
        for document in report.documents {
            func add(_ identity: String, _ description: String, line: Int) {
                let what = identity.split(separator: "\n", maxSplits: 1).dropFirst().first.map(String.init) ?? identity
                failures.append(Failure(
                    entry: Entry(
                        document: document.path, fingerprint: Fingerprint.of(withoutLineNumbers(identity)),
                        claim: Fingerprint.of(withoutLineNumbers(what)), description: description),
                    location: "\(document.path):\(line)"))
            }
            for finding in document.findings where finding.severity == .error {
                add("finding\n\(finding.rule)\n\(withoutLineNumbers(finding.message))", "\(finding.rule): \(finding.message)", line: finding.line)
            }
            for claim in document.claims where claim.status == .fails {
                add("claim\n\(claim.kind.rawValue)\n\(claim.text)", "\(claim.kind.rawValue) claim fails: \(claim.text)", line: claim.line)
            }
            for snippet in document.snippets {
                let base = "snippet \(snippet.fingerprint ?? String(snippet.line))\n"
                if snippet.status.failsGate, snippet.status != .failed {
                    let what = snippet.error.map { "\($0.type)" } ?? ""
                    add(base + snippet.status.rawValue + "\n" + what,
                        "\(snippet.status.rawValue): \(snippet.reason ?? what)", line: snippet.error?.line ?? snippet.line)
                }
                for claim in snippet.claims where claim.status == .fails {
                    add(base + "claim\n\(claim.kind.rawValue)\n\(claim.text)", "\(claim.kind.rawValue) claim fails: \(claim.text)",
                        line: claim.line)
                }
                for finding in snippet.findings where finding.severity == .error {
                    add(base + "finding\n\(finding.rule)\n\(withoutLineNumbers(finding.message))",
                        "\(finding.rule): \(finding.message)", line: finding.line)
                }
            }
        }
        return failures
    }

    /// Messages that mention lines ("runs to line 40") keep matching when text moves.
    static func withoutLineNumbers(_ message: String) -> String {
        var result = ""
        var skippingDigits = false
        for character in message {
            skippingDigits = character.isNumber && (skippingDigits || result.hasSuffix("line "))
            if !skippingDigits { result.append(character) }
        }
        return result
    }
}

/// A baseline file that cannot be used.
public struct BaselineError: Error, CustomStringConvertible, Sendable {
    public var description: String
}
