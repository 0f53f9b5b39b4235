import Foundation
import Testing

/// Programs the report tests call: schema validators and a headless browser.
enum ExternalTool {
    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// Runs a program to its end. Output goes through files, so a chatty program
    /// cannot block on a full pipe.
    static func run(
        _ executable: String, _ arguments: [String], environment: [String: String]? = nil, directory workingDirectory: URL? = nil
    ) throws -> Result {
        let directory = try TemporaryDirectory()
        let out = directory.url.appendingPathComponent("stdout")
        let err = directory.url.appendingPathComponent("stderr")
        _ = FileManager.default.createFile(atPath: out.path, contents: nil)
        _ = FileManager.default.createFile(atPath: err.path, contents: nil)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        if let environment { process.environment = environment }
        if let workingDirectory { process.currentDirectoryURL = workingDirectory }
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = try FileHandle(forWritingTo: out)
        process.standardError = try FileHandle(forWritingTo: err)
        try process.run()
        process.waitUntilExit()
        return Result(
            status: process.terminationStatus,
            stdout: try String(contentsOf: out, encoding: .utf8), stderr: try String(contentsOf: err, encoding: .utf8))
    }

    /// The first executable of that name on PATH.
    static func find(_ name: String) -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        return path.split(separator: ":").map { "\($0)/\(name)" }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    static var chromium: String? { find("chromium") ?? find("chromium-browser") }

    /// The built `verify` with the test's worker, in an environment without the GitHub
    /// Actions variables of the machine running the tests, plus `environment`.
    static func verify(_ arguments: [String], environment: [String: String] = [:], directory: URL? = nil) throws -> Result {
        var base = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("GITHUB_") && $0.key != "VIRTUAL_ENV" }
        base["VERIFY_WORKER"] = BuildProducts.worker
        return try run(BuildProducts.verify, arguments, environment: base.merging(environment) { $1 }, directory: directory)
    }
}

/// Validation against the schemas in Schemas/ (see Schemas/README.md for where they come from).
///
/// A missing validator is a failure, not a pass: `Scripts/setup.sh` installs both.
enum SchemaValidation {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Schemas")

    /// What `xmllint --schema junit-10.xsd` says is wrong; empty when the XML is valid.
    static func junitErrors(_ xml: String) throws -> String {
        guard let xmllint = ExternalTool.find("xmllint") else {
            return "xmllint is not installed: run Scripts/setup.sh (Debian package libxml2-utils)"
        }
        let directory = try TemporaryDirectory()
        let file = try directory.write(xml, to: "report.xml")
        let schema = Self.directory.appendingPathComponent("junit-10.xsd").path
        let result = try ExternalTool.run(xmllint, ["--noout", "--nonet", "--schema", schema, file])
        return result.status == 0 ? "" : result.stderr + result.stdout
    }

    /// Every error Python's `jsonschema` finds against the SARIF 2.1.0 schema; empty when valid.
    static func sarifErrors(_ json: String) throws -> String {
        let python = "/usr/bin/python3.11"
        guard FileManager.default.isExecutableFile(atPath: python) else {
            return "\(python) is not installed: run Scripts/setup.sh"
        }
        let directory = try TemporaryDirectory()
        let file = try directory.write(json, to: "report.sarif")
        let schema = Self.directory.appendingPathComponent("sarif-schema-2.1.0.json").path
        let script = """
            import json, sys
            try:
                import jsonschema
            except ImportError:
                sys.exit("python3-jsonschema is not installed: run Scripts/setup.sh")
            schema = json.load(open(sys.argv[1]))
            validator = jsonschema.validators.validator_for(schema)
            validator.check_schema(schema)
            errors = list(validator(schema).iter_errors(json.load(open(sys.argv[2]))))
            for error in errors:
                print("/".join(map(str, error.absolute_path)) + ": " + error.message)
            sys.exit(1 if errors else 0)
            """
        let result = try ExternalTool.run(python, ["-I", "-c", script, schema, file])
        return result.status == 0 ? "" : result.stdout + result.stderr
    }
}
