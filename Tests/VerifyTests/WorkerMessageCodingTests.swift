import Foundation
import Testing
import WorkerProtocol

/// The run request and its result are coded by hand on the hot path; they must mean
/// exactly what the Codable forms mean.
@Suite("Worker message coding")
struct WorkerMessageCodingTests {
    @Test func aRequestLineDecodesToTheSameJob() throws {
        let job = PythonJob(
            id: 7, source: "print(\"tab\\there\")  # naïve \u{1F600}\nx = '\\\\'\r\n\u{01}",
            fileName: "doc_L3.py", prelude: [PreludeSnippet(source: "a = 1", fileName: "doc_L1.py")],
            fixtures: ["/tmp/fixtures"],
            probes: [
                .statementOutput(line: 1, expected: "tab\there", recordsValue: false), .variable(name: "x", literal: "'\\\\'"),
                .raises(statement: "1/0"), .mutation(name: "t"), .lastAssignment(literal: "[1]"),
                .literalEquality(actual: "1", expected: "1.0"),
            ],
            doctestOptions: ["ELLIPSIS"], cpuSeconds: 25.5)
        let line = job.requestLine
        #expect(line.last == 0x0A)
        #expect(line.dropLast().allSatisfy { $0 != 0x0A })
        let decoded = try JSONDecoder().decode(WorkerRequest.self, from: Data(line.dropLast()))
        #expect(decoded == .runPython(job))
        let plain = PythonJob(id: 1, source: "pass", fileName: "a.py")
        #expect(try JSONDecoder().decode(WorkerRequest.self, from: Data(plain.requestLine.dropLast())) == .runPython(plain))
    }

    @Test func aResultLineDecodesLikeCodable() throws {
        // As the glue writes it: ASCII with \u escapes, a surrogate pair, null members.
        let line = #"""
            {"result": {"result": {"outcome": "raised", "exception": {"type": "ValueError", "hierarchy": ["ValueError", "Exception"], "message": "caf\u00e9 \ud83d\ude00", "line": 3, "isSyntaxError": false, "traceback": "T\nB"}, "probes": [{"text": "1\n", "value": null, "ran": true, "equal": null, "raised": null}], "concurrent": true, "definedNames": ["a", "b"], "durationSeconds": 1.5e-05, "leftovers": [], "id": 4, "routes": [{"method": "GET", "path": "/", "line": 2, "status": 200, "body": "{}"}], "tests": [{"name": "test_a", "line": 5, "passed": false, "failingLine": 6}], "refusals": [{"what": "network", "line": null}], "doctest": [{"line": 1, "source": "1\n", "want": "1\n", "got": "1\n", "passed": true, "exception": null}]}}}
            """#
        let fast = try WorkerReply.decode(line: Data(line.utf8))
        let codable = try JSONDecoder().decode(WorkerReply.self, from: Data(line.utf8))
        #expect(fast == codable)
        guard case .result(let result) = fast else {
            Issue.record("not a result")
            return
        }
        #expect(result.exception?.message == "café 😀")
        #expect(result.probes.first?.ran == true)
        #expect(result.routes.first?.status == 200)
    }

    @Test func aResultIsReadMemberByMember() throws {
        // Unknown members of any shape are skipped; an escaped name is still recognized.
        let line = #"{"result": {"extra": [1, {"a": [null]}], "result": {"out\u0063ome": "exited", "exitCode": 3, "id": -2, "durationSeconds": 2, "future": {"x": "y"}, "plain": true, "unmarked": ["stderr"]}}}"#
        guard case .result(let result) = try WorkerReply.decode(line: Array(line.utf8)) else {
            Issue.record("not a result")
            return
        }
        #expect(result.outcome == .exited)
        #expect(result.exitCode == 3)
        #expect(result.id == -2)
        #expect(result.durationSeconds == 2)
        #expect(result.ranPlain)
        #expect(result.unmarkedStreams == ["stderr"])
        #expect(try WorkerReply.decode(line: Array(line.utf8)) == JSONDecoder().decode(WorkerReply.self, from: Data(line.utf8)))
    }

    @Test(arguments: [
        #"{"result": {"result": {"outcome": "returned"}}}"#,  // no id
        #"{"result": {"result": {"id": 1}}}"#,  // no outcome
        #"{"result": {"result": {"id": "1", "outcome": "returned"}}}"#,  // id of the wrong type
        #"{"result": {"result": {"id": 1, "outcome": "returned", "probes": {}}}}"#,  // probes not a list
        #"{"result": {"result": {"id": 1, "outcome": "returned"}}} trailing"#,
        #"{"result": {"result": {"id": 1, "outcome": "returned" "plain": true}}}"#,  // no comma
    ])
    func aMalformedResultIsAnError(_ line: String) {
        #expect(throws: (any Error).self) { try WorkerReply.decode(line: Array(line.utf8)) }
    }

    @Test func aProbeRecordLineDecodes() throws {
        let record = try ProbeRecord(line: Array(#"{"job": 4, "probe": 1, "text": "a\nb", "value": null}"#.utf8))
        #expect(record == ProbeRecord(job: 4, probe: 1, text: "a\nb"))
        #expect(throws: (any Error).self) { try ProbeRecord(line: Array(#"{"probe": 1}"#.utf8)) }
    }

    @Test(arguments: [
        "", "{", "{\"a\" 1}", "[1,]", "\"\\x\"", "\"a\u{01}\"", "01x", "nul", "{\"a\":1} x", "[\"\\ud800\"", "-",
    ])
    func malformedJSONIsAnErrorNotACrash(_ text: String) {
        #expect(throws: JSONParseError.self) { try JSONValue(parsing: Array(text.utf8)) }
    }

    @Test func valuesAndLimits() throws {
        let value = try JSONValue(parsing: Array(#" {"n": -12, "f": 2.5e3, "big": 123456789012345678901, "x": [true, false, null, NaN, -Infinity], "s": "\ud800!"} "#.utf8))
        #expect(value["n"]?.int == -12)
        #expect(value["f"]?.double == 2500)
        #expect(value["big"]?.int == nil)
        #expect(value["x"]?.array?.count == 5)
        #expect(value["s"]?.string == "\u{FFFD}!")
        let deep = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
        #expect(throws: JSONParseError.self) { try JSONValue(parsing: Array(deep.utf8)) }
    }
}
