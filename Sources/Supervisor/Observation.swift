public import WorkerProtocol

/// Everything seen while a worker ran one job: its reply, its output, how it ended.
public struct Observation: Sendable {
    public enum Termination: Sendable, Hashable {
        /// The worker answered.
        case completed
        /// The job overran its time limit; the worker was killed.
        case timedOut(seconds: Double)
        /// The worker died before answering, e.g. "killed by signal 9 (Killed)".
        case workerDied(String)
        /// The worker answered something that is not a valid reply.
        case protocolError(String)
        /// The worker could not carry out the job, e.g. could not copy the fixtures.
        case workerFailed(String)
        /// The job's processes reached the limit of this many; the worker was killed.
        case processLimit(Int)
        /// The run was interrupted while the job ran; the worker was killed.
        case interrupted
    }

    public var result: PythonResult?
    public var stdout: CapturedOutput
    public var stderr: CapturedOutput
    public var termination: Termination
    public var wallSeconds: Double
    /// Output and values attributed to probed statements as the snippet ran, read only
    /// when no result came: what a snippet printed before a timeout or crash is here.
    public var probeRecords: [ProbeRecord]

    public init(
        result: PythonResult?, stdout: CapturedOutput, stderr: CapturedOutput, termination: Termination,
        wallSeconds: Double, probeRecords: [ProbeRecord] = []
    ) {
        self.probeRecords = probeRecords
        self.result = result
        self.stdout = stdout
        self.stderr = stderr
        self.termination = termination
        self.wallSeconds = wallSeconds
    }
}
