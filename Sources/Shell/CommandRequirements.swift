/// Finds the commands of a shell block that need a Docker engine, a Kubernetes cluster
/// or the network, which the machine running verify (or the reader's) may not have.
enum CommandRequirements {
    static let docker: Set<String> = ["docker", "docker-compose", "podman", "buildah", "nerdctl"]
    static let kubernetes: Set<String> = ["kubectl", "helm", "minikube", "kind", "k3d", "kustomize", "oc", "skaffold", "k9s"]
    /// Programs that always reach the network.
    static let network: Set<String> = ["curl", "wget", "ssh", "scp", "gcloud", "aws", "az", "http", "ping", "nc", "telnet"]
    /// Programs that reach the network with these subcommands.
    static let networkSubcommands: [String: Set<String>] = [
        "pip": ["install", "download"], "pip3": ["install", "download"], "git": ["clone", "pull", "fetch", "push"],
        "npm": ["install", "i", "ci", "add", "publish"], "yarn": ["add", "install"], "pnpm": ["add", "install"],
        "apt-get": ["install", "update", "upgrade"], "apt": ["install", "update", "upgrade"], "apk": ["add", "update"],
        "yum": ["install", "update"], "dnf": ["install", "update"], "brew": ["install", "update"],
        "conda": ["install", "create"], "poetry": ["install", "add", "update"], "uv": ["pip", "add", "sync"],
        "pipenv": ["install"], "gem": ["install"], "go": ["get", "install"], "cargo": ["install"],
    ]

    static func find(in transcript: ShellTranscript, documentLine: (Int) -> Int) -> [CommandRequirement] {
        commands(in: transcript).flatMap { words, codeLine -> [CommandRequirement] in
            guard let program = words.first else { return [] }
            let subcommand = words.dropFirst().first { !$0.hasPrefix("-") }
            let named = [program, subcommand].compactMap { $0 }.joined(separator: " ")
            let line = documentLine(codeLine)
            if docker.contains(program) {
                return [CommandRequirement(kind: .docker, command: named, line: line)]
            }
            if kubernetes.contains(program) {
                return [CommandRequirement(kind: .kubernetes, command: named, line: line)]
            }
            if network.contains(program) {
                return [CommandRequirement(kind: .network, command: program, line: line)]
            }
            if program.hasPrefix("python"), words.count > 3, words[1] == "-m", words[2] == "pip", words[3] == "install" {
                return [CommandRequirement(kind: .network, command: "pip install", line: line)]
            }
            if let subcommand, networkSubcommands[program]?.contains(subcommand) == true {
                return [CommandRequirement(kind: .network, command: named, line: line)]
            }
            return []
        }
    }

    /// Simple commands as words (program first, after `sudo` and `NAME=value`), with the
    /// line each starts on; continuation lines are joined.
    static func commands(in transcript: ShellTranscript) -> [(words: [String], codeLine: Int)] {
        var result: [(words: [String], codeLine: Int)] = []
        var pending = ""
        var start = 0
        for line in transcript.commandLines {
            if pending.isEmpty { start = line.codeLine }
            let text = withoutComment(line.text)
            if text.hasSuffix("\\") {
                pending += text.dropLast() + " "
                continue
            }
            pending += text
            for segment in segments(pending) {
                var words = segment.split { $0 == " " || $0 == "\t" }.map { $0.trimmingQuotes() }
                while let first = words.first, first == "sudo" || first == "time" || first == "env" || (first.contains("=") && !first.hasPrefix("-")) {
                    words.removeFirst()
                }
                if !words.isEmpty { result.append((words, start)) }
            }
            pending = ""
        }
        return result
    }

    /// The line up to a `#` that starts a word outside quotes.
    static func withoutComment(_ line: String) -> String {
        var quote: Character?
        var previous: Character = " "
        for (offset, character) in line.enumerated() {
            if let open = quote {
                if character == open { quote = nil }
            } else if character == "\"" || character == "'" {
                quote = character
            } else if character == "#", previous == " " || previous == "\t" {
                return String(line.prefix(offset))
            }
            previous = character
        }
        return line
    }

    /// Splits at `&&`, `||`, `;` and `|`.
    private static func segments(_ text: String) -> [String] {
        var segments: [String] = []
        var current = ""
        var quote: Character?
        for character in text {
            if let open = quote {
                if character == open { quote = nil }
                current.append(character)
            } else if character == "\"" || character == "'" {
                quote = character
                current.append(character)
            } else if character == "&" || character == "|" || character == ";" {
                segments.append(current)
                current = ""
            } else {
                current.append(character)
            }
        }
        segments.append(current)
        return segments
    }
}
