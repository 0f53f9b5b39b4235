import Foundation
import Pipeline
import Testing
import VerifyCore

@Suite("Python environment and web applications")
struct PythonEnvironmentTests {
    /// The environment Scripts/setup.sh makes from Fixtures/requirements.txt.
    static let venv = Repository.root.appendingPathComponent(".venv").path
    static var hasVenv: Bool { FileManager.default.fileExists(atPath: venv + "/pyvenv.cfg") }

    @Test func anEnvironmentNotMadeWithTheEmbeddedPythonIsRefused() throws {
        let directory = try TemporaryDirectory()
        try directory.write("home = /root/.pyenv/versions/3.11.7/bin\nversion = 3.11.7\n", to: "env/pyvenv.cfg")
        #expect(throws: PythonEnvironment.Problem.self) { try PythonEnvironment(path: directory.url.appendingPathComponent("env").path) }
        #expect(throws: PythonEnvironment.Problem.self) { try PythonEnvironment(path: directory.url.path) }
    }

    private func run(_ markdown: String) async throws -> [SnippetReport] {
        let directory = try TemporaryDirectory()
        let path = try directory.write(markdown, to: "app.md")
        let environment = try PythonEnvironment(path: Self.venv)
        let options = RunOptions(jobs: 1, timeout: 30, workerExecutable: BuildProducts.worker, pythonPaths: environment.sitePackages)
        return try await Verifier(options: options).run(paths: [path]).documents.first?.snippets ?? []
    }

    @Test(.enabled(if: hasVenv, "no .venv: run Scripts/setup.sh"))
    func fastAPIRoutesAreCalledAndTestFunctionsRun() async throws {
        let snippets = try await run(python("""
            from fastapi import FastAPI
            from fastapi.testclient import TestClient

            app = FastAPI()

            @app.get("/")
            def root():
                return {"message": "Hello World"}

            @app.get("/broken")
            def broken():
                return 1 / 0

            @app.get("/items/{item_id}")
            def item(item_id: int):
                return {"id": item_id}

            client = TestClient(app)

            def test_root():
                assert client.get("/").json() == {"message": "Hello World"}

            def test_wrong():
                assert client.get("/").status_code == 201
            """))
        let claims = try #require(snippets.first?.claims)
        #expect(claims.map(\.text) == ["GET /", "GET /broken", "GET /items/{item_id}", "test_root()", "test_wrong()"])
        #expect(claims.map(\.status) == [.holds, .fails, .unchecked, .holds, .fails])
        #expect(claims.map(\.line) == [7, 11, 15, 21, 25])
        #expect(claims[2].reason == "needs parameters: item_id")
        #expect(snippets.first?.status == .failed)
    }

    @Test(.enabled(if: hasVenv, "no .venv: run Scripts/setup.sh"))
    func flaskRoutesAndAMissingTemplate() async throws {
        let snippets = try await run(python("""
            from flask import Flask, render_template
            app = Flask(__name__)

            @app.route("/")
            def index():
                return "hello"

            @app.route("/page")
            def page():
                return render_template("index.html")
            """))
        let claims = try #require(snippets.first?.claims)
        #expect(claims.map(\.status) == [.holds, .unchecked])
        #expect(claims.last?.reason == "needs-file: templates/index.html")
    }

    @Test(.enabled(if: hasVenv, "no .venv: run Scripts/setup.sh"))
    func aSnippetThatStartsAServerIsSkipped() async throws {
        // The banner must come before the limit even on a loaded machine: importing
        // site and Flask in a worker that shares two cores with the rest of the suite.
        let directory = try TemporaryDirectory()
        let path = try directory.write(
            "<!-- verify: timeout 10 -->\n" + python("from flask import Flask\napp = Flask(__name__)\napp.run(port=5987)"),
            to: "server.md")
        let environment = try PythonEnvironment(path: Self.venv)
        let options = RunOptions(jobs: 1, workerExecutable: BuildProducts.worker, pythonPaths: environment.sitePackages)
        let snippet = try #require(try await Verifier(options: options).run(paths: [path]).documents.first?.snippets.first)
        #expect(snippet.status == .skipped)
        #expect(snippet.reason?.hasPrefix("starts-server: Running on http://127.0.0.1:5987") == true)
    }

    @Test(.enabled(if: hasVenv && !SeedGoldenTests.seedPaths.isEmpty, "needs .venv and ../shared/seeds"))
    func theSeedsWebSnippetsRunWithTheEnvironment() async throws {
        let environment = try PythonEnvironment(path: Self.venv)
        let options = RunOptions(jobs: 2, timeout: 15, workerExecutable: BuildProducts.worker, pythonPaths: environment.sitePackages)
        let report = try await Verifier(options: options).run(paths: SeedGoldenTests.seedPaths)
        let snippets = report.documents.flatMap(\.snippets)
        #expect(!snippets.contains { $0.reason?.hasPrefix("missing-dependency: fastapi") == true })
        #expect(!snippets.contains { $0.reason?.hasPrefix("missing-dependency: flask") == true })
        let helloWorld = try #require(report.documents.first?.snippets.first { $0.line == 123 })
        #expect(helloWorld.status == .passed)
        #expect(helloWorld.claims.map(\.text) == ["GET /"])
        #expect(helloWorld.claims.map(\.status) == [.holds])
        #expect(report.documents.flatMap(\.snippets).flatMap(\.claims).allSatisfy { $0.status != .fails })
    }
}
