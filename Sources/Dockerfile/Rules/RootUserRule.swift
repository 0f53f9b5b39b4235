/// A container that runs as root turns any escape from the application into root on the
/// host's kernel. The image runs as root when its last `USER` is root, or when it has none.
struct RootUserRule: DockerfileRule {
    static let description = RuleDescription(
        id: "DL3002", severity: .warning,
        summary: "The image runs as root: the final stage's last USER is root, or it has no USER.",
        examples: [
            RuleExample("↓FROM python:3.12-slim\nCMD [\"python\", \"app.py\"]"),
            RuleExample("FROM python:3.12-slim\nRUN useradd --create-home app\nUSER app\nRUN echo temporary\n↓USER root"),
            RuleExample("FROM python:3.12-slim\nRUN useradd --create-home app\nUSER app:app\nCMD [\"python\", \"app.py\"]"),
            RuleExample("FROM python:3.12-slim AS build\nUSER root\nFROM python:3.12-slim\nUSER 1000"),
            RuleExample("FROM scratch\nCOPY app /app"),
        ])

    static func check(_ context: LintContext) -> [Violation] {
        guard let stage = context.dockerfile.finalStage, stage.image?.isScratch != true else { return [] }
        guard let user = lastUser(in: stage, context) else {
            if let parent = stage.parentStage, let parentStage = context.dockerfile.stages.first(where: { $0.index == parent }),
                let inherited = lastUser(in: parentStage, context)
            {
                return isRoot(inherited) ? [violation(at: inherited)] : []
            }
            return [Violation(
                line: stage.line, "the image runs as root: no USER in the final stage",
                notes: ["create a user and switch to it, e.g. RUN useradd --create-home app, then USER app"])]
        }
        return isRoot(user) ? [violation(at: user)] : []
    }

    private static func lastUser(in stage: Stage, _ context: LintContext) -> Instruction? {
        context.dockerfile.instructions(of: stage).last { $0.keyword == "USER" }
    }

    private static func isRoot(_ user: Instruction) -> Bool {
        let name = (user.words.first?.value ?? user.arguments).split(separator: ":").first.map(String.init) ?? ""
        return name == "root" || name == "0"
    }

    private static func violation(at user: Instruction) -> Violation {
        Violation(line: user.line, "the image runs as root: the last USER is \(user.arguments)", notes: ["switch to a non-root user at the end"])
    }
}
