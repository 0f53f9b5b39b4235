import Foundation
import Synchronization
import VerifyCore

/// Runs `shellcheck -s bash -f json -` on a script given on standard input and decodes
/// its findings. The script is never executed. A shellcheck that fails, or runs longer
/// than `timeout`, yields no findings rather than an error: its checks are advice.
///
/// SC1091 ("not following: file was not specified as input") is left out: a snippet's
/// `source venv/bin/activate` names a file that only exists on the reader's machine.
struct ShellcheckRunner {
    let path: String
    var timeout: TimeInterval = 20

    /// One entry of shellcheck's `json` output.
    struct Comment: Decodable {
        var line: Int
        var column: Int
        var level: String
        var code: Int
        var message: String
    }

    func run(_ script: String) -> [Comment]? {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = ["-s", "bash", "-f", "json", "-e", "SC1091", "-"]
        let input = Pipe()
        let output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        do {
            try process.run()
        } catch {
            return nil
        }
        let writer = input.fileHandleForWriting
        let data = Data(script.utf8)
        DispatchQueue.global().async {
            try? writer.write(contentsOf: data)
            try? writer.close()
        }
        let exited = Watchdog(process.processIdentifier, after: timeout)
        let result = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        exited.disarm()
        // 0: no findings, 1: findings; anything else is shellcheck failing.
        guard process.terminationReason == .exit, [0, 1].contains(process.terminationStatus) else { return nil }
        return try? JSONDecoder().decode([Comment].self, from: result)
    }

    /// Maps shellcheck's level to a severity: error, warning, and info for info and style.
    static func severity(_ level: String) -> Finding.Severity {
        switch level {
        case "error": .error
        case "warning": .warning
        default: .info
        }
    }
}

/// Kills a process that is still running after a delay, unless disarmed first.
private final class Watchdog: Sendable {
    private let armed = Mutex(true)

    init(_ pid: Int32, after seconds: TimeInterval) {
        DispatchQueue.global().asyncAfter(deadline: .now() + seconds) { [self] in
            armed.withLock { armed in
                if armed { kill(pid, SIGKILL) }
                armed = false
            }
        }
    }

    func disarm() {
        armed.withLock { $0 = false }
    }
}
