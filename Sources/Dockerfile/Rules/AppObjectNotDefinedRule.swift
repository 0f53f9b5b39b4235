/// `CMD ["uvicorn", "main:app"]` only starts if some module defines `app`; in a document
/// that module is one of its Python snippets.
struct AppObjectNotDefinedRule: DockerfileRule {
    static let description = RuleDescription(
        id: "AppObjectNotDefined", severity: .warning,
        summary: "CMD/ENTRYPOINT serves module:object (uvicorn, gunicorn…) but no Python snippet of the document defines the object.",
        examples: [
            RuleExample(
                "FROM python:3.12-slim\n↓CMD [\"uvicorn\", \"main:application\", \"--host\", \"0.0.0.0\"]",
                python: ["from fastapi import FastAPI\n\napp = FastAPI()"]),
            RuleExample(
                "FROM python:3.12-slim\nCMD [\"uvicorn\", \"main:app\", \"--host\", \"0.0.0.0\", \"--port\", \"80\"]",
                python: ["from fastapi import FastAPI\n\napp = FastAPI()"]),
            RuleExample(
                "FROM python:3.12-slim\nENTRYPOINT [\"gunicorn\", \"--bind\", \"0.0.0.0:8000\"]\nCMD [\"wsgi:create_app()\"]",
                python: ["from flask import Flask\n\ndef create_app():\n    return Flask(__name__)"]),
            RuleExample("FROM python:3.12-slim\n↓CMD gunicorn app:app"),
        ])

    static func check(_ context: LintContext) -> [Violation] {
        let sources = context.pythonSnippets.map { PythonSource($0.code) }
        return ServedApplication.find(in: context.dockerfile).compactMap { application in
            guard !sources.contains(where: { $0.definitions.contains(application.object) }) else { return nil }
            let where_ = sources.isEmpty ? "the document has no Python snippet" : "no Python snippet of the document defines it"
            return Violation(
                line: application.line,
                "\(application.server) serves \(application.module):\(application.object), but \(where_)",
                notes: ["define \(application.object) at the top level of \(application.module.replacingOccurrences(of: ".", with: "/")).py, or fix the name"])
        }
    }
}
