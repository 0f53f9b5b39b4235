/// `COPY requirements.txt` with `pip install -r requirements.txt` builds only if that file
/// lists what the application imports. The document shows the application, so its Python
/// snippets' imports (and the server the `CMD` runs) tell what the file must contain.
struct RequirementsFromImportsRule: DockerfileRule {
    static let description = RuleDescription(
        id: "RequirementsFromImports", severity: .info,
        summary: "Lists the third-party packages the document's Python imports, which the requirements file installed by pip -r must contain.",
        examples: [
            RuleExample(
                "FROM python:3.12-slim\nWORKDIR /app\nCOPY requirements.txt .\n↓RUN pip install --no-cache-dir -r requirements.txt\nCOPY . .\nCMD [\"uvicorn\", \"main:app\"]",
                python: ["import os\nfrom fastapi import FastAPI\nfrom pydantic import BaseModel\n\napp = FastAPI()"]),
            RuleExample(
                "FROM python:3.12-slim\nWORKDIR /app\nCOPY . .\nRUN pip install --no-cache-dir flask==3.0.3",
                python: ["from flask import Flask\napp = Flask(__name__)"]),
            RuleExample(
                "FROM python:3.12-slim\nWORKDIR /app\nCOPY requirements.txt .\nRUN pip install --no-cache-dir -r requirements.txt",
                python: ["import json\nprint(json.dumps({}))"]),
        ])

    static func check(_ context: LintContext) -> [Violation] {
        let copiesRequirements = context.instructions("COPY").contains { copy in
            copy.words.dropLast().contains { isRequirementsFile($0.value) }
        }
        guard copiesRequirements, let install = context.runs.lazy.flatMap({ $0.commands.compactMap(PackageInstall.pip) })
            .first(where: { $0.optionValues.contains { ["-r", "--requirement"].contains($0.option) && isRequirementsFile($0.value) } })
        else { return [] }

        let applications = ServedApplication.find(in: context.dockerfile)
        let imports = context.pythonSnippets.flatMap { PythonSource($0.code).imports }
        var packages = imports.compactMap { PythonModules.distributions[$0] }
        packages += applications.map(\.server).filter { PythonModules.distributions[$0] != nil }
        packages = unique(packages)
        let unknown = unique(imports.filter { !PythonModules.isStandardLibrary($0) && !PythonModules.isThirdParty($0) })
        guard !packages.isEmpty else { return [] }
        var notes: [String] = []
        if !unknown.isEmpty {
            notes.append("also imported, not known as packages (local modules?): \(unknown.joined(separator: ", "))")
        }
        let file = install.optionValues.first { ["-r", "--requirement"].contains($0.option) }?.value ?? "requirements.txt"
        return [Violation(line: install.line, "\(file) must list the packages this document's Python imports: \(packages.joined(separator: ", "))", notes: notes)]
    }

    private static func isRequirementsFile(_ path: String) -> Bool {
        let name = path.split(separator: "/").last.map(String.init) ?? path
        return name.hasPrefix("requirements") && name.hasSuffix(".txt")
    }

    private static func unique(_ names: [String]) -> [String] {
        var seen: Set<String> = []
        return names.filter { seen.insert($0).inserted }
    }
}
