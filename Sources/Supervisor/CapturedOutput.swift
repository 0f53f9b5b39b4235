/// One captured stream of a snippet (stdout or stderr), cut at a limit.
public struct CapturedOutput: Sendable, Hashable {
    public private(set) var bytes: [UInt8] = []
    /// Bytes that arrived after the limit and were dropped.
    public private(set) var droppedBytes = 0
    public let limit: Int

    public init(limit: Int) { self.limit = limit }

    mutating func append(_ chunk: ArraySlice<UInt8>) {
        let room = max(limit - bytes.count, 0)
        bytes += chunk.prefix(room)
        droppedBytes += max(chunk.count - room, 0)
    }

    /// The text, invalid UTF-8 replaced, with a note when it was cut.
    public var text: String {
        let text = String(decoding: bytes, as: UTF8.self)
        guard droppedBytes > 0 else { return text }
        return text + "\n[verify: output cut at \(limit) bytes; \(droppedBytes) more bytes dropped]\n"
    }

    public var isEmpty: Bool { bytes.isEmpty && droppedBytes == 0 }
}
