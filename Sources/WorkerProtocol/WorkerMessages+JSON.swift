import Foundation

// The two messages sent for every snippet, coded by hand: a run request and its result.
// The other messages are rare and use Codable (`LineChannel`).

extension WorkerRequest {
    /// The whole `endDocument` request line, newline included. The glue tells it from a
    /// run request by how it starts, without decoding either.
    public static let endDocumentRequest = Array(#"{"endDocument":{}}"#.utf8) + [0x0A]
}

extension PythonJob {
    /// The `runPython` request line for this job, newline included; the same JSON
    /// `LineChannel.encode(WorkerRequest.runPython(job))` writes.
    public var requestLine: [UInt8] {
        var writer = JSONWriter(capacity: source.utf8.count + 256)
        writer.raw("{\"runPython\":{\"_0\":{")
        writer.key("id", first: true)
        writer.integer(id)
        writer.key("source")
        writer.string(source)
        writer.key("fileName")
        writer.string(fileName)
        writer.key("prelude")
        writer.raw("[")
        for (index, snippet) in prelude.enumerated() {
            writer.raw(index == 0 ? "{" : ",{")
            writer.key("source", first: true)
            writer.string(snippet.source)
            writer.key("fileName")
            writer.string(snippet.fileName)
            writer.raw("}")
        }
        writer.raw("]")
        writer.key("fixtures")
        writer.strings(fixtures)
        writer.key("probes")
        writer.raw("[")
        for (index, probe) in probes.enumerated() {
            if index > 0 { writer.raw(",") }
            probe.write(to: &writer)
        }
        writer.raw("]")
        if let doctestOptions {
            writer.key("doctestOptions")
            writer.strings(doctestOptions)
        }
        if let cpuSeconds {
            writer.key("cpuSeconds")
            writer.double(cpuSeconds)
        }
        writer.raw("}}}\n")
        return writer.bytes
    }
}

extension Probe {
    func write(to writer: inout JSONWriter) {
        switch self {
        case .statementOutput(let line, let expected, let recordsValue):
            writer.raw("{\"statementOutput\":{\"line\":")
            writer.integer(line)
            writer.key("expected")
            writer.string(expected)
            writer.key("recordsValue")
            writer.bool(recordsValue)
        case .variable(let name, let literal):
            writer.raw("{\"variable\":{\"name\":")
            writer.string(name)
            writer.key("literal")
            writer.string(literal)
        case .raises(let statement):
            writer.raw("{\"raises\":{\"statement\":")
            writer.string(statement)
        case .mutation(let name):
            writer.raw("{\"mutation\":{\"name\":")
            writer.string(name)
        case .lastAssignment(let literal):
            writer.raw("{\"lastAssignment\":{\"literal\":")
            writer.string(literal)
        case .literalEquality(let actual, let expected):
            writer.raw("{\"literalEquality\":{\"actual\":")
            writer.string(actual)
            writer.key("expected")
            writer.string(expected)
        }
        writer.raw("}}")
    }
}

extension WorkerReply {
    /// Decodes one reply line: a result by hand, anything else through Codable.
    public static func decode(line: some Collection<UInt8>) throws -> WorkerReply {
        // On the contiguous bytes: `starts(with:)` on a generic collection costs as much as
        // parsing a short reply.
        if line.withContiguousStorageIfAvailable({ $0.starts(with: resultPrefix) }) ?? line.starts(with: resultPrefix) {
            return .result(result: try JSONReader.read(line) { reader in
                var result: PythonResult?
                try reader.readObject { reader, key in
                    guard key == "result" else { return try reader.skipValue() }
                    try reader.readObject { reader, key in
                        guard key == "result" else { return try reader.skipValue() }
                        result = try PythonResult(reading: &reader)
                    }
                }
                return try required(result, "result")
            })
        }
        return try LineChannel.decode(WorkerReply.self, from: Data(line))
    }

    private static let resultPrefix = Array(#"{"result""#.utf8)
}

/// A required member was missing or of the wrong type.
public struct MessageShapeError: Error, CustomStringConvertible {
    public var field: String
    public var description: String { "reply member \(field) is missing or malformed" }
}

private func required<T>(_ value: T?, _ field: String) throws -> T {
    guard let value else { throw MessageShapeError(field: field) }
    return value
}

// The decoders below read what the glue writes, member by member. The glue leaves out
// members that are null or empty: a missing list is empty, a missing flag false.

extension PythonResult {
    init(reading reader: inout JSONReader) throws {
        var id: Int?
        var outcome: Outcome?
        var result = PythonResult(id: 0, outcome: .returned, durationSeconds: 0)
        try reader.readObject { reader, key in
            switch key {
            case "id": id = try reader.int()
            case "outcome": outcome = Outcome(rawValue: try reader.string())
            case "exception": result.exception = try reader.readNull() ? nil : PythonException(reading: &reader)
            case "exitCode": result.exitCode = try reader.optionalInt()
            case "definedNames": result.definedNames = try reader.strings()
            case "leftovers": result.leftovers = try reader.strings()
            case "durationSeconds": result.durationSeconds = try reader.double()
            case "probes": try reader.readArray { result.probes.append(try ProbeAnswer(reading: &$0)) }
            case "doctest": try reader.readArray { result.doctest.append(try DoctestExample(reading: &$0)) }
            case "concurrent": result.concurrent = try reader.bool()
            case "refusals": try reader.readArray { result.refusals.append(try SandboxRefusal(reading: &$0)) }
            case "routes": try reader.readArray { result.routes.append(try RouteCheck(reading: &$0)) }
            case "tests": try reader.readArray { result.tests.append(try TestFunctionResult(reading: &$0)) }
            case "mentionedNames": result.mentionedNames = try reader.strings()
            case "unmarked": result.unmarkedStreams = try reader.strings()
            case "plain": result.ranPlain = try reader.bool()
            default: try reader.skipValue()
            }
        }
        result.id = try required(id, "id")
        result.outcome = try required(outcome, "outcome")
        self = result
    }
}

extension ProbeRecord {
    /// One line of the record file.
    public init(line: some Collection<UInt8>) throws {
        self = try JSONReader.read(line) { reader in
            var job: Int?
            var probe: Int?
            var record = ProbeRecord(job: 0, probe: 0)
            try reader.readObject { reader, key in
                switch key {
                case "job": job = try reader.int()
                case "probe": probe = try reader.int()
                case "text": record.text = try reader.optionalString()
                case "value": record.value = try reader.optionalString()
                default: try reader.skipValue()
                }
            }
            record.job = try required(job, "record.job")
            record.probe = try required(probe, "record.probe")
            return record
        }
    }
}

extension PythonException {
    init(reading reader: inout JSONReader) throws {
        var type: String?
        var exception = PythonException(type: "", hierarchy: [], message: "", line: nil)
        try reader.readObject { reader, key in
            switch key {
            case "type": type = try reader.string()
            case "hierarchy": exception.hierarchy = try reader.strings()
            case "message": exception.message = try reader.optionalString() ?? ""
            case "line": exception.line = try reader.optionalInt()
            case "column": exception.column = try reader.optionalInt()
            case "isSyntaxError": exception.isSyntaxError = try reader.bool()
            case "missingModule": exception.missingModule = try reader.optionalString()
            case "missingFile": exception.missingFile = try reader.optionalString()
            case "missingProgram": exception.missingProgram = try reader.optionalString()
            case "undefinedName": exception.undefinedName = try reader.optionalString()
            case "traceback": exception.traceback = try reader.optionalString() ?? ""
            default: try reader.skipValue()
            }
        }
        exception.type = try required(type, "exception.type")
        self = exception
    }
}

extension ProbeAnswer {
    init(reading reader: inout JSONReader) throws {
        var answer = ProbeAnswer()
        try reader.readObject { reader, key in
            switch key {
            case "text": answer.text = try reader.optionalString()
            case "value": answer.value = try reader.optionalString()
            case "ran": answer.ran = try reader.optionalBool()
            case "equal": answer.equal = try reader.optionalBool()
            case "raised": answer.raised = try reader.readNull() ? nil : PythonException(reading: &reader)
            case "name": answer.name = try reader.optionalString()
            case "problem": answer.problem = try reader.optionalString()
            default: try reader.skipValue()
            }
        }
        self = answer
    }
}

extension DoctestExample {
    init(reading reader: inout JSONReader) throws {
        var line: Int?
        var example = DoctestExample(line: 0, source: "", want: "", got: "", passed: false)
        try reader.readObject { reader, key in
            switch key {
            case "line": line = try reader.int()
            case "source": example.source = try reader.optionalString() ?? ""
            case "want": example.want = try reader.optionalString() ?? ""
            case "got": example.got = try reader.optionalString() ?? ""
            case "passed": example.passed = try reader.optionalBool() ?? false
            case "exception": example.exception = try reader.optionalString()
            default: try reader.skipValue()
            }
        }
        example.line = try required(line, "doctest.line")
        self = example
    }
}

extension SandboxRefusal {
    init(reading reader: inout JSONReader) throws {
        var what: String?
        var line: Int?
        try reader.readObject { reader, key in
            switch key {
            case "what": what = try reader.string()
            case "line": line = try reader.optionalInt()
            default: try reader.skipValue()
            }
        }
        self.init(what: try required(what, "refusal.what"), line: line)
    }
}

extension RouteCheck {
    init(reading reader: inout JSONReader) throws {
        var method: String?
        var path: String?
        var line: Int?
        var status: Int?
        var body: String?
        var error: String?
        var skipped: String?
        try reader.readObject { reader, key in
            switch key {
            case "method": method = try reader.string()
            case "path": path = try reader.string()
            case "line": line = try reader.optionalInt()
            case "status": status = try reader.optionalInt()
            case "body": body = try reader.optionalString()
            case "error": error = try reader.optionalString()
            case "skipped": skipped = try reader.optionalString()
            default: try reader.skipValue()
            }
        }
        self.init(
            method: try required(method, "route.method"), path: try required(path, "route.path"), line: line,
            status: status, body: body, error: error, skipped: skipped)
    }
}

extension TestFunctionResult {
    init(reading reader: inout JSONReader) throws {
        var name: String?
        var line: Int?
        var passed: Bool?
        var failure: String?
        var failingLine: Int?
        var failingSource: String?
        var skipped: String?
        try reader.readObject { reader, key in
            switch key {
            case "name": name = try reader.string()
            case "line": line = try reader.int()
            case "passed": passed = try reader.optionalBool()
            case "failure": failure = try reader.optionalString()
            case "failingLine": failingLine = try reader.optionalInt()
            case "failingSource": failingSource = try reader.optionalString()
            case "skipped": skipped = try reader.optionalString()
            default: try reader.skipValue()
            }
        }
        self.init(
            name: try required(name, "test.name"), line: try required(line, "test.line"), passed: passed,
            failure: failure, failingLine: failingLine, failingSource: failingSource, skipped: skipped)
    }
}
