/// An `apt-get install` or `pip install` found in a `RUN`: its options and the packages it names.
struct PackageInstall {
    var command: ShellCommand
    /// Options as written, such as `-y` or `--no-cache-dir`.
    var options: [String]
    var packages: [ShellWord]
    /// Options taking a value and their values, such as `-r requirements.txt`.
    var optionValues: [(option: String, value: String)]

    var line: Int { command.line ?? 0 }

    func hasOption(_ names: String...) -> Bool {
        options.contains { option in names.contains { option == $0 || option.hasPrefix($0 + "=") } }
    }

    /// `apt-get install …` or `apt install …`.
    static func apt(_ command: ShellCommand, subcommand wanted: String = "install") -> PackageInstall? {
        guard let program = command.program, program == "apt-get" || program == "apt" else { return nil }
        return parse(command, subcommand: wanted, valueOptions: ["-o", "-t", "-c", "--target-release", "--option", "--config-file"])
    }

    /// `pip install …`, `pip3 install …`, `python -m pip install …`, `uv pip install …`.
    static func pip(_ command: ShellCommand) -> PackageInstall? {
        var trimmed = command
        let words = Array(command.invocation)
        guard let program = command.program else { return nil }
        if program.hasPrefix("python"), words.count > 2, words[1].text == "-m", words[2].text == "pip" {
            trimmed.words = Array(words.dropFirst(2))
        } else if program == "uv", words.count > 1, words[1].text == "pip" {
            trimmed.words = Array(words.dropFirst())
        } else if !isPip(program) {
            return nil
        }
        return parse(trimmed, subcommand: "install", valueOptions: [
            "-r", "--requirement", "-c", "--constraint", "-e", "--editable", "-i", "--index-url",
            "--extra-index-url", "-f", "--find-links", "-t", "--target", "--prefix", "--root", "--platform",
            "--python-version", "--implementation", "--abi", "--src", "--upgrade-strategy", "--progress-bar",
            "--trusted-host", "--cache-dir", "--log", "--proxy", "--timeout", "--retries", "--config-settings",
            "--global-option",
        ])
    }

    /// `pip`, `pip3`, `pip3.11`.
    static func isPip(_ program: String) -> Bool {
        program.hasPrefix("pip") && program.dropFirst(3).allSatisfy { $0.isNumber || $0 == "." }
    }

    private static func parse(_ command: ShellCommand, subcommand wanted: String, valueOptions: Set<String>) -> PackageInstall? {
        var options: [String] = []
        var values: [(String, String)] = []
        var packages: [ShellWord] = []
        var subcommand: String?
        var arguments = command.invocation.dropFirst()
        while let word = arguments.first {
            arguments = arguments.dropFirst()
            if word.text.hasPrefix("-") {
                options.append(word.text)
                if valueOptions.contains(word.text), let value = arguments.first {
                    values.append((word.text, value.text))
                    arguments = arguments.dropFirst()
                } else if let equals = word.text.firstIndex(of: "="), valueOptions.contains(String(word.text[..<equals])) {
                    values.append((String(word.text[..<equals]), String(word.text[word.text.index(after: equals)...])))
                }
            } else if subcommand == nil {
                subcommand = word.text
            } else {
                packages.append(word)
            }
        }
        guard subcommand == wanted else { return nil }
        return PackageInstall(command: command, options: options, packages: packages, optionValues: values)
    }
}
