import Foundation
import Synchronization

/// A pids cgroup for one worker, where the kernel lets verify make one (root with the
/// cgroup v1 pids hierarchy, or a delegated cgroup v2 subtree). It limits the tasks the
/// worker and everything it starts may have at once — for root too, whom RLIMIT_NPROC
/// does not bind — and lists every one of them for killing, daemons that left the
/// worker's session included.
final class ProcessCgroup {
    let path: String

    private init(path: String) { self.path = path }

    /// A new cgroup holding at most `tasks` processes and threads, or nil where none can be made.
    static func make(tasks: Int) -> ProcessCgroup? {
        guard let parent = parent else { return nil }
        removeLeftovers()
        let number = counter.withLock { value in
            value += 1
            return value
        }
        let path = "\(parent)/verify-\(getpid())-\(number)"
        guard Syscall.makeDirectory(path) else { return nil }
        guard Syscall.writeFile(path + "/pids.max", "\(tasks)\n") else {
            Syscall.removeDirectory(path)
            return nil
        }
        return ProcessCgroup(path: path)
    }

    /// Kills every process in the cgroup until none is left; a process forking while the
    /// list is read is caught on the next round, and the cgroup's limit bounds the rounds.
    /// The list is read again after 50 µs, then less often, up to every 500 µs: a killed
    /// worker is gone in about a millisecond.
    func killAll() {
        for round in 0..<1000 {
            let pids = members()
            if pids.isEmpty { return }
            pids.forEach(Syscall.kill)
            usleep(UInt32(min(50 << min(round, 4), 500)))
        }
    }

    /// Removes the cgroup once its last process is gone. Killed processes whose parent
    /// died are reaped by init in its own time; a cgroup still holding them is removed
    /// later, when the next one is made.
    func remove() {
        for _ in 0..<10 {
            killAll()
            if Syscall.removeDirectory(path) { return }
            usleep(1000)
        }
        Self.unremoved.withLock { $0.append(path) }
    }

    /// How many times a fork or clone failed at the limit since the cgroup was made.
    var limitHits: Int {
        let events = Syscall.readFile(path + "/pids.events") ?? ""
        return events.split(separator: "\n").first { $0.hasPrefix("max ") }.flatMap { Int($0.dropFirst(4)) } ?? 0
    }

    /// Starts with the cgroups of verify runs that are gone (killed before they could
    /// clean up), so that the first cgroup made removes them.
    private static let unremoved = Mutex<[String]>(staleCgroups())

    /// Removes the cgroups that could not be removed before.
    private static func removeLeftovers() {
        let paths = unremoved.withLock { paths in
            defer { paths = [] }
            return paths
        }
        for path in paths where !Syscall.removeDirectory(path) {
            unremoved.withLock { $0.append(path) }
        }
    }

    private func members() -> [pid_t] {
        (Syscall.readFile(path + "/cgroup.procs") ?? "").split(separator: "\n").compactMap { pid_t($0) }
    }

    private static let counter = Mutex(0)

    /// Cgroups named after a verify process that no longer exists.
    private static func staleCgroups() -> [String] {
        guard let parent, let entries = try? FileManager.default.contentsOfDirectory(atPath: parent) else { return [] }
        return entries.filter { entry in
            let parts = entry.split(separator: "-")
            guard parts.count == 3, parts[0] == "verify", let pid = pid_t(parts[1]) else { return false }
            return !Syscall.isAlive(pid)
        }.map { "\(parent)/\($0)" }
    }

    /// Where this process's own pids cgroup lives, if verify may make cgroups below it.
    private static let parent: String? = {
        guard let mounts = Syscall.readFile("/proc/self/mountinfo"), let own = Syscall.readFile("/proc/self/cgroup") else {
            return nil
        }
        for line in mounts.split(separator: "\n") {
            let halves = line.components(separatedBy: " - ")
            guard halves.count == 2 else { continue }
            let fields = halves[0].split(separator: " ")
            let tail = halves[1].split(separator: " ")
            guard fields.count > 4, tail.count > 2 else { continue }
            let mountPoint = String(fields[4])
            let relative: Substring?
            if tail[0] == "cgroup", tail[2].split(separator: ",").contains("pids") {
                relative = own.split(separator: "\n").lazy
                    .map { $0.split(separator: ":", maxSplits: 2, omittingEmptySubsequences: false) }
                    .first { $0.count == 3 && $0[1].split(separator: ",").contains("pids") }?[2]
            } else if tail[0] == "cgroup2" {
                relative = own.split(separator: "\n").first { $0.hasPrefix("0::") }?.dropFirst(3)
            } else {
                continue
            }
            guard let relative else { continue }
            let directory = mountPoint + (relative == "/" ? "" : String(relative))
            if access(directory, W_OK) == 0, Syscall.canDelegatePids(directory) { return directory }
        }
        return nil
    }()
}
