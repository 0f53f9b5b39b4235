public import VerifyCore

/// What checking a shell snippet found, without running it.
public struct ShellCheckResult: Sendable, Hashable {
    /// shellcheck's findings (`SC2086`…) and verify's own (`placeholder`, `smart-quote`,
    /// `non-breaking-space`, `windows-path`, `mis-tagged`), at Markdown lines.
    public var findings: [Finding]
    /// The block is tagged as shell but is something else, such as a directory tree.
    public var isMisTagged: Bool
    /// What running the commands would need, among `docker`, `kubernetes` and `network`.
    public var requirements: [String]
    /// Which command needs what, at its Markdown line.
    public var commandRequirements: [CommandRequirement]

    public init(findings: [Finding] = [], isMisTagged: Bool = false, commandRequirements: [CommandRequirement] = []) {
        self.findings = findings
        self.isMisTagged = isMisTagged
        self.commandRequirements = commandRequirements
        self.requirements = CommandRequirement.Kind.allCases.map(\.rawValue)
            .filter { kind in commandRequirements.contains { $0.kind.rawValue == kind } }
    }
}

/// A command that needs something verify's machine may not have.
public struct CommandRequirement: Sendable, Hashable {
    public enum Kind: String, Sendable, Hashable, CaseIterable {
        /// A Docker engine: `docker`, `docker-compose`, `podman`.
        case docker
        /// A Kubernetes cluster: `kubectl`, `helm`, `minikube`, `kind`.
        case kubernetes
        /// The network: `pip install`, `curl`, `git clone`, `apt-get install`.
        case network
    }

    public var kind: Kind
    /// The command as it names itself, such as `docker run` or `pip install`.
    public var command: String
    public var line: Int

    public init(kind: Kind, command: String, line: Int) {
        self.kind = kind
        self.command = command
        self.line = line
    }
}
