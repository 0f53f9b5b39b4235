import ArgumentParser
import Foundation

/// `--sandbox`: how snippets are boxed.
enum SandboxMode: String, ExpressibleByArgument, CaseIterable {
    /// Resource limits, a pids cgroup, network and read-only mount namespaces where the
    /// kernel allows them, and the audit hook.
    case auto
    /// As `auto`, with each worker started inside bubblewrap.
    case bwrap
    /// Resource limits only: snippets may write anywhere and reach any host.
    case off

    /// `bwrap` on PATH, if installed.
    static var bubblewrap: String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        return path.split(separator: ":").map { "\($0)/bwrap" }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }
}
