/// Unpinned `pip install` installs whatever PyPI has on build day.
struct PipPinRule: DockerfileRule {
    static let description = RuleDescription(
        id: "DL3013", severity: .warning,
        summary: "Pin versions in pip install (package==version), or install from a requirements file.",
        examples: [
            RuleExample("FROM python:3.12-slim\n↓RUN pip install --no-cache-dir flask requests==2.32.3"),
            RuleExample("FROM python:3.12-slim\nRUN pip install --no-cache-dir -r requirements.txt\nRUN pip install --no-cache-dir \"uvicorn[standard]>=0.30\" . ./dist/app-1.0-py3-none-any.whl git+https://github.com/pallets/flask@3.0.0"),
        ])

    static func check(_ context: LintContext) -> [Violation] {
        context.pipInstalls.compactMap { _, install in
            let unpinned = install.packages.map(\.text).filter { !isPinned($0) }
            guard !unpinned.isEmpty else { return nil }
            return Violation(line: install.line, "pin versions in pip install: \(unpinned.joined(separator: ", "))")
        }
    }

    /// `pkg==1.0`, `pkg>=1`, a path, an archive or wheel, a VCS URL.
    static func isPinned(_ requirement: String) -> Bool {
        if ["=", "<", ">", "~", "!", "@"].contains(where: requirement.contains) { return true }
        if requirement.hasPrefix(".") || requirement.hasPrefix("/") || requirement.contains("://") { return true }
        return [".whl", ".tar.gz", ".zip"].contains(where: requirement.hasSuffix)
    }
}
