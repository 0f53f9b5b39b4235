public import Foundation

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
            let value = try JSONValue(parsing: line)
            guard let result = value["result"]?["result"] else { throw JSONParseError(offset: 0, reason: "no result") }
            return .result(result: try PythonResult(json: result))
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

extension PythonResult {
    /// Lists the glue leaves out are empty.
    public init(json: JSONValue) throws {
        guard let outcome = json["outcome"]?.string.flatMap(Outcome.init(rawValue:)) else {
            throw MessageShapeError(field: "outcome")
        }
        self.init(
            id: try required(json["id"]?.int, "id"), outcome: outcome,
            exception: try json["exception"].flatMap(PythonException.optional),
            exitCode: json["exitCode"]?.int, definedNames: json["definedNames"]?.strings ?? [],
            leftovers: json["leftovers"]?.strings ?? [], durationSeconds: json["durationSeconds"]?.double ?? 0,
            probes: try (json["probes"]?.array ?? []).map(ProbeAnswer.init(json:)),
            doctest: try (json["doctest"]?.array ?? []).map(DoctestExample.init(json:)),
            concurrent: json["concurrent"]?.bool ?? false,
            refusals: try (json["refusals"]?.array ?? []).map(SandboxRefusal.init(json:)))
        routes = try (json["routes"]?.array ?? []).map(RouteCheck.init(json:))
        tests = try (json["tests"]?.array ?? []).map(TestFunctionResult.init(json:))
        mentionedNames = json["mentionedNames"]?.strings ?? []
        unmarkedStreams = json["unmarked"]?.strings ?? []
        ranPlain = json["plain"]?.bool ?? false
    }
}

extension ProbeRecord {
    public init(json: JSONValue) throws {
        self.init(
            job: try required(json["job"]?.int, "record.job"), probe: try required(json["probe"]?.int, "record.probe"),
            text: json["text"]?.string, value: json["value"]?.string)
    }
}

extension PythonException {
    /// nil for JSON null.
    static func optional(_ json: JSONValue) throws -> PythonException? {
        if case .null = json { return nil }
        return try PythonException(json: json)
    }

    public init(json: JSONValue) throws {
        self.init(
            type: try required(json["type"]?.string, "exception.type"), hierarchy: json["hierarchy"]?.strings ?? [],
            message: json["message"]?.string ?? "", line: json["line"]?.int, column: json["column"]?.int,
            isSyntaxError: json["isSyntaxError"]?.bool ?? false, missingModule: json["missingModule"]?.string,
            missingFile: json["missingFile"]?.string, undefinedName: json["undefinedName"]?.string,
            traceback: json["traceback"]?.string ?? "")
    }
}

extension ProbeAnswer {
    public init(json: JSONValue) throws {
        self.init(
            text: json["text"]?.string, value: json["value"]?.string, ran: json["ran"]?.bool, equal: json["equal"]?.bool,
            raised: try json["raised"].flatMap(PythonException.optional), name: json["name"]?.string,
            problem: json["problem"]?.string)
    }
}

extension DoctestExample {
    public init(json: JSONValue) throws {
        self.init(
            line: try required(json["line"]?.int, "doctest.line"), source: json["source"]?.string ?? "",
            want: json["want"]?.string ?? "", got: json["got"]?.string ?? "", passed: json["passed"]?.bool ?? false,
            exception: json["exception"]?.string)
    }
}

extension SandboxRefusal {
    public init(json: JSONValue) throws {
        self.init(what: try required(json["what"]?.string, "refusal.what"), line: json["line"]?.int)
    }
}

extension RouteCheck {
    public init(json: JSONValue) throws {
        self.init(
            method: try required(json["method"]?.string, "route.method"), path: try required(json["path"]?.string, "route.path"),
            line: json["line"]?.int, status: json["status"]?.int, body: json["body"]?.string, error: json["error"]?.string,
            skipped: json["skipped"]?.string)
    }
}

extension TestFunctionResult {
    public init(json: JSONValue) throws {
        self.init(
            name: try required(json["name"]?.string, "test.name"), line: try required(json["line"]?.int, "test.line"),
            passed: json["passed"]?.bool, failure: json["failure"]?.string, failingLine: json["failingLine"]?.int,
            failingSource: json["failingSource"]?.string, skipped: json["skipped"]?.string)
    }
}
