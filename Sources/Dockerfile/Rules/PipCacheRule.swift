/// pip keeps its download cache in the layer unless told not to.
struct PipCacheRule: DockerfileRule {
    static let description = RuleDescription(
        id: "DL3042", severity: .warning,
        summary: "Avoid the pip cache in the image: pip install --no-cache-dir.",
        examples: [
            RuleExample("FROM python:3.12-slim\n↓RUN pip install -r requirements.txt"),
            RuleExample("FROM python:3.12-slim\nRUN python -m venv /venv \\\n↓    && /venv/bin/python -m pip install -r requirements.txt"),
            RuleExample("FROM python:3.12-slim\nRUN pip install --no-cache-dir -r requirements.txt"),
            RuleExample("FROM python:3.12-slim\nENV PIP_NO_CACHE_DIR=1\nRUN pip install -r requirements.txt"),
            RuleExample("FROM python:3.12-slim\nRUN --mount=type=cache,target=/root/.cache/pip pip install -r requirements.txt"),
        ])

    static func check(_ context: LintContext) -> [Violation] {
        context.pipInstalls.compactMap { run, install in
            if install.hasOption("--no-cache-dir") || run.mountsCache(containing: "/.cache") || disablesCache(before: run, context) { return nil }
            return Violation(line: install.line, "pip install without --no-cache-dir keeps pip's cache in the image")
        }
    }

    /// Whether `ENV PIP_NO_CACHE_DIR=…` stands earlier in the same stage.
    private static func disablesCache(before run: Instruction, _ context: LintContext) -> Bool {
        context.instructions("ENV").contains { env in
            env.stage == run.stage && env.line < run.line && env.arguments.contains("PIP_NO_CACHE_DIR")
        }
    }
}
