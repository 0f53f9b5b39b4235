import VerifyCore

/// Guesses the language of a fence with an empty info string from its content.
/// Only clear signals count; anything else is text.
enum LanguageDetector {
    static func detect(_ code: String) -> Language {
        let lines = code.split(separator: "\n").map { $0.trimmingCharacters(in: " \t") }
            .filter { !$0.isEmpty }
        guard let first = lines.first else { return .text }
        if lines.contains(where: { $0.hasPrefix(">>> ") || $0 == ">>>" }) {
            return Language(name: "python", dialect: "pycon")
        }
        let upperFirst = first.uppercased()
        if upperFirst.hasPrefix("FROM "), lines.dropFirst().contains(where: isDockerInstruction) {
            return .dockerfile
        }
        if sqlStarts.contains(where: { upperFirst.hasPrefix($0) }) { return .sql }
        if first.hasPrefix("$ ") || first.hasPrefix("#!/bin/") || first.hasPrefix("#!/usr/bin/env bash") {
            return .shell
        }
        if lines.contains(where: isPythonLine) { return .python }
        return .text
    }

    private static let sqlStarts = [
        "SELECT ", "INSERT INTO", "UPDATE ", "DELETE FROM", "CREATE TABLE", "CREATE INDEX",
        "CREATE UNIQUE INDEX", "CREATE VIEW", "WITH ", "ALTER TABLE", "DROP TABLE", "BEGIN;",
        "BEGIN TRANSACTION",
    ]
    private static let dockerInstructions = [
        "RUN", "COPY", "ADD", "CMD", "ENTRYPOINT", "WORKDIR", "ENV", "EXPOSE", "USER", "ARG", "LABEL",
    ]

    private static func isDockerInstruction(_ line: String) -> Bool {
        let word = line.prefix { !$0.isWhitespace }.uppercased()
        return dockerInstructions.contains(word)
    }

    private static func isPythonLine(_ line: String) -> Bool {
        let starts = ["def ", "class ", "import ", "async def ", "print(", "@", "for ", "while ", "if __name__"]
        if starts.contains(where: { line.hasPrefix($0) }) { return true }
        if line.hasPrefix("from "), line.contains(" import ") { return true }
        return false
    }
}

extension StringProtocol {
    func trimmingCharacters(in set: String) -> String {
        let scalars = Set(set)
        var slice = Substring(self)
        while let first = slice.first, scalars.contains(first) { slice.removeFirst() }
        while let last = slice.last, scalars.contains(last) { slice.removeLast() }
        return String(slice)
    }
}
