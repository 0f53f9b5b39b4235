import ArgumentParser
import Foundation
import WorkerProtocol

/// How snippets are boxed (see the README's threat model).
struct SandboxOptions: ParsableArguments {
    @Option(help: "How snippets are boxed: auto (limits, kernel namespaces where allowed, audit hook), bwrap (also inside bubblewrap), off (limits only).")
    var sandbox: SandboxMode = .auto

    @Flag(help: "Let snippets reach hosts other than loopback.")
    var allowNetwork = false

    @Option(help: "A folder where snippets may write besides their own (repeatable).")
    var allowWrite: [String] = []

    @Option(help: "Address space of each worker, in MiB (0: no limit).")
    var memoryLimit: Int = 2048

    @Option(help: "Processes and threads each worker may have at once (0: no limit).")
    var maxProcesses: Int = 512

    @Option(help: "Largest document read, in MiB; a larger one is an input error.")
    var maxFileSize: Int = 16

    func validate() throws {
        guard maxFileSize >= 1 else { throw ValidationError("--max-file-size must be at least 1") }
        guard memoryLimit >= 0 else { throw ValidationError("--memory-limit must not be negative") }
        guard maxProcesses >= 0 else { throw ValidationError("--max-processes must not be negative") }
        for path in allowWrite { try DirectoryOption.require(path, option: "allow-write") }
        if sandbox == .bwrap, SandboxMode.bubblewrap == nil {
            throw ValidationError("--sandbox bwrap: bwrap not found on PATH (Debian package bubblewrap)")
        }
    }

    /// The sandbox the options ask for.
    var policy: SandboxPolicy {
        var policy = sandbox == .off ? SandboxPolicy.off : SandboxPolicy()
        policy.addressSpaceBytes = memoryLimit == 0 ? nil : UInt64(memoryLimit) << 20
        policy.processes = maxProcesses == 0 ? nil : maxProcesses
        if sandbox != .off {
            policy.allowNetwork = allowNetwork
            policy.writablePaths = allowWrite.map { URL(fileURLWithPath: $0).standardizedFileURL.resolvingSymlinksInPath().path }
        }
        if sandbox == .bwrap { policy.bubblewrap = SandboxMode.bubblewrap }
        return policy
    }
}
