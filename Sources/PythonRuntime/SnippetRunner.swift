public import Foundation
import WorkerProtocol

/// Runs Python jobs in the worker. The glue reads the requests, does each job's file work
/// (its source file, a working directory seeded from the fixtures) and the run, and
/// writes the reply (see `serve`).
public final class SnippetRunner {
    private let interpreter: PythonInterpreter
    private let root: URL
    public let pythonVersion: String

    /// - Parameters:
    ///   - root: a private folder for this worker's snippets; removed by `close()`.
    ///   - records: the record file the glue appends the replies to jobs to, and the
    ///     probe records while a snippet runs, so that they outlive a worker killed later.
    ///   - sitePaths: folders added to `sys.path` with their `.pth` files processed, with
    ///     `site` itself, before the first snippet that is not plain.
    ///   - guardPolicy: what the audit hook refuses; nil installs no hook.
    ///   - outputMarker: written to stdout and stderr after every job, so that the
    ///     supervisor can tell the output of jobs sent together apart.
    public init(
        interpreter: PythonInterpreter, root: URL, records: Int32? = nil, sitePaths: [String] = [],
        guardPolicy: GuardPolicy? = nil, outputMarker: String? = nil
    ) throws {
        self.interpreter = interpreter
        self.root = root
        var writer = JSONWriter()
        writer.raw("{")
        writer.key("root", first: true)
        writer.string(root.path)
        writer.key("sitePaths")
        writer.strings(sitePaths)
        if let outputMarker {
            writer.key("marker")
            writer.string(outputMarker)
        }
        if let records, records >= 0 {
            writer.key("records")
            writer.integer(Int(records))
        }
        var options = String(decoding: writer.bytes, as: UTF8.self)
        if let guardPolicy { options += ",\"sandbox\":" + guardPolicy.json }
        let answer = try interpreter.call("initialize", options + "}")
        let info = try? JSONValue(parsing: Array(answer.utf8))
        pythonVersion = info?["python"]?.string ?? "unknown"
    }

    /// Answers request lines read from `input`, in Python, until the supervisor closes
    /// its end: a job never crosses into Swift. Replies go to the record file and the
    /// end of each job to `output`; `doorbell` is rung when nothing is left to run.
    public func serve(input: Int32, output: Int32, doorbell: Int32) throws {
        _ = try interpreter.call("serve", "{\"input\":\(input),\"output\":\(output),\"doorbell\":\(doorbell)}")
    }

    public func close() {
        try? FileManager.default.removeItem(at: root)
    }
}
