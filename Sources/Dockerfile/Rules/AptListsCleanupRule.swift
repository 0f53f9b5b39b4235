/// `apt-get update` leaves package lists in the layer unless the same `RUN` deletes them.
/// Only stages that end up in an image count: the final one and those others build `FROM`.
struct AptListsCleanupRule: DockerfileRule {
    static let description = RuleDescription(
        id: "DL3009", severity: .info,
        summary: "Delete the apt-get lists after installing something (`rm -rf /var/lib/apt/lists/*`).",
        examples: [
            RuleExample("FROM debian:bookworm\n↓RUN apt-get update && apt-get install -y --no-install-recommends curl=7.88.1-10"),
            RuleExample("FROM debian:bookworm\nRUN apt-get update && apt-get install -y --no-install-recommends curl=7.88.1-10 \\\n    && rm -rf /var/lib/apt/lists/*"),
            RuleExample("FROM debian:bookworm AS build\nRUN apt-get update && apt-get install -y --no-install-recommends gcc=4:12.2.0-3\nFROM debian:bookworm\nCOPY --from=build /usr/bin/gcc /usr/bin/gcc"),
            RuleExample("FROM debian:bookworm\nRUN --mount=type=cache,target=/var/lib/apt/lists apt-get update && apt-get install -y --no-install-recommends curl=7.88.1-10"),
        ])

    static func check(_ context: LintContext) -> [Violation] {
        let stages = context.dockerfile.stages
        let kept = Set(stages.compactMap(\.parentStage) + [stages.count - 1])
        return context.runs.compactMap { run in
            guard let stage = run.instruction.stage, kept.contains(stage), !run.instruction.mountsCache(containing: "/var/lib/apt"),
                let update = run.commands.first(where: { PackageInstall.apt($0, subcommand: "update") != nil })
            else { return nil }
            let cleans = run.commands.contains { command in
                command.program == "rm" && command.words.contains { $0.text.hasPrefix("/var/lib/apt/lists") }
            }
            return cleans ? nil : Violation(line: update.line ?? run.instruction.line, "apt-get lists are left in the image; end the RUN with && rm -rf /var/lib/apt/lists/*")
        }
    }
}
