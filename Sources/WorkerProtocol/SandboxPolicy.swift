/// What a worker may do, decided by the supervisor and handed to the worker at start
/// (as JSON in `VERIFY_SANDBOX`). The worker applies the limits and namespaces to itself
/// before its interpreter starts, and tells its Python glue what to refuse.
public struct SandboxPolicy: Sendable, Hashable, Codable {
    /// Address space of the worker and of each process it starts, in bytes.
    public var addressSpaceBytes: UInt64?
    /// Largest file a snippet may write, in bytes; a larger write fails with EFBIG.
    public var fileSizeBytes: UInt64?
    /// Tasks (processes and threads) the worker and everything it starts may have at once.
    public var processes: Int?
    /// Size of the worker's own folder (a tmpfs of its own where the kernel allows a mount
    /// namespace), in bytes: snippets' files cannot fill the host's disk or memory.
    public var boxBytes: UInt64? = 1 << 30
    /// Whether snippets may reach hosts other than the loopback interface.
    public var allowNetwork: Bool
    /// Folders outside the worker's own where snippets may write, besides its box.
    public var writablePaths: [String]
    /// Whether the worker should make kernel namespaces (network, read-only mounts) where
    /// the kernel lets it; the audit hook in the glue refuses the same things either way.
    public var useNamespaces: Bool
    /// The `bwrap` executable to start each worker in (`--sandbox bwrap`): a read-only
    /// root, its own /dev, /proc, process and (without `allowNetwork`) network namespaces,
    /// and only the scratch folder and `writablePaths` writable.
    public var bubblewrap: String?
    /// Whether the supervisor makes a pids cgroup for each worker where it can; without
    /// one, the process limit falls to RLIMIT_NPROC (not for root) or the audit hook.
    public var useCgroup = true
    /// A pids cgroup the worker joins first thing, set up by the supervisor, so that the
    /// process limit holds even for root and every process it starts can be found.
    public var cgroup: String?

    public init(
        addressSpaceBytes: UInt64? = 2 << 30, fileSizeBytes: UInt64? = 256 << 20, processes: Int? = 512,
        allowNetwork: Bool = false, writablePaths: [String] = [],
        useNamespaces: Bool = true, cgroup: String? = nil, bubblewrap: String? = nil
    ) {
        self.bubblewrap = bubblewrap
        self.addressSpaceBytes = addressSpaceBytes
        self.fileSizeBytes = fileSizeBytes
        self.processes = processes
        self.allowNetwork = allowNetwork
        self.writablePaths = writablePaths
        self.useNamespaces = useNamespaces
        self.cgroup = cgroup
    }

    /// The default limits and nothing refused: what `--sandbox off` asks for.
    public static let off = SandboxPolicy(allowNetwork: true, writablePaths: ["/"], useNamespaces: false)

    /// The environment variable that carries the policy to the worker.
    public static let environmentKey = "VERIFY_SANDBOX"
}

extension SandboxPolicy {
    /// The `bwrap` arguments that start `executable` boxed, with `scratch` writable.
    public func bubblewrapArguments(executable: String, scratch: String) -> [String] {
        var arguments = ["--ro-bind", "/", "/", "--dev", "/dev", "--tmpfs", "/dev/shm", "--proc", "/proc"]
        // No daemon's socket (Docker's, D-Bus's) without network; resolv.conf may live in /run.
        if !allowNetwork { arguments += ["--tmpfs", "/run"] }
        for path in [scratch] + writablePaths + (cgroup.map { [$0] } ?? []) {
            arguments += ["--bind", path, path]
        }
        // Run as root, bwrap would keep every capability, and with it the right to remount
        // `/` read-write.
        arguments += ["--unshare-pid", "--unshare-ipc", "--die-with-parent", "--new-session", "--cap-drop", "ALL"]
        if !allowNetwork { arguments.append("--unshare-net") }
        return arguments + ["--", executable]
    }
}
