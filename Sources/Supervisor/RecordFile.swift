import WorkerProtocol

/// The worker's record file (descriptor 5 in the worker), which outlives the worker: the
/// replies to jobs, each on a line behind the CLOCK_MONOTONIC nanoseconds at which it was
/// written and a space, and the probe records (JSON lines) written while a job ran.
struct RecordFile {
    let descriptor: Int32
    /// How far the file has been read.
    private var offset = 0
    /// The end of what was read, when it is not yet a whole line.
    private var partial: [UInt8] = []
    /// Replies read this batch, oldest first; those before `nextReplyIndex` were taken.
    private var replies: [(line: ArraySlice<UInt8>, writtenAt: UInt64)] = []
    private var nextReplyIndex = 0
    /// Probe records of the jobs sent together, read only for a job that never answered.
    private var recordLines: [ArraySlice<UInt8>] = []
    /// Past this size the file is emptied before the next jobs are sent.
    static let limit = 1 << 20

    init(descriptor: Int32) { self.descriptor = descriptor }

    /// Forgets what earlier jobs wrote, emptying the file when it has grown large; the
    /// worker appends, so it goes on from the start.
    mutating func startBatch() {
        offset = Syscall.size(descriptor)
        if offset > Self.limit, Syscall.truncate(descriptor) { offset = 0 }
        partial = []
        replies = []
        nextReplyIndex = 0
        recordLines = []
    }

    var hasReply: Bool { nextReplyIndex < replies.count }

    /// Reads what the worker appended since the last read.
    mutating func readNew() {
        while readChunk() >= Self.chunkLimit {}
    }

    private static let chunkLimit = 16 << 20

    /// Reads up to `chunkLimit` bytes; how many.
    private mutating func readChunk() -> Int {
        guard let bytes = Syscall.read(descriptor, from: offset, limit: Self.chunkLimit), !bytes.isEmpty else { return 0 }
        offset += bytes.count
        let data = partial.isEmpty ? bytes : partial + bytes
        var start = data.startIndex
        while let newline = data[start...].firstIndex(of: 0x0A) {
            take(data[start..<newline])
            start = newline + 1
        }
        partial = Array(data[start...])
        return bytes.count
    }

    /// The oldest reply not taken yet, with when the worker wrote it.
    mutating func nextReply() -> (line: ArraySlice<UInt8>, writtenAt: UInt64)? {
        guard hasReply else { return nil }
        defer { nextReplyIndex += 1 }
        return replies[nextReplyIndex]
    }

    /// What the glue recorded for a job's probes while it ran.
    func probeRecords(of job: Int) -> [ProbeRecord] {
        recordLines.compactMap { line in
            guard let record = try? ProbeRecord(line: line), record.job == job
            else { return nil }
            return record
        }
    }

    private mutating func take(_ line: ArraySlice<UInt8>) {
        guard let first = line.first, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(first) else {
            recordLines.append(line)
            return
        }
        guard let space = line.firstIndex(of: UInt8(ascii: " ")),
            let writtenAt = UInt64(String(decoding: line[..<space], as: UTF8.self))
        else { return }
        replies.append((line[(space + 1)...], writtenAt))
    }
}
