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
    ///   - sitePaths: folders added to `sys.path` with their `.pth` files processed.
    ///   - guardPolicy: what the audit hook refuses; nil installs no hook.
    public init(
        interpreter: PythonInterpreter, root: URL, channel: Int32? = nil, sitePaths: [String] = [],
        guardPolicy: GuardPolicy? = nil
    ) throws {
        self.interpreter = interpreter
        self.root = root
        sources = root.appendingPathComponent("src").path
        try FileManager.default.createDirectory(atPath: sources, withIntermediateDirectories: true)
        var options: [String: any Sendable] = ["root": root.path, "sitePaths": sitePaths]
        if let channel { options["channel"] = Int(channel) }
        if let guardPolicy { options["sandbox"] = guardPolicy.json }
        let answer = try interpreter.call("initialize", Self.json(options))
        let info = try JSONDecoder().decode([String: String].self, from: Data(answer.utf8))
        pythonVersion = info["python"] ?? "unknown"
    }

    /// Runs a job and returns the worker's reply line as the glue wrote it (a
    /// `WorkerReply.result`), so the result is encoded once, in Python.
    /// - Parameter request: the job's request line as received, handed to the glue as is.
    public func run(_ job: PythonJob, request: String) throws -> String {
        let workdir = try freshWorkingDirectory(seededFrom: job.fixtures)
        defer { release(workdir) }
        let path = sources + "/" + job.fileName
        try ScratchFiles.write(job.source, to: path)
        defer { unlink(path) }
        var preludePaths: [String] = []
        for snippet in job.prelude {
            let preludePath = sources + "/p-" + snippet.fileName
            try ScratchFiles.write(snippet.source, to: preludePath)
            preludePaths.append(preludePath)
        }
        defer { preludePaths.forEach { unlink($0) } }
        let argument = "{\"request\":\(request),\"path\":\(JSONText.quote(path)),\"workdir\":\(JSONText.quote(workdir)),"
            + "\"preludePaths\":[\(preludePaths.map(JSONText.quote).joined(separator: ","))]}"
        return try interpreter.call("run", argument)
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

/// JSON string literals for the few values the worker adds to a request.
enum JSONText {
    static func quote(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 {
                    out += String(format: "\\u%04x", scalar.value)
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }
}
