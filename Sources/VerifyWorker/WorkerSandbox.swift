import Foundation
import PythonRuntime
import WorkerProtocol
import _SystemShims

/// The worker's box, entered before its interpreter starts: its own folder as HOME and
/// TMPDIR, resource limits, the supervisor's pids cgroup, and — where the kernel allows —
/// a network namespace with only loopback and a mount namespace that is read-only outside
/// the box. What the kernel refuses is left to the audit hook in the Python glue.
struct WorkerSandbox {
    let policy: SandboxPolicy
    /// The worker's own folder; snippets' working directories are made inside it.
    let root: URL
    /// What the kernel granted, for the supervisor's report.
    private(set) var isolation: [String] = []
    /// Whether the number of processes is limited by the kernel (a cgroup, or RLIMIT_NPROC
    /// for a user other than root); when not, the glue counts forks itself.
    private(set) var processLimitHeld = false
    /// cgroup.procs of the supervisor's cgroup, open until `joinCgroup` writes to it.
    private(set) var cgroupProcs: Int32 = -1

    /// The policy in `VERIFY_SANDBOX`; when the variable is missing, as when the worker
    /// is started by hand, the default limits and nothing refused.
    static func policyFromEnvironment() -> SandboxPolicy {
        guard let text = ProcessInfo.processInfo.environment[SandboxPolicy.environmentKey],
            let policy = try? JSONDecoder().decode(SandboxPolicy.self, from: Data(text.utf8))
        else { return .off }
        unsetenv(SandboxPolicy.environmentKey)
        return policy
    }

    init(policy: SandboxPolicy, root: URL) {
        self.policy = policy
        self.root = root
    }

    /// What the glue's audit hook refuses; nil when the policy refuses nothing.
    var guardPolicy: GuardPolicy? {
        let writable = policy.writablePaths.contains("/") ? nil : [root.path] + policy.writablePaths
        // Without a kernel limit the hook counts process starts over the whole snippet,
        // not processes at once, so it allows fewer: a fork bomb is then refused in well
        // under a second even on a busy machine.
        let forkLimit = processLimitHeld ? nil : policy.processes.map { min($0, Self.forkLimitWithoutKernel) }
        guard writable != nil || !policy.allowNetwork || forkLimit != nil || policy.addressSpaceBytes != nil
            || policy.fileSizeBytes != nil
        else { return nil }
        return GuardPolicy(
            writableRoots: writable, allowNetwork: policy.allowNetwork, forkLimit: forkLimit,
            addressSpaceBytes: policy.addressSpaceBytes,
            kernelRefusesWrites: isolation.contains("read-only mounts") || isolation.contains("bubblewrap"),
            processLimit: processLimitHeld ? policy.processes : nil, fileSizeBytes: policy.fileSizeBytes,
            boxBytes: isolation.contains { $0.hasPrefix("box of") } ? policy.boxBytes : nil)
    }

    /// Process starts a snippet may make when the hook counts them.
    static let forkLimitWithoutKernel = 64

    var home: String { root.appendingPathComponent("home").path }
    var temporary: String { root.appendingPathComponent("tmp").path }

    /// Everything that must happen while the process still has one thread: the user
    /// namespace cannot be entered later.
    mutating func enter() throws {
        for folder in [root.path, home, temporary] {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        }
        setenv("HOME", home, 1)
        setenv("TMPDIR", temporary, 1)
        if let cgroup = policy.cgroup {
            cgroupProcs = vsys_open_cgroup(cgroup)
            processLimitHeld = cgroupProcs >= 0
        }
        applyLimits()
        if vsys_become_subreaper() == 0 { isolation.append("child subreaper") }
        if policy.bubblewrap != nil {
            isolation.append("bubblewrap")
        } else if policy.useNamespaces {
            enterNamespaces()
            if vsys_drop_capabilities() == 0 { isolation.append("no capabilities") }
        }
    }

    /// Moves the worker into the supervisor's cgroup opened by `enter()`; a thread of its
    /// own does this while the interpreter starts, and no snippet runs before it is done.
    static func joinCgroup(_ procs: Int32) -> Bool { procs >= 0 && vsys_join_cgroup(procs) == 0 }

    /// What `joinCgroup` did: without the cgroup, processes are limited as when there is none.
    mutating func cgroupJoined(_ joined: Bool) {
        guard cgroupProcs >= 0 else { return }
        if joined {
            isolation.insert("pids cgroup", at: 0)
        } else {
            processLimitHeld = false
            limitProcesses()
        }
    }

    /// Limits the worker and everything it starts. A file-size overrun then fails the
    /// write with EFBIG instead of killing the worker with SIGXFSZ.
    private mutating func applyLimits() {
        signal(SIGXFSZ, SIG_IGN)
        _ = vsys_set_limit(VSYS_LIMIT_CORE_SIZE, 0, 0)
        if let bytes = policy.addressSpaceBytes { _ = vsys_set_limit(VSYS_LIMIT_ADDRESS_SPACE, bytes, bytes) }
        if let bytes = policy.fileSizeBytes { _ = vsys_set_limit(VSYS_LIMIT_FILE_SIZE, bytes, bytes) }
        limitProcesses()
    }

    private mutating func limitProcesses() {
        // RLIMIT_NPROC counts every process of the user, and root is exempt from it.
        if let processes = policy.processes, !processLimitHeld, geteuid() != 0 {
            let limit = UInt64(Int(vsys_tasks_of_user()) + processes)
            processLimitHeld = vsys_set_limit(VSYS_LIMIT_PROCESSES, limit, limit) == 0
            if processLimitHeld { isolation.append("RLIMIT_NPROC") }
        }
    }

    private mutating func enterNamespaces() {
        // An unprivileged user needs a user namespace of its own to make the others.
        if geteuid() != 0, vsys_enter_user_namespace() != 0 { return }
        if !policy.allowNetwork, vsys_enter_network_namespace() == 0 {
            isolation.append("network namespace")
        }
        guard !policy.writablePaths.contains("/") else { return }
        let writable = ([root.path] + policy.writablePaths).filter { FileManager.default.fileExists(atPath: $0) }
        var pointers = writable.map { UnsafePointer(strdup($0)) }
        defer { pointers.forEach { free(UnsafeMutablePointer(mutating: $0)) } }
        guard pointers.withUnsafeMutableBufferPointer({
            vsys_enter_read_only_namespace($0.baseAddress, Int32($0.count), policy.allowNetwork ? 0 : 1)
        }) == 0 else { return }
        isolation.append("read-only mounts")
        if let bytes = policy.boxBytes, vsys_mount_box(root.path, bytes) == 0 {
            isolation.append("box of \(bytes >> 20) MiB")
            // The new file system hides the folders made before it.
            for folder in [home, temporary] { try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true) }
        }
    }
}
