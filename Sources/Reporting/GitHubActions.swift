import Foundation
public import VerifyCore

/// The GitHub Actions environment of a run, read from the variables the runner sets.
///
/// The command line builds it from its own environment; tests pass a dictionary.
public struct GitHubActions: Sendable {
    /// A step summary that could not be written.
    public struct SummaryError: Error, CustomStringConvertible {
        public var path: String
        public var reason: String
        public var description: String { "cannot append the step summary to \(path): \(reason)" }
    }

    public var reporter: GitHubActionsReporter
    /// The file named by `GITHUB_STEP_SUMMARY`, which takes Markdown appended to it.
    public var stepSummaryPath: String?

    /// Nil unless `GITHUB_ACTIONS` is `true`, as it is in every GitHub Actions step.
    public init?(environment: [String: String]) {
        guard environment["GITHUB_ACTIONS"] == "true" else { return nil }
        var blobURL: String?
        if let server = environment["GITHUB_SERVER_URL"], let repository = environment["GITHUB_REPOSITORY"],
           let sha = environment["GITHUB_SHA"], !server.isEmpty, !repository.isEmpty, !sha.isEmpty {
            blobURL = "\(server)/\(repository)/blob/\(sha)/"
        }
        reporter = GitHubActionsReporter(blobURL: blobURL, workspace: environment["GITHUB_WORKSPACE"])
        stepSummaryPath = environment["GITHUB_STEP_SUMMARY"].flatMap { $0.isEmpty ? nil : $0 }
    }

    /// The workflow commands to print (on standard error, so they never mix with a
    /// report written to standard output).
    public func annotations(_ report: Report) -> String {
        reporter.report(report)
    }

    /// Appends the step summary to `stepSummaryPath`, creating the file if needed.
    /// Does nothing when the variable is not set.
    public func appendStepSummary(_ report: Report) throws(SummaryError) {
        guard let path = stepSummaryPath else { return }
        let data = Data(reporter.stepSummary(report).utf8)
        if !FileManager.default.fileExists(atPath: path) {
            guard FileManager.default.createFile(atPath: path, contents: nil) else {
                throw SummaryError(path: path, reason: "cannot create the file")
            }
        }
        do {
            let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
            defer { try? handle.close() }
            try handle.seekToEnd()
            try handle.write(contentsOf: data)
        } catch {
            throw SummaryError(path: path, reason: error.localizedDescription)
        }
    }
}
