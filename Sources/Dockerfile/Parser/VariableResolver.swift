/// Groups instructions into build stages and substitutes variables with BuildKit's
/// scoping: an `ARG` before the first `FROM` is seen by `FROM` lines only, unless a stage
/// declares it again (`ARG NAME`); `ENV` lasts to the end of its stage and into stages
/// built `FROM` it.
enum VariableResolver {
    /// Arguments BuildKit defines for every `FROM` line.
    static let automaticPlatformArguments = [
        "TARGETPLATFORM", "TARGETOS", "TARGETARCH", "TARGETVARIANT",
        "BUILDPLATFORM", "BUILDOS", "BUILDARCH", "BUILDVARIANT",
    ]
    /// Predefined arguments usable anywhere without an `ARG`.
    static let proxyArguments = ["HTTP_PROXY", "HTTPS_PROXY", "FTP_PROXY", "NO_PROXY", "ALL_PROXY"]
        .flatMap { [$0, $0.lowercased()] }
    /// Variables most base images set; a stage whose image is unknown to us may set more.
    static let baseImageEnvironment = ["PATH", "HOME", "HOSTNAME", "LANG"]
    /// What the official images set, by repository.
    static let officialImageEnvironment: [String: [String]] = [
        "python": ["GPG_KEY", "PYTHON_VERSION", "PYTHON_SHA256", "PYTHON_PIP_VERSION", "PYTHON_SETUPTOOLS_VERSION", "PYTHON_GET_PIP_URL", "PYTHON_GET_PIP_SHA256"],
        "node": ["NODE_VERSION", "YARN_VERSION"],
        "golang": ["GOLANG_VERSION", "GOPATH", "GOTOOLCHAIN"],
        "openjdk": ["JAVA_HOME", "JAVA_VERSION"],
        "eclipse-temurin": ["JAVA_HOME", "JAVA_VERSION"],
        "ruby": ["RUBY_VERSION", "GEM_HOME", "BUNDLE_APP_CONFIG", "BUNDLE_SILENCE_ROOT_WARNING"],
        "nginx": ["NGINX_VERSION", "NJS_VERSION", "PKG_RELEASE"],
    ]

    static func resolve(_ dockerfile: inout ParsedDockerfile) {
        var resolver = Walk(escape: dockerfile.escapeCharacter)
        for index in dockerfile.instructions.indices {
            resolver.visit(&dockerfile.instructions[index], at: index)
        }
        resolver.closeStage(at: dockerfile.instructions.count)
        dockerfile.stages = resolver.stages
        dockerfile.globalArguments = resolver.globals.filter { !automaticPlatformArguments.contains($0.key) && !proxyArguments.contains($0.key) }
    }

    private struct Walk {
        let escape: Character
        var globals: [String: String?] = Dictionary(uniqueKeysWithValues: (automaticPlatformArguments + proxyArguments).map { ($0, nil) })
        var stages: [Stage] = []
        var environments: [[String: String?]] = []
        var environment: [String: String?] = [:]
        var arguments: [String: String?] = [:]

        var scope: [String: String?] {
            stages.isEmpty ? globals : environment.merging(arguments) { _, argument in argument }
        }

        mutating func visit(_ instruction: inout Instruction, at index: Int) {
            if instruction.keyword == "FROM" { startStage(&instruction, at: index) }
            instruction.stage = stages.isEmpty ? nil : stages.count - 1
            switch instruction.keyword {
            case "FROM":
                break
            case "ARG":
                declareArguments(&instruction)
            case "ENV":
                setEnvironment(&instruction)
            case "WORKDIR", "USER":
                expand(&instruction, words: [instruction.arguments])
            case "COPY", "ADD", "LABEL", "EXPOSE", "VOLUME", "STOPSIGNAL":
                let words = instruction.execForm?.map { "'\($0)'" } ?? split(instruction.arguments)
                expand(&instruction, words: words)
            default:
                break
            }
        }

        private func split(_ text: String) -> [String] {
            InstructionWords.split(text, escape: escape)
        }

        private mutating func startStage(_ instruction: inout Instruction, at index: Int) {
            closeStage(at: index)
            let words = split(instruction.arguments)
            expand(&instruction, words: words, in: globals)
            let name = words.count >= 3 && words[1].uppercased() == "AS" ? words[2].lowercased() : nil
            let base = instruction.words.first
            let parent = base.flatMap { base in stages.firstIndex { $0.name == base.value.lowercased() } }
            let image = parent == nil && base?.isResolved == true ? base.map { ImageReference($0.value) } : nil
            stages.append(Stage(
                index: stages.count, name: name, image: image, parentStage: parent,
                instructionRange: index..<index, line: instruction.line))
            arguments = Dictionary(uniqueKeysWithValues: VariableResolver.proxyArguments.map { ($0, nil) })
            if let parent {
                environment = environments[parent]
            } else if image?.isScratch == true {
                environment = [:]
            } else {
                let names = VariableResolver.baseImageEnvironment + (VariableResolver.officialImageEnvironment[image?.repository ?? ""] ?? [])
                environment = Dictionary(uniqueKeysWithValues: names.map { ($0, nil) })
            }
        }

        mutating func closeStage(at index: Int) {
            guard let last = stages.indices.last else { return }
            stages[last].instructionRange = stages[last].instructionRange.lowerBound..<index
            environments.append(environment)
        }

        private mutating func declareArguments(_ instruction: inout Instruction) {
            let words = split(instruction.arguments)
            var expanded: [ExpandedWord] = []
            for word in words {
                let name = String(word.prefix { $0 != "=" })
                var value: String?? = nil
                if word.contains("=") {
                    let result = expandWord(String(word.dropFirst(name.count + 1)), into: &instruction)
                    expanded.append(ExpandedWord(raw: word, value: result.value, isResolved: result.isResolved))
                    value = .some(result.isResolved ? result.value : nil)
                }
                if stages.isEmpty {
                    globals[name] = value ?? .some(nil)
                } else {
                    arguments[name] = value ?? globals[name] ?? .some(nil)
                }
            }
            instruction.words = expanded
        }

        private mutating func setEnvironment(_ instruction: inout Instruction) {
            let (pairs, _) = InstructionWords.keyValuePairs(split(instruction.arguments))
            let before = scope
            for pair in pairs {
                let result = VariableExpander(scope: before, escape: escape).expand(pair.value)
                note(result, in: &instruction)
                instruction.words.append(ExpandedWord(raw: pair.value, value: result.value, isResolved: result.isResolved))
                environment[pair.key] = .some(result.isResolved ? result.value : nil)
                arguments[pair.key] = nil
            }
        }

        private func expand(_ instruction: inout Instruction, words: [String], in scope: [String: String?]? = nil) {
            instruction.words = words.map { word in
                let result = expandWord(word, into: &instruction, in: scope)
                return ExpandedWord(raw: word, value: result.value, isResolved: result.isResolved)
            }
        }

        private func expandWord(_ word: String, into instruction: inout Instruction, in scope: [String: String?]? = nil) -> VariableExpander.Result {
            let result = VariableExpander(scope: scope ?? self.scope, escape: escape).expand(word)
            note(result, in: &instruction)
            return result
        }

        private func note(_ result: VariableExpander.Result, in instruction: inout Instruction) {
            for name in result.undefined where !instruction.undefinedVariables.contains(name) {
                instruction.undefinedVariables.append(name)
            }
        }
    }
}
