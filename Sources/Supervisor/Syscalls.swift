internal import _SystemShims
import Foundation

/// Every system call the supervisor makes, in one place: EINTR is retried here and
/// failures become `SupervisorError` values with their errno.
enum Syscall {
    static func pipe() throws -> (read: Int32, write: Int32) {
        var fds: [Int32] = [-1, -1]
        guard vsys_pipe_cloexec(&fds) == 0 else { throw SupervisorError(.system("pipe2"), errno: errno) }
        return (fds[0], fds[1])
    }

    /// An anonymous in-memory file in append mode, close-on-exec.
    static func recordFile() throws -> Int32 {
        let fd = vsys_record_file()
        guard fd >= 0 else { throw SupervisorError(.system("memfd_create"), errno: errno) }
        return fd
    }

    static func setNonblocking(_ fd: Int32) throws {
        guard vsys_set_nonblocking(fd) == 0 else { throw SupervisorError(.system("fcntl"), errno: errno) }
    }

    /// The capacity of a pipe, after asking for `bytes` when given; nil if unknown.
    static func pipeCapacity(_ fd: Int32, asking bytes: Int32 = 0) -> Int? {
        let capacity = vsys_pipe_capacity(fd, bytes)
        return capacity < 0 ? nil : Int(capacity)
    }

    static func pidfd(_ pid: pid_t) -> Int32 { vsys_pidfd_open(pid) }

    static func spawn(_ path: String, arguments: [String], environment: [String: String], descriptors: [Int32]) throws -> pid_t {
        let argv = ([path] + arguments).map { strdup($0) } + [nil]
        let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            argv.forEach { free($0) }
            envp.forEach { free($0) }
        }
        var pid: pid_t = 0
        let result = vsys_spawn(path, argv, envp, descriptors, Int32(descriptors.count), &pid)
        guard result == 0 else { throw SupervisorError(.spawn(path), errno: result) }
        return pid
    }

    /// Reads what is available; nil at end of file, empty when it would block.
    static func read(_ fd: Int32, into buffer: inout [UInt8]) -> Int? {
        while true {
            let count = buffer.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, $0.count) }
            if count > 0 { return count }
            if count == 0 { return nil }
            if errno == EINTR { continue }
            if errno == EAGAIN || errno == EWOULDBLOCK { return 0 }
            return nil
        }
    }

    /// Writes all of `bytes`; false when the reader is gone.
    static func writeAll(_ fd: Int32, _ bytes: [UInt8]) -> Bool {
        bytes.withUnsafeBytes { buffer in
            var offset = 0
            while offset < buffer.count {
                let written = Glibc.write(fd, buffer.baseAddress! + offset, buffer.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    return false
                }
                offset += written
            }
            return true
        }
    }

    /// Polls for readability; returns the indices of ready descriptors (hang-up and error count).
    static func poll(_ fds: [Int32], timeoutMilliseconds: Int) -> [Int] {
        var entries = fds.map { pollfd(fd: $0, events: Int16(POLLIN), revents: 0) }
        while true {
            let result = Glibc.poll(&entries, nfds_t(entries.count), Int32(clamping: timeoutMilliseconds))
            if result < 0 && errno == EINTR { continue }
            if result <= 0 { return [] }
            return entries.indices.filter { entries[$0].fd >= 0 && entries[$0].revents != 0 }
        }
    }

    /// Kills the process group `pid` leads, and the leader unless it was already reaped
    /// (its pid may then belong to another process; a group id is never reused while the
    /// group has members).
    static func killGroup(_ pid: pid_t, includingLeader: Bool = true) {
        _ = Glibc.kill(-pid, SIGKILL)
        if includingLeader { _ = Glibc.kill(pid, SIGKILL) }
    }

    /// Reaps `pid` if it ends within `milliseconds`; its wait status, or nil.
    static func waitBriefly(_ pid: pid_t, milliseconds: Int) -> Int32? {
        var status: Int32 = 0
        for _ in 0..<max(milliseconds, 1) {
            let result = waitpid(pid, &status, WNOHANG)
            if result == pid { return status }
            if result < 0 && errno != EINTR { return nil }
            usleep(1000)
        }
        return nil
    }

    /// The exit status in a wait status, or nil when the process was killed by a signal.
    static func exitCode(status: Int32) -> Int32? {
        status & 0x7f == 0 ? (status >> 8) & 0xff : nil
    }

    /// Waits for `pid` and describes how it ended.
    static func wait(_ pid: pid_t) -> String {
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 {
            if errno != EINTR { return "ended" }
        }
        return describe(status: status)
    }

    static func describe(status: Int32) -> String {
        let signal = status & 0x7f
        if signal == 0 { return "exited with status \((status >> 8) & 0xff)" }
        return describe(signal: signal)
    }

    static func describe(signal: Int32) -> String {
        let name = strsignal(signal).map { String(cString: $0) } ?? "signal"
        return "killed by signal \(signal) (\(name))"
    }

    static func kill(_ pid: pid_t) {
        _ = Glibc.kill(pid, SIGKILL)
    }

    static func makeDirectory(_ path: String) -> Bool { mkdir(path, 0o755) == 0 }

    /// Whether a process with this pid exists (signal 0 checks without sending).
    static func isAlive(_ pid: pid_t) -> Bool { Glibc.kill(pid, 0) == 0 || errno == EPERM }

    @discardableResult
    static func removeDirectory(_ path: String) -> Bool { rmdir(path) == 0 || errno == ENOENT }

    /// Whether a cgroup made below `directory` gets the pids controller: a v1 pids
    /// hierarchy always, a v2 one only when the parent hands it down.
    static func canDelegatePids(_ directory: String) -> Bool {
        if access(directory + "/cgroup.subtree_control", F_OK) != 0 { return true }
        return (readFile(directory + "/cgroup.subtree_control") ?? "").split(separator: " ").contains { $0.hasPrefix("pids") }
    }

    /// A small file's text (from /proc or a cgroup), nil when it cannot be read.
    static func readFile(_ path: String) -> String? {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { _ = Glibc.close(fd) }
        return read(fd, limit: 1 << 20).map { String(decoding: $0, as: UTF8.self) }
    }

    /// What an open file holds up to its end or `limit` bytes, from `offset` on
    /// (without moving its position), or from its position when `offset` is nil; nil
    /// when it cannot be read.
    static func read(_ fd: Int32, from offset: Int? = nil, limit: Int) -> [UInt8]? {
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 16384)
        while bytes.count < limit {
            let count = chunk.withUnsafeMutableBytes { buffer in
                offset.map { pread(fd, buffer.baseAddress, buffer.count, off_t($0 + bytes.count)) }
                    ?? Glibc.read(fd, buffer.baseAddress, buffer.count)
            }
            if count < 0 && errno == EINTR { continue }
            if count < 0 { return nil }
            if count == 0 { break }
            bytes += chunk[0..<count]
        }
        return bytes
    }

    /// The size of an open file; 0 when it cannot be read.
    static func size(_ fd: Int32) -> Int {
        var info = stat()
        return fstat(fd, &info) == 0 ? Int(info.st_size) : 0
    }

    /// Empties an open file; false when it cannot.
    static func truncate(_ fd: Int32) -> Bool {
        while ftruncate(fd, 0) != 0 {
            if errno != EINTR { return false }
        }
        return true
    }

    /// Writes `text` to a cgroup or /proc file in one write, as those files expect.
    static func writeFile(_ path: String, _ text: String) -> Bool {
        let fd = open(path, O_WRONLY | O_CLOEXEC)
        guard fd >= 0 else { return false }
        defer { _ = Glibc.close(fd) }
        return writeAll(fd, Array(text.utf8))
    }

    /// Every process descended from `pid`, by the parent links in /proc; a daemon that
    /// double-forked is still found while the worker it was reparented to (a subreaper) lives.
    static func descendants(of pid: pid_t) -> [pid_t] {
        guard let entries = try? FileManager.default.contentsOfDirectory(atPath: "/proc") else { return [] }
        var children: [pid_t: [pid_t]] = [:]
        for entry in entries {
            guard let child = pid_t(entry), let stat = readFile("/proc/\(entry)/stat"),
                let close = stat.lastIndex(of: ")")
            else { continue }
            let fields = stat[stat.index(after: close)...].split(separator: " ")
            if fields.count > 1, let parent = pid_t(fields[1]) { children[parent, default: []].append(child) }
        }
        var found: [pid_t] = []
        var pending = [pid]
        while let next = pending.popLast() {
            let direct = children[next] ?? []
            found += direct
            pending += direct
        }
        return found
    }

    static func close(_ fd: Int32) {
        if fd >= 0 { _ = Glibc.close(fd) }
    }
}
