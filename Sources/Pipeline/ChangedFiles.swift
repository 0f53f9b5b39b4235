public import Foundation

/// The files changed since a git ref (committed, staged, unstaged and untracked), as
/// absolute paths: `--changed-since REF` runs only these documents.
public enum ChangedFiles {
    public struct Failure: Error, CustomStringConvertible {
        public var description: String
    }

    public static func since(_ ref: String, in directory: String = FileManager.default.currentDirectoryPath) throws -> Set<String> {
        let root = try git(["rev-parse", "--show-toplevel"], in: directory).trimmingCharacters(in: .whitespacesAndNewlines)
        let changed = try git(["diff", "--name-only", ref, "--"], in: directory)
            + "\n" + git(["ls-files", "--others", "--exclude-standard", "--full-name"], in: root)
        return Set(changed.split(separator: "\n").map {
            URL(fileURLWithPath: root).appendingPathComponent(String($0)).standardizedFileURL.path
        })
    }

    private static func git(_ arguments: [String], in directory: String) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["git"] + arguments
        process.currentDirectoryURL = URL(fileURLWithPath: directory)
        let output = Pipe()
        let errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        do {
            try process.run()
        } catch {
            throw Failure(description: "cannot run git: \(error.localizedDescription)")
        }
        let data = output.fileHandleForReading.readDataToEndOfFile()
        let message = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            let text = String(decoding: message, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
            throw Failure(description: "git \(arguments.joined(separator: " ")): \(text)")
        }
        return String(decoding: data, as: UTF8.self)
    }
}
