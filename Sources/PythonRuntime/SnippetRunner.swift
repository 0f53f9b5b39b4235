public import Foundation
public import WorkerProtocol

/// Runs Python jobs in the worker: gives each snippet its own folders (its source file
/// and a working directory seeded from the fixtures), calls the glue, cleans up.
public final class SnippetRunner {
    private let interpreter: PythonInterpreter
    private let root: URL
    private let sources: String
    private var counter = 0
    /// An empty working directory left by the last snippet, ready for the next one.
    private var spareWorkingDirectory: String?
    public let pythonVersion: String

    /// - Parameters:
    ///   - root: a private folder for this worker's snippets; removed by `close()`.
    ///   - channel: the reply descriptor, on which the glue streams probe records while
    ///     a snippet runs.
    public init(interpreter: PythonInterpreter, root: URL, channel: Int32? = nil) throws {
        self.interpreter = interpreter
        self.root = root
        sources = root.appendingPathComponent("src").path
        try FileManager.default.createDirectory(atPath: sources, withIntermediateDirectories: true)
        var options: [String: any Sendable] = ["root": root.path]
        if let channel { options["channel"] = Int(channel) }
        let answer = try interpreter.call("initialize", Self.json(options))
        let info = try JSONDecoder().decode([String: String].self, from: Data(answer.utf8))
        pythonVersion = info["python"] ?? "unknown"
    }

    public func run(_ job: PythonJob) throws -> PythonResult {
        let workdir = try freshWorkingDirectory(seededFrom: job.fixtures)
        defer { release(workdir) }
        let path = sources + "/" + job.fileName
        try ScratchFiles.write(job.source, to: path)
        defer { unlink(path) }
        var prelude: [GlueRequest.Prelude] = []
        for snippet in job.prelude {
            let preludePath = sources + "/p-" + snippet.fileName
            try ScratchFiles.write(snippet.source, to: preludePath)
            prelude.append(.init(path: preludePath, source: snippet.source))
        }
        defer { for snippet in prelude { unlink(snippet.path) } }
        let request = GlueRequest(
            id: job.id, path: path, workdir: workdir, source: job.source, prelude: prelude, probes: job.probes,
            doctestOptions: job.doctestOptions)
        let answer = try interpreter.call("run", String(decoding: try JSONEncoder().encode(request), as: UTF8.self))
        var result = try JSONDecoder().decode(GlueResult.self, from: Data(answer.utf8))
        result.id = job.id
        return result.pythonResult
    }

    /// A working directory nobody has used: the spare one if the last snippet left it
    /// empty, else a new one, seeded with the fixtures when there are any.
    private func freshWorkingDirectory(seededFrom fixtures: [String]) throws -> String {
        if fixtures.isEmpty, let spare = spareWorkingDirectory {
            spareWorkingDirectory = nil
            return spare
        }
        counter += 1
        let workdir = root.appendingPathComponent("w\(counter)").path
        try ScratchFiles.makeDirectory(workdir)
        let manager = FileManager.default
        for fixture in fixtures {
            var isDirectory: ObjCBool = false
            guard manager.fileExists(atPath: fixture, isDirectory: &isDirectory) else {
                throw PythonRuntimeError(message: "fixture \(fixture) does not exist")
            }
            let entries = isDirectory.boolValue
                ? try manager.contentsOfDirectory(atPath: fixture).map { (fixture as NSString).appendingPathComponent($0) }
                : [fixture]
            for entry in entries {
                let target = (workdir as NSString).appendingPathComponent((entry as NSString).lastPathComponent)
                try? manager.removeItem(atPath: target)
                try manager.copyItem(atPath: entry, toPath: target)
            }
        }
        return workdir
    }

    private func release(_ workdir: String) {
        if spareWorkingDirectory == nil, ScratchFiles.isEmptyDirectory(workdir) {
            spareWorkingDirectory = workdir
        } else {
            ScratchFiles.removeTree(workdir)
        }
    }

    /// Forgets what the document's snippets imported from their own folders.
    public func endDocument() throws {
        _ = try interpreter.call("end_document", "{}")
    }

    public func close() {
        try? FileManager.default.removeItem(at: root)
    }

    private static func json(_ object: [String: any Sendable]) throws -> String {
        String(decoding: try JSONSerialization.data(withJSONObject: object), as: UTF8.self)
    }
}

/// What the glue's `run` is asked.
private struct GlueRequest: Encodable {
    struct Prelude: Encodable {
        var path: String
        var source: String
    }

    var id: Int
    var path: String
    var workdir: String
    var source: String
    var prelude: [Prelude]
    var probes: [Probe]
    var doctestOptions: [String]?
}

/// The glue's answer: a `PythonResult` without the job id.
private struct GlueResult: Decodable {
    var id = 0
    var outcome: PythonResult.Outcome
    var exception: PythonException?
    var exitCode: Int?
    var definedNames: [String]?
    var leftovers: [String]
    var durationSeconds: Double
    var probes: [ProbeAnswer]?
    var doctest: [DoctestExample]?
    var concurrent: Bool?

    enum CodingKeys: String, CodingKey {
        case outcome, exception, exitCode, definedNames, leftovers, durationSeconds, probes, doctest, concurrent
    }

    var pythonResult: PythonResult {
        PythonResult(
            id: id, outcome: outcome, exception: exception, exitCode: exitCode,
            definedNames: definedNames ?? [], leftovers: leftovers, durationSeconds: durationSeconds,
            probes: probes ?? [], doctest: doctest ?? [], concurrent: concurrent ?? false)
    }
}
