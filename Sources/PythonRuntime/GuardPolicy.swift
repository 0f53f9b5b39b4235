import WorkerProtocol

/// What the glue's audit hook refuses a snippet, reported as `blocked-by-sandbox`.
///
/// The hook sees what Python code does (open, os functions that write, rename or
/// delete, socket connections and lookups, forks); native code inside a snippet and
/// programs it starts go around it, which is what the kernel namespaces are for.
public struct GuardPolicy: Sendable, Hashable {
    /// Folders where writing is allowed; nil allows writing anywhere.
    public var writableRoots: [String]?
    /// Whether connections and lookups of hosts other than loopback are allowed.
    public var allowNetwork: Bool
    /// Processes a snippet may start, counted across its forks, when no kernel limit holds.
    public var forkLimit: Int?
    /// The kernel's limit on processes, when one holds, to name it when a fork fails.
    public var processLimit: Int?
    /// The file-size limit in force, to name it when a write fails with EFBIG.
    public var fileSizeBytes: UInt64?
    /// The size of the worker's folder when it is a file system of its own, to name it
    /// when a write fails with ENOSPC.
    public var boxBytes: UInt64?
    /// The address-space limit in force, so that a MemoryError is reported as the limit.
    public var addressSpaceBytes: UInt64?
    /// Whether the kernel already refuses writes outside the writable roots (read-only
    /// mounts), so that the hook may compare paths without resolving symbolic links.
    public var kernelRefusesWrites: Bool

    public init(
        writableRoots: [String]?, allowNetwork: Bool, forkLimit: Int?, addressSpaceBytes: UInt64?,
        kernelRefusesWrites: Bool = false, processLimit: Int? = nil, fileSizeBytes: UInt64? = nil,
        boxBytes: UInt64? = nil
    ) {
        self.boxBytes = boxBytes
        self.fileSizeBytes = fileSizeBytes
        self.processLimit = processLimit
        self.kernelRefusesWrites = kernelRefusesWrites
        self.writableRoots = writableRoots
        self.allowNetwork = allowNetwork
        self.forkLimit = forkLimit
        self.addressSpaceBytes = addressSpaceBytes
    }

    /// The policy as the glue reads it, a JSON object.
    var json: String {
        var writer = JSONWriter()
        writer.raw("{")
        writer.key("allowNetwork", first: true)
        writer.bool(allowNetwork)
        writer.key("kernelWrites")
        writer.bool(kernelRefusesWrites)
        if let writableRoots {
            writer.key("writable")
            writer.strings(writableRoots)
        }
        for (key, value) in [("forkLimit", forkLimit), ("processLimit", processLimit),
                             ("fileSize", fileSizeBytes.map { Int(clamping: $0) }), ("boxSize", boxBytes.map { Int(clamping: $0) }),
                             ("addressSpace", addressSpaceBytes.map { Int(clamping: $0) })] {
            guard let value else { continue }
            writer.raw(",")
            writer.string(key)
            writer.raw(":")
            writer.integer(value)
        }
        writer.raw("}")
        return String(decoding: writer.bytes, as: UTF8.self)
    }
}
