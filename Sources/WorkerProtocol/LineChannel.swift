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
    private var pending = Data()
    /// How far `pending` is known to hold no newline, so a long line is scanned once.
    private var scanned = 0

    public init() {}

    public mutating func append(_ bytes: some Sequence<UInt8>) { pending.append(contentsOf: bytes) }

    /// Bytes received that are not yet part of a complete line.
    public var incompleteCount: Int { pending.count }

    /// Removes and returns the next complete line, without its newline.
    public mutating func nextLine() -> Data? {
        let start = pending.startIndex + scanned
        guard let newline = pending[start...].firstIndex(of: 0x0A) else {
            scanned = pending.count
            return nil
        }
        let line = pending[pending.startIndex..<newline]
        pending = Data(pending[(newline + 1)...])
        scanned = 0
        return Data(line)
    }
}
