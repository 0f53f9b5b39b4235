import Foundation
public import WorkerProtocol

/// How to start workers.
public struct WorkerConfiguration: Sendable {
    /// Path of the `verify-worker` executable.
    public var executable: String
    /// Folder under which each worker keeps its snippets' files.
    public var scratchDirectory: String
    /// Limit of each captured stream, in bytes.
    public var outputLimit: Int
    /// How long a worker may take to start its interpreter.
    public var startTimeout: Double
    /// Folders added to the interpreter's import path (a virtual environment's site-packages).
    public var pythonPaths: [String]
    /// Limits and isolation of each worker.
    public var sandbox: SandboxPolicy
    /// When set and interrupted, running jobs end at once and no worker starts.
    public var interruption: RunInterruption?
    /// Environment variables passed to workers besides verify's own; everything else
    /// the user's environment holds (tokens, keys) stays out of snippets' reach.
    public static let passedEnvironment = ["PATH", "LANG", "LC_ALL", "TZ"]

    /// Where workers keep the glue's compiled code between runs; nil compiles it each time.
    public var cacheDirectory: String?

    /// Fixes Python's str and bytes hashing in the workers (as PYTHONHASHSEED does);
    /// nil leaves it random.
    public var hashSeed: UInt32?

    public init(
        executable: String, scratchDirectory: String, outputLimit: Int = 1 << 20, startTimeout: Double = 30,
        pythonPaths: [String] = [], sandbox: SandboxPolicy = SandboxPolicy(), interruption: RunInterruption? = nil,
        hashSeed: UInt32? = nil, cacheDirectory: String? = WorkerCache.directory()
    ) {
        self.cacheDirectory = cacheDirectory
        self.interruption = interruption
        self.hashSeed = hashSeed
        self.executable = executable
        self.scratchDirectory = scratchDirectory
        self.outputLimit = outputLimit
        self.startTimeout = startTimeout
        self.pythonPaths = pythonPaths
        self.sandbox = sandbox
    }

    /// `VERIFY_WORKER` if set, else `verify-worker` next to the running executable.
    public static func locateWorker() throws -> String {
        if let path = ProcessInfo.processInfo.environment["VERIFY_WORKER"], !path.isEmpty { return path }
        let executable = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
        let candidate = executable.deletingLastPathComponent().appendingPathComponent("verify-worker").path
        guard FileManager.default.isExecutableFile(atPath: candidate) else {
            throw SupervisorError(.workerNotFound, detail: candidate)
        }
        return candidate
    }
}

/// One worker process: a new session (so its whole process group can be killed) in a
/// pids cgroup of its own where one can be made, its stdout and stderr captured by pipes
/// read here, private channels for requests, for the replies that cannot go to the
/// record file and for the doorbell, and that record file: an in-memory file the glue
/// appends its replies and probe records to.
final class WorkerProcess {
    let pid: pid_t
    private(set) var info = WorkerInfo(pythonVersion: "")
    /// Set when a job did not complete (timeout, crash, garbage on the channel), left
    /// something behind, or closed the worker's stdout or stderr.
    private(set) var mustBeReplaced = false

    private let requests: Int32
    private let replies: Int32
    /// Rung by the worker when it has run all it was sent; the only pipe that wakes the
    /// pump while jobs run.
    private let doorbell: Int32
    private let stdoutPipe: Int32
    private let stderrPipe: Int32
    /// The replies to jobs and the probe records (descriptor 5 in the worker).
    private var recordFile: RecordFile
    private let pidfd: Int32
    private var replyBuffer = LineBuffer()
    /// The worker's stdout and stderr, cut into jobs at the marker it writes after each.
    private var stdoutStream: JobOutputStream
    private var stderrStream: JobOutputStream
    private var stdoutOpen = true
    private var stderrOpen = true
    private var exited = false
    private let outputLimit: Int
    private let interruption: Int32
    private let cgroup: ProcessCgroup?
    private let usesBubblewrap: Bool
    private let processLimit: Int?
    /// The cgroup's limit hits before the current job, so that only the job's own count.
    private var limitHitsBefore = 0
    /// When the cgroup's limit was last read; a job's first 100 ms never read it.
    private var lastLimitCheck = ContinuousClock.now
    /// When the output pipes and the reply channel are next read. Neither wakes the pump
    /// while jobs run (only the doorbell does): a job's output is taken when its end is
    /// read, and in the meantime they are read 2 ms after the job started waiting, then
    /// again and again, sooner while output flows and up to 64 ms apart while it does
    /// not. (Each wake-up costs as much as a short snippet.)
    private var nextDrain = ContinuousClock.now
    private var drainInterval = firstDrain
    private static let firstDrain = ContinuousClock.Duration.milliseconds(2)
    /// How many times the replies were read, and the count when the pipes were last read.
    private var repliesRead = 0
    private var drainedAfterReplies = -1
    /// The buffer every read from the worker's pipes goes through.
    private var chunk = [UInt8](repeating: 0, count: 65536)

    /// The descriptors a worker is started with: the parent's ends and the child's.
    private struct Descriptors {
        var output, errors, requests, replies, doorbell: (read: Int32, write: Int32)
        var records, devNull: Int32
        /// Descriptors 0 to 6 of the worker.
        var child: [Int32] { [devNull, output.write, errors.write, requests.read, replies.write, records, doorbell.write] }
        var parent: [Int32] { [output.read, errors.read, requests.write, replies.read, records, doorbell.read] }

        /// Makes them all, or closes what it made and throws.
        static func make() throws -> Descriptors {
            var made: [Int32] = []
            func pipe() throws -> (read: Int32, write: Int32) {
                let pipe = try Syscall.pipe()
                made += [pipe.read, pipe.write]
                return pipe
            }
            func kept(_ fd: Int32) -> Int32 {
                made.append(fd)
                return fd
            }
            do {
                let descriptors = Descriptors(
                    output: try pipe(), errors: try pipe(), requests: try pipe(), replies: try pipe(), doorbell: try pipe(),
                    records: kept(try Syscall.recordFile()), devNull: kept(open("/dev/null", O_RDONLY | O_CLOEXEC)))
                for fd in [descriptors.output.read, descriptors.errors.read, descriptors.replies.read, descriptors.doorbell.read] {
                    try Syscall.setNonblocking(fd)
                }
                // Room for 1 MiB of output between two reads of the pipes (where allowed).
                for fd in [descriptors.output.read, descriptors.errors.read] { _ = Syscall.pipeCapacity(fd, asking: 1 << 20) }
                return descriptors
            } catch {
                made.forEach(Syscall.close)
                throw error
            }
        }
    }

    init(_ configuration: WorkerConfiguration) throws {
        let descriptors = try Descriptors.make()
        let (output, errors, requestPipe, replyPipe) = (descriptors.output, descriptors.errors, descriptors.requests, descriptors.replies)
        // The child's ends are the child's once it is started, and useless if it is not.
        defer {
            [output.write, errors.write, requestPipe.read, replyPipe.write, descriptors.doorbell.write, descriptors.devNull]
                .forEach(Syscall.close)
        }
        var policy = configuration.sandbox
        cgroup = policy.useCgroup ? policy.processes.flatMap(ProcessCgroup.make(tasks:)) : nil
        processLimit = policy.processes
        interruption = configuration.interruption?.descriptor ?? -1
        policy.cgroup = cgroup?.path
        let marker = OutputMarker.random()
        stdoutStream = JobOutputStream(marker: marker.bytes, limit: configuration.outputLimit)
        stderrStream = JobOutputStream(marker: marker.bytes, limit: configuration.outputLimit)
        let encodedPolicy: Data
        do {
            encodedPolicy = try JSONEncoder().encode(policy)
        } catch {
            descriptors.parent.forEach(Syscall.close)
            cgroup?.remove()
            throw error
        }
        // Few malloc arenas: each reserves 64 MiB of address space, which the limit counts.
        var environment = [
            "VERIFY_WORKER_ROOT": configuration.scratchDirectory, "LANG": "C.UTF-8", "MALLOC_ARENA_MAX": "2",
            // A snippet's segfault is the snippet's; Swift's crash report of the worker is noise.
            "SWIFT_BACKTRACE": "enable=no",
            SandboxPolicy.environmentKey: String(decoding: encodedPolicy, as: UTF8.self),
            OutputMarker.environmentKey: marker.text,
        ]
        for key in WorkerConfiguration.passedEnvironment {
            if let value = ProcessInfo.processInfo.environment[key] { environment[key] = value }
        }
        if !configuration.pythonPaths.isEmpty {
            environment["VERIFY_PYTHON_PATHS"] = configuration.pythonPaths.joined(separator: ":")
        }
        if let cache = configuration.cacheDirectory { environment[WorkerCache.environmentKey] = cache }
        if let seed = configuration.hashSeed { environment["VERIFY_HASH_SEED"] = String(seed) }
        var executable = configuration.executable
        var arguments: [String] = []
        usesBubblewrap = policy.bubblewrap != nil
        if let bubblewrap = policy.bubblewrap {
            arguments = policy.bubblewrapArguments(executable: executable, scratch: configuration.scratchDirectory)
            executable = bubblewrap
        }
        do {
            pid = try Syscall.spawn(
                executable, arguments: arguments, environment: environment,
                descriptors: descriptors.child)
        } catch {
            descriptors.parent.forEach(Syscall.close)
            cgroup?.remove()
            throw error
        }
        requests = requestPipe.write
        // A pipe whose size cannot be read holds at least a page.
        requestWindow = max((Syscall.pipeCapacity(requestPipe.write) ?? 4096) - 1024, 0)
        replies = replyPipe.read
        doorbell = descriptors.doorbell.read
        stdoutPipe = output.read
        stderrPipe = errors.read
        recordFile = RecordFile(descriptor: descriptors.records)
        pidfd = Syscall.pidfd(pid)
        outputLimit = configuration.outputLimit

        let (start, _) = pump(deadline: .now + .seconds(configuration.startTimeout), wakeOnReplies: true)
        // What the worker wrote while starting belongs to no job.
        _ = stdoutStream.takeJob()
        let startErrors = stderrStream.takeJob()
        switch start {
        case .reply(.ready(let info)):
            self.info = info
        case .reply(.failure(let message)):
            terminate()
            throw SupervisorError(.workerDidNotStart, detail: message)
        default:
            terminate()
            let detail = String(decoding: startErrors.bytes.prefix(64 << 10), as: UTF8.self)
            throw SupervisorError(.workerDidNotStart, detail: "\(start)" + (detail.isEmpty ? "" : ": \(detail)"))
        }
    }

    deinit { terminate() }

    /// Tells the worker the document is over; it does not answer. The request goes with
    /// the next jobs sent, which spares waking the worker for it alone (and a worker
    /// that gets no more jobs is stopped anyway).
    func endDocument() {
        documentEnded = true
    }

    private var documentEnded = false

    /// The most request bytes sent ahead of the worker: less than its request pipe holds
    /// (64 KiB, or as little as a page once a user has many pipes), so that sending never
    /// waits on a worker that is itself waiting for its output to be read.
    private let requestWindow: Int

    /// Runs jobs one after the other, each with its own time limit counted from the end
    /// of the one before, and collects everything the worker does for each. Requests
    /// are sent ahead, so the worker goes from one job to the next without waiting.
    /// Stops after the first job that leaves the worker to be replaced: the observations
    /// are for the jobs from the first one up to that one.
    func run(_ batch: [TimedJob]) -> [Observation] {
        let clock = ContinuousClock()
        recordFile.startBatch()
        let lines = batch.map(\.job.requestLine)
        var sent = 0
        var inFlight = 0
        var observations: [Observation] = []
        var started = clock.now
        for (index, item) in batch.enumerated() {
            var bytes: [UInt8] = []
            while sent < lines.count, sent == index || inFlight + bytes.count + lines[sent].count <= requestWindow {
                bytes += lines[sent]
                sent += 1
            }
            if !bytes.isEmpty {
                let message = documentEnded ? WorkerRequest.endDocumentRequest + bytes : bytes
                documentEnded = false
                guard Syscall.writeAll(requests, message) else {
                    mustBeReplaced = true
                    let empty = CapturedOutput(limit: outputLimit)
                    observations.append(Observation(
                        result: nil, stdout: empty, stderr: empty, termination: .workerDied(describeEnd()), wallSeconds: 0))
                    return observations
                }
                inFlight += bytes.count
            }
            let (observation, ended) = collect(item, started: started, clock: clock)
            observations.append(observation)
            inFlight -= lines[index].count
            if mustBeReplaced { break }
            started = ended
        }
        return observations
    }

    /// Waits for one job's reply, death or overrun, and takes its output; also when the
    /// job ended, as the worker saw it (the next job's time counts from there).
    private func collect(
        _ item: TimedJob, started: ContinuousClock.Instant, clock: ContinuousClock
    ) -> (Observation, ended: ContinuousClock.Instant) {
        let job = item.job
        lastLimitCheck = started
        drainInterval = Self.firstDrain
        nextDrain = clock.now + drainInterval
        let (event, writtenAt) = pump(deadline: started + .seconds(item.timeout))
        let ended = writtenAt.map(Self.instant(monotonicNanoseconds:)) ?? clock.now
        let wall = (ended - started).seconds
        let termination: Observation.Termination
        var result: PythonResult?
        switch event {
        case .reply(.result(let reply)) where reply.id != job.id:
            termination = .protocolError("a reply for job \(reply.id) while job \(job.id) ran")
        case .reply(.result(let reply)):
            result = reply
            termination = .completed
            if !reply.leftovers.isEmpty { mustBeReplaced = true }
        case .reply(.failure(let message)):
            termination = .workerFailed(message)
        case .reply(let other):
            termination = .protocolError("unexpected reply \(other)")
        case .garbage(let text):
            termination = .protocolError("unreadable reply: \(text.prefix(200))")
        case .timedOut:
            _ = describeEnd()
            drain()
            termination = .timedOut(seconds: item.timeout)
        case .processLimit(let tasks):
            _ = describeEnd()
            drain()
            termination = .processLimit(tasks)
        case .interrupted:
            _ = describeEnd()
            termination = .interrupted
        case .exited:
            let end = describeEnd()
            drain()
            termination = .workerDied(end)
        }
        if case .completed = termination {} else { mustBeReplaced = true }
        // A job that closed its stdout or stderr says so among its leftovers: when the
        // job has a reply, a stream at its end may have been closed by a later job.
        if result == nil, !stdoutOpen || !stderrOpen { mustBeReplaced = true }
        // Without a reply, what the job recorded as it ran is all there is.
        if result == nil { recordFile.readNew() }
        let unmarked = result?.unmarkedStreams ?? []
        let observation = Observation(
            result: result, stdout: stdoutStream.takeJob(marked: !unmarked.contains("stdout")),
            stderr: stderrStream.takeJob(marked: !unmarked.contains("stderr")), termination: termination,
            wallSeconds: max(wall, 0), probeRecords: result != nil ? [] : recordFile.probeRecords(of: job.id))
        return (observation, ended)
    }

    /// The instant on this process's clock of a CLOCK_MONOTONIC time the worker read.
    private static func instant(monotonicNanoseconds: UInt64) -> ContinuousClock.Instant {
        var now = timespec()
        clock_gettime(CLOCK_MONOTONIC, &now)
        let nanoseconds = UInt64(now.tv_sec) * 1_000_000_000 + UInt64(now.tv_nsec)
        let ago = nanoseconds > monotonicNanoseconds ? nanoseconds - monotonicNanoseconds : 0
        return ContinuousClock.now - .nanoseconds(Int64(clamping: ago))
    }

    enum PumpEvent: CustomStringConvertible {
        case reply(WorkerReply)
        case garbage(String)
        case timedOut
        case exited
        /// The job's processes reached the cgroup's limit: a fork bomb, stopped at once.
        case processLimit(Int)
        /// The run was interrupted.
        case interrupted

        var description: String {
            switch self {
            case .processLimit(let tasks): "reached the limit of \(tasks) processes"
            case .interrupted: "interrupted"
            case .reply(let reply): "unexpected reply \(reply)"
            case .garbage(let text): "unreadable reply \(text.prefix(200))"
            case .timedOut: "timed out"
            case .exited: "exited"
            }
        }
    }

    /// The longest reply line accepted; a snippet writing junk without a newline on the
    /// reply channel must not grow the supervisor's memory without end.
    private static let maximumReplyBytes = 16 << 20
    private static let tooLong = PumpEvent.garbage("a reply line longer than \(maximumReplyBytes) bytes")

    /// Moves the worker's output into the captures until the job's reply, the worker's
    /// exit or the deadline. After each job the worker writes its reply to the record
    /// file, which comes with when the worker wrote it. A job that was not plain then
    /// writes a bare newline on the reply channel, and anything before it there was
    /// written by the job (a plain snippet cannot reach the channel). A reply that cannot
    /// go to the record file comes on the reply channel itself. The reply channel wakes
    /// the pump only while the worker starts.
    private func pump(deadline: ContinuousClock.Instant, wakeOnReplies: Bool = false) -> (PumpEvent, writtenAt: UInt64?) {
        func decoded(_ line: ArraySlice<UInt8>) -> PumpEvent {
            // A job's output is in the pipes before its reply is written: one read of the
            // pipes after the replies were read holds the output of all of them.
            if drainedAfterReplies != repliesRead { drain() }
            guard let reply = try? WorkerReply.decode(line: line) else { return .garbage(String(decoding: line, as: UTF8.self)) }
            return .reply(reply)
        }
        // A reply from the record file whose newline on the reply channel has not come yet.
        var recorded: (event: PumpEvent, writtenAt: UInt64)?
        while true {
            if recorded == nil, let (reply, writtenAt) = recordFile.nextReply() {
                let event = decoded(reply)
                if case .reply(.result(let result)) = event, result.ranPlain { return (event, writtenAt) }
                recorded = (event, writtenAt)
            }
            if let line = replyBuffer.nextLine() {
                if let reply = recorded, line.isEmpty { return (reply.event, reply.writtenAt) }
                // The channel is read now and then: a long line may be whole by then.
                if line.count > Self.maximumReplyBytes { return (Self.tooLong, nil) }
                return (decoded(line), nil)
            }
            if replyBuffer.incompleteCount > Self.maximumReplyBytes { return (Self.tooLong, nil) }
            // Before saying the job died or overran, look for its end once more: the
            // worker wakes the supervisor only when it has run all it was sent.
            let now = ContinuousClock.now
            if exited || now >= deadline {
                if readReplies() { continue }
                // The job ended; the worker died or stalled before writing its newline.
                if let reply = recorded { return (reply.event, reply.writtenAt) }
                return (exited ? .exited : .timedOut, nil)
            }
            if now >= nextDrain {
                drainInterval = drain() ? Self.firstDrain : min(drainInterval * 2, .milliseconds(64))
                nextDrain = now + drainInterval
                // The job may have ended while the worker went on to the next one it was
                // sent: the next job's time counts from then.
                if readReplies() { continue }
            }
            var wait = min(deadline, nextDrain) - now
            // With a cgroup, look at its limit every 100 ms while a job runs: a fork bomb
            // ends the job then. (Reading it on every wake-up would cost every snippet.)
            if cgroup != nil { wait = min(wait, .milliseconds(100)) }
            if let cgroup, let tasks = processLimit, now - lastLimitCheck >= .milliseconds(100) {
                lastLimitCheck = now
                let hits = cgroup.limitHits
                if hits > limitHitsBefore {
                    // The job may have ended, and the next one be the fork bomb.
                    if readReplies() { continue }
                    limitHitsBefore = hits
                    return (.processLimit(tasks), nil)
                }
            }
            let fds = [wakeOnReplies ? replies : -1, doorbell, pidfd, interruption]
            for index in Syscall.poll(fds, timeoutMilliseconds: Int(wait.seconds * 1000) + 1) {
                switch index {
                case 0: readReplies()
                case 1:
                    while let count = Syscall.read(doorbell, into: &chunk), count > 0 {}
                    readReplies()
                case 2: exited = true
                default:
                    // A job that ended before the interruption finished; it keeps its reply.
                    if readReplies() { break }
                    return (.interrupted, nil)
                }
            }
        }
    }

    /// Reads what is on the reply channel, then the record file; whether a reply or a
    /// complete line is waiting. In that order, the reply of a job whose newline was read
    /// is always read too: the worker writes the reply before the newline.
    @discardableResult
    private func readReplies() -> Bool {
        repliesRead &+= 1
        while true {
            switch Syscall.read(replies, into: &chunk) {
            case nil: exited = true
            case let count? where count > 0:
                replyBuffer.append(chunk[0..<count])
                continue
            default: break
            }
            break
        }
        recordFile.readNew()
        return recordFile.hasReply || replyBuffer.hasLine()
    }

    /// Takes whatever output is already in the pipes, without waiting for more; an end
    /// of file means the worker closed that stream.
    @discardableResult
    private func drain() -> Bool {
        drainedAfterReplies = repliesRead
        var read = false
        if stdoutOpen { read = drain(stdoutPipe, into: &stdoutStream, open: &stdoutOpen, chunk: &chunk) }
        if stderrOpen { read = drain(stderrPipe, into: &stderrStream, open: &stderrOpen, chunk: &chunk) || read }
        return read
    }

    /// Whether anything was read.
    private func drain(_ fd: Int32, into stream: inout JobOutputStream, open: inout Bool, chunk: inout [UInt8]) -> Bool {
        var read = false
        for _ in 0..<4096 {
            guard let count = Syscall.read(fd, into: &chunk) else {
                open = false
                return read
            }
            guard count > 0 else { return read }
            read = true
            stream.append(chunk[0..<count])
        }
        return read
    }

    private var endDescription: String?
    private var closed = false

    /// Kills the worker and everything it started: the whole cgroup where there is one,
    /// else its descendants (daemons included, the worker being their subreaper) and its
    /// process group.
    private func describeEnd() -> String {
        if let endDescription { return endDescription }
        // A worker that ended by itself is reaped first, so that its own status is the one
        // reported: bubblewrap passes its child's on only a moment after the child ends.
        let ownEnd = exited ? Syscall.waitBriefly(pid, milliseconds: 500) : nil
        if let cgroup {
            cgroup.killAll()
        } else if ownEnd == nil {
            Syscall.descendants(of: pid).forEach(Syscall.kill)
        }
        Syscall.killGroup(pid, includingLeader: ownEnd == nil)
        var description = ownEnd.map(Syscall.describe(status:)) ?? Syscall.wait(pid)
        cgroup?.remove()
        // bubblewrap exits with 128 + N when its child was killed by signal N.
        if usesBubblewrap, let code = ownEnd.flatMap({ Syscall.exitCode(status: $0) }), code > 128 {
            description = Syscall.describe(signal: code - 128)
        }
        endDescription = description
        return description
    }

    /// Kills the worker's whole process group and releases its descriptors.
    func terminate() {
        guard !closed else { return }
        closed = true
        mustBeReplaced = true
        _ = describeEnd()
        [requests, replies, doorbell, stdoutPipe, stderrPipe, recordFile.descriptor, pidfd].forEach(Syscall.close)
    }
}

