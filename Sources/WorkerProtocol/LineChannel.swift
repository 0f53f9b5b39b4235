public import Foundation

/// Newline-delimited JSON framing for the worker channels. JSON escapes every newline
/// inside strings, so one message is exactly one line.
public enum LineChannel {
    public static func encode<T: Encodable>(_ message: T) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        var data = try encoder.encode(message)
        data.append(0x0A)
        return data
    }

    public static func decode<T: Decodable>(_ type: T.Type, from line: Data) throws -> T {
        try JSONDecoder().decode(type, from: line)
    }
}

/// Accumulates bytes read from a channel and hands out complete lines.
public struct LineBuffer: Sendable {
    private var bytes: [UInt8] = []
    /// Where the first line not handed out yet starts.
    private var start = 0
    /// How far `bytes` is known to hold no newline, so a long line is scanned once.
    private var scanned = 0

    public init() {}

    public mutating func append(_ chunk: some Sequence<UInt8>) {
        if start == bytes.count {
            bytes.removeAll(keepingCapacity: true)
            (start, scanned) = (0, 0)
        } else if start >= 1 << 16 {
            bytes.removeFirst(start)
            scanned -= start
            start = 0
        }
        bytes.append(contentsOf: chunk)
    }

    /// Whether a complete line is waiting.
    public mutating func hasLine() -> Bool {
        guard let newline = bytes[max(start, scanned)...].firstIndex(of: 0x0A) else {
            scanned = bytes.count
            return false
        }
        scanned = newline
        return true
    }

    /// Bytes received that are not yet part of a complete line.
    public var incompleteCount: Int { bytes.count - start }

    /// Removes and returns the next complete line, without its newline. The slice is
    /// meant to be read at once, before more bytes are appended.
    public mutating func nextLine() -> ArraySlice<UInt8>? {
        guard hasLine() else { return nil }
        let newline = scanned
        let line = bytes[start..<newline]
        start = newline + 1
        scanned = start
        return line
    }
}
