/// `ADD` fetches URLs and unpacks archives; for plain files `COPY` says what happens.
struct AddForFilesRule: DockerfileRule {
    static let description = RuleDescription(
        id: "DL3020", severity: .error,
        summary: "Use COPY instead of ADD for files and folders.",
        examples: [
            RuleExample("FROM python:3.12-slim\n↓ADD requirements.txt /app/"),
            RuleExample("FROM python:3.12-slim\nADD https://example.com/tool.tar.gz /opt/\nADD vendor.tar.gz /opt/vendor/\nADD git@github.com:moby/buildkit.git /src"),
            RuleExample("FROM python:3.12-slim\nADD <<EOF /etc/motd\nhello\nEOF"),
        ])

    static let archiveSuffixes = [".tar", ".tar.gz", ".tgz", ".tar.bz2", ".tbz2", ".tar.xz", ".txz", ".tar.zst", ".gz", ".bz2", ".xz", ".zip"]

    static func check(_ context: LintContext) -> [Violation] {
        context.instructions("ADD").compactMap { instruction in
            let sources = instruction.words.dropLast().map(\.value).filter { !$0.hasPrefix("<<") }
            let plain = sources.filter { source in
                !source.contains("://") && !source.hasPrefix("git@") && !archiveSuffixes.contains { source.lowercased().hasSuffix($0) }
            }
            guard !plain.isEmpty else { return nil }
            return Violation(line: instruction.line, "use COPY instead of ADD for \(plain.joined(separator: ", "))")
        }
    }
}
