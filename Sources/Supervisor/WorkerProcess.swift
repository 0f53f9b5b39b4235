import Foundation
import WorkerProtocol

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
    /// Fixes Python's str and bytes hashing in the workers (as PYTHONHASHSEED does);
    /// nil leaves it random.
    public var hashSeed: UInt32?

    public init(
        executable: String, scratchDirectory: String, outputLimit: Int = 1 << 20, startTimeout: Double = 30,
        hashSeed: UInt32? = nil
    ) {
        self.executable = executable
        self.scratchDirectory = scratchDirectory
        self.outputLimit = outputLimit
        self.startTimeout = startTimeout
        self.hashSeed = hashSeed
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

/// One worker process: a new session (so its whole process group can be killed), its
/// stdout and stderr captured by pipes read here, and two private channels for
/// requests and replies.
final class WorkerProcess {
    let pid: pid_t
    private(set) var info = WorkerInfo(pid: 0, pythonVersion: "", sqliteVersion: nil)
    /// Set when the worker closed its own stdout or stderr, answered garbage, or was killed.
    private(set) var mustBeReplaced = false

    private let requests: Int32
    private let replies: Int32
    private let stdoutPipe: Int32
    private let stderrPipe: Int32
    private let pidfd: Int32
    private var replyBuffer = LineBuffer()
    private var stdoutOpen = true
    private var stderrOpen = true
    private var exited = false
    private let outputLimit: Int

    init(_ configuration: WorkerConfiguration) throws {
        let output = try Syscall.pipe()
        let errors = try Syscall.pipe()
        let requestPipe = try Syscall.pipe()
        let replyPipe = try Syscall.pipe()
        let devNull = open("/dev/null", O_RDONLY | O_CLOEXEC)
        defer {
            [output.write, errors.write, requestPipe.read, replyPipe.write, devNull].forEach(Syscall.close)
        }
        var environment = ["VERIFY_WORKER_ROOT": configuration.scratchDirectory, "LANG": "C.UTF-8"]
        for key in ["PATH", "HOME", "TMPDIR"] {
            if let value = ProcessInfo.processInfo.environment[key] { environment[key] = value }
        }
        if let seed = configuration.hashSeed { environment["VERIFY_HASH_SEED"] = String(seed) }
        do {
            pid = try Syscall.spawn(
                configuration.executable, arguments: [], environment: environment,
                descriptors: [devNull, output.write, errors.write, requestPipe.read, replyPipe.write])
        } catch {
            [output.read, errors.read, requestPipe.write, replyPipe.read].forEach(Syscall.close)
            throw error
        }
        requests = requestPipe.write
        replies = replyPipe.read
        stdoutPipe = output.read
        stderrPipe = errors.read
        pidfd = Syscall.pidfd(pid)
        outputLimit = configuration.outputLimit
        for fd in [replies, stdoutPipe, stderrPipe] { try Syscall.setNonblocking(fd) }

        var ignoredOut = CapturedOutput(limit: 64 << 10)
        var ignoredErr = CapturedOutput(limit: 64 << 10)
        let start = pump(deadline: .now + .seconds(configuration.startTimeout), &ignoredOut, &ignoredErr)
        switch start {
        case .reply(.ready(let info)):
            self.info = info
        case .reply(.failure(let message)):
            terminate()
            throw SupervisorError(.workerDidNotStart, detail: message)
        default:
            terminate()
            let detail = String(decoding: ignoredErr.bytes, as: UTF8.self)
            throw SupervisorError(.workerDidNotStart, detail: "\(start)" + (detail.isEmpty ? "" : ": \(detail)"))
        }
    }

    deinit { terminate() }

    /// Sends a request that has no reply.
    func send(_ request: WorkerRequest) {
        guard let data = try? LineChannel.encode(request), Syscall.writeAll(requests, data) else {
            mustBeReplaced = true
            return
        }
    }

    /// Runs one job and collects everything the worker does until it answers, dies or
    /// overruns `timeout` seconds.
    func run(_ job: PythonJob, timeout: Double) -> Observation {
        var stdout = CapturedOutput(limit: outputLimit)
        var stderr = CapturedOutput(limit: outputLimit)
        let clock = ContinuousClock()
        let started = clock.now
        guard let data = try? LineChannel.encode(WorkerRequest.runPython(job)), Syscall.writeAll(requests, data) else {
            mustBeReplaced = true
            return Observation(result: nil, stdout: stdout, stderr: stderr, termination: .workerDied(describeEnd()), wallSeconds: 0)
        }
        var recordLines: [Data] = []
        var event = pump(deadline: started + .seconds(timeout), &stdout, &stderr)
        while case .probeRecord(let line) = event {
            recordLines.append(line)
            event = pump(deadline: started + .seconds(timeout), &stdout, &stderr)
        }
        let wall = (clock.now - started).seconds
        let termination: Observation.Termination
        var result: PythonResult?
        switch event {
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
        case .probeRecord:
            termination = .protocolError("unexpected probe record")
        case .timedOut:
            _ = describeEnd()
            drain(&stdout, &stderr)
            termination = .timedOut(seconds: timeout)
        case .exited:
            let end = describeEnd()
            drain(&stdout, &stderr)
            termination = .workerDied(end)
        }
        if case .completed = termination {} else { mustBeReplaced = true }
        if !stdoutOpen || !stderrOpen { mustBeReplaced = true }
        // Records only matter when the worker never answered; decoding them costs more
        // than running a small snippet, so it is done only then.
        let records = result != nil ? [] : recordLines.compactMap { line -> ProbeRecord? in
            guard case .probeOutput(let record)? = try? LineChannel.decode(WorkerReply.self, from: line) else { return nil }
            return record.job == job.id ? record : nil
        }
        return Observation(
            result: result, stdout: stdout, stderr: stderr, termination: termination, wallSeconds: wall,
            probeRecords: records)
    }

    enum PumpEvent: CustomStringConvertible {
        case reply(WorkerReply)
        /// A `probeOutput` line, kept undecoded.
        case probeRecord(Data)
        case garbage(String)
        case timedOut
        case exited

        var description: String {
            switch self {
            case .reply(let reply): "unexpected reply \(reply)"
            case .probeRecord: "a probe record"
            case .garbage(let text): "unreadable reply \(text.prefix(200))"
            case .timedOut: "timed out"
            case .exited: "exited"
            }
        }
    }

    private static let probeRecordPrefix = Data(#"{"probeOutput""#.utf8)

    /// Moves the worker's output into the captures until a reply line, its exit or the deadline.
    private func pump(deadline: ContinuousClock.Instant, _ stdout: inout CapturedOutput, _ stderr: inout CapturedOutput) -> PumpEvent {
        var chunk = [UInt8](repeating: 0, count: 65536)
        while true {
            if let line = replyBuffer.nextLine() {
                if line.starts(with: Self.probeRecordPrefix) { return .probeRecord(line) }
                drain(&stdout, &stderr)
                guard let reply = try? LineChannel.decode(WorkerReply.self, from: line) else {
                    return .garbage(String(decoding: line, as: UTF8.self))
                }
                return .reply(reply)
            }
            if exited { return .exited }
            let remaining = deadline - ContinuousClock.now
            if remaining <= .zero { return .timedOut }
            let fds = [replies, stdoutOpen ? stdoutPipe : -1, stderrOpen ? stderrPipe : -1, pidfd]
            for index in Syscall.poll(fds, timeoutMilliseconds: Int(remaining.seconds * 1000) + 1) {
                switch index {
                case 0:
                    switch Syscall.read(replies, into: &chunk) {
                    case nil: exited = true
                    case let count? where count > 0: replyBuffer.append(Data(chunk[0..<count]))
                    default: break
                    }
                case 1: readOutput(stdoutPipe, into: &stdout, open: &stdoutOpen, chunk: &chunk)
                case 2: readOutput(stderrPipe, into: &stderr, open: &stderrOpen, chunk: &chunk)
                default: exited = true
                }
            }
        }
    }

    private func readOutput(_ fd: Int32, into capture: inout CapturedOutput, open: inout Bool, chunk: inout [UInt8]) {
        guard let count = Syscall.read(fd, into: &chunk) else {
            open = false
            return
        }
        capture.append(chunk[0..<count])
    }

    /// Takes whatever output is already in the pipes, without waiting for more; an end
    /// of file means the worker closed that stream.
    private func drain(_ stdout: inout CapturedOutput, _ stderr: inout CapturedOutput) {
        var chunk = [UInt8](repeating: 0, count: 65536)
        if stdoutOpen { drain(stdoutPipe, into: &stdout, open: &stdoutOpen, chunk: &chunk) }
        if stderrOpen { drain(stderrPipe, into: &stderr, open: &stderrOpen, chunk: &chunk) }
    }

    private func drain(_ fd: Int32, into capture: inout CapturedOutput, open: inout Bool, chunk: inout [UInt8]) {
        for _ in 0..<4096 {
            guard let count = Syscall.read(fd, into: &chunk) else {
                open = false
                return
            }
            guard count > 0 else { return }
            capture.append(chunk[0..<count])
        }
    }

    private var endDescription: String?
    private var closed = false

    private func describeEnd() -> String {
        if let endDescription { return endDescription }
        Syscall.killGroup(pid)
        let description = Syscall.wait(pid)
        endDescription = description
        return description
    }

    /// Kills the worker's whole process group and releases its descriptors.
    func terminate() {
        guard !closed else { return }
        closed = true
        mustBeReplaced = true
        _ = describeEnd()
        [requests, replies, stdoutPipe, stderrPipe, pidfd].forEach(Syscall.close)
    }
}

extension Duration {
    var seconds: Double {
        let (seconds, attoseconds) = components
        return Double(seconds) + Double(attoseconds) / 1e18
    }
}
