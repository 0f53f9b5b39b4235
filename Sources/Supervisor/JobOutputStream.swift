/// One of a worker's output streams, cut into jobs at the end-of-job markers the
/// worker writes (see `OutputMarker`). Each job's output is capped on its own.
struct JobOutputStream {
    private let marker: [UInt8]
    private let limit: Int
    /// Bytes at the end of what arrived that may be the start of a marker.
    private var pending: [UInt8] = []
    private var current: CapturedOutput
    /// Output of jobs whose marker arrived, oldest first, not taken yet.
    private var ended: [CapturedOutput] = []

    init(marker: [UInt8], limit: Int) {
        precondition(!marker.isEmpty)
        self.marker = marker
        self.limit = limit
        current = CapturedOutput(limit: limit)
    }

    mutating func append(_ chunk: ArraySlice<UInt8>) {
        if pending.isEmpty {
            split(chunk)
        } else {
            let joined = pending + chunk
            pending = []
            split(joined[...])
        }
    }

    /// The output of the oldest job not taken yet: the one whose marker came first, or,
    /// when none came, everything since the last marker (a job that died, overran, or
    /// took its stream away before the marker). A job that says it wrote nothing to the
    /// stream and left no marker there (`marked` false) takes nothing.
    mutating func takeJob(marked: Bool = true) -> CapturedOutput {
        guard marked else { return CapturedOutput(limit: limit) }
        if !ended.isEmpty { return ended.removeFirst() }
        current.append(pending[...])
        pending = []
        defer { current = CapturedOutput(limit: limit) }
        return current
    }

    private mutating func split(_ data: ArraySlice<UInt8>) {
        var start = data.startIndex
        var index = start
        while let found = data[index...].firstIndex(of: marker[0]) {
            let available = data.endIndex - found
            if available >= marker.count {
                if data[found..<(found + marker.count)].elementsEqual(marker) {
                    current.append(data[start..<found])
                    ended.append(current)
                    current = CapturedOutput(limit: limit)
                    start = found + marker.count
                    index = start
                } else {
                    index = found + 1
                }
            } else if marker.starts(with: data[found...]) {
                current.append(data[start..<found])
                pending = Array(data[found...])
                return
            } else {
                index = found + 1
            }
        }
        current.append(data[start...])
    }
}
