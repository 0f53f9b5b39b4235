import Configuration
import Foundation
import Testing
import VerifyCore

@Suite("Configuration")
struct ConfigurationTests {
    private func load(_ text: String) throws -> Configuration {
        let directory = try TemporaryDirectory()
        let path = try directory.write(text, to: "verify.toml")
        return try Configuration.load(path)
    }

    private func error(_ text: String) -> ConfigurationError? {
        do {
            _ = try load(text)
            return nil
        } catch let error as ConfigurationError {
            return error
        } catch {
            return nil
        }
    }

    @Test func everyKeyIsRead() throws {
        let configuration = try load("""
            # verify settings
            include = ["docs/**/*.md", "README.md"]
            exclude = ['docs/drafts/**']
            jobs = 3
            timeout = 2.5
            output-limit = 4_096
            fixtures = "docs/fixtures"
            python-env = ".venv"

            [timeouts]
            "docs/slow/**" = 60

            [sql]
            fixtures = ["schema.sql"]

            [lint]
            ignore = ["DL3008"]
            severity = { DL3042 = "error" }

            [bench]
            regression = 1.2
            warning = 1.05
            thresholds.threads = 1.3
            """)
        #expect(configuration.include == ["docs/**/*.md", "README.md"])
        #expect(configuration.exclude == ["docs/drafts/**"])
        #expect(configuration.jobs == 3)
        #expect(configuration.timeout == 2.5)
        #expect(configuration.outputLimit == 4096)
        #expect(configuration.fixtures == configuration.root + "/docs/fixtures")
        #expect(configuration.pythonEnvironment == configuration.root + "/.venv")
        #expect(configuration.timeouts == [.init(glob: "docs/slow/**", seconds: 60)])
        #expect(configuration.sqlFixtures == [configuration.root + "/schema.sql"])
        #expect(configuration.lintIgnore == ["DL3008"])
        #expect(configuration.lintSeverity == ["DL3042": .error])
        #expect(configuration.bench == .init(regression: 1.2, warning: 1.05, perBenchmark: ["threads": 1.3]))
        #expect(configuration.timeout(for: configuration.root + "/docs/slow/a.md") == 60)
        #expect(configuration.timeout(for: configuration.root + "/docs/a.md") == 2.5)
        #expect(configuration.includes(configuration.root + "/docs/guide/a.md"))
        #expect(!configuration.includes(configuration.root + "/docs/drafts/a.md"))
        #expect(!configuration.includes(configuration.root + "/notes/a.md"))
    }

    @Test(arguments: [
        ("jobs = 2\njbos = 3\n", 2, "unknown key 'jbos'"),
        ("[lint]\nignor = []\n", 2, "unknown key 'lint.ignor'"),
        ("timeout = \"10\"\n", 1, "'timeout' must be a number, not a string"),
        ("include = [1]\n", 1, "'include' must be an array of strings, not an integer"),
        ("jobs = 0\n", 1, "'jobs' must be at least 1"),
        ("[lint]\nseverity = { DL3008 = \"fatal\" }\n", 2, "'lint.severity.DL3008' must be \"error\", \"warning\" or \"info\""),
        ("jobs = 2\njobs = 3\n", 2, "key 'jobs' is defined twice"),
        ("include = [\"a\",\n  \"b\"\n", 3, "expected ',' or ']' in the array"),
        ("timeout = 10 20\n", 1, "expected the end of the line, found '2'"),
        ("when = 2026-11-21\n", 1, "dates are not supported"),
    ])
    func mistakesAreErrorsAtTheirLine(text: String, line: Int, message: String) throws {
        let problem = try #require(error(text))
        #expect(problem.line == line)
        #expect(problem.message.hasPrefix(message), "\(problem.message)")
        #expect(problem.description.contains("verify.toml:\(line): "))
    }

    @Test func foundByWalkingUp() throws {
        let directory = try TemporaryDirectory()
        let file = try directory.write("jobs = 1\n", to: "verify.toml")
        try FileManager.default.createDirectory(at: directory.url.appendingPathComponent("a/b"), withIntermediateDirectories: true)
        let found = Configuration.find(startingAt: directory.url.appendingPathComponent("a/b").path)
        #expect(found.map { URL(fileURLWithPath: $0).resolvingSymlinksInPath().path } == URL(fileURLWithPath: file).resolvingSymlinksInPath().path)
    }

    @Test(arguments: [
        ("docs/**/*.md", "docs/a.md", true), ("docs/**/*.md", "docs/x/y/a.md", true), ("docs/*.md", "docs/x/a.md", false),
        ("**", "a/b", true), ("a?.md", "ab.md", true), ("a?.md", "abc.md", false), ("*.md", "notes.txt", false),
    ])
    func globs(pattern: String, path: String, matches: Bool) {
        #expect(Glob.matches(pattern, path) == matches)
    }
}
