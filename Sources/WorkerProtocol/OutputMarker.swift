import VerifyCore

/// What a worker writes to its stdout and its stderr after every job, so that jobs
/// sent to it together can have their output told apart. Each worker gets its own,
/// with 128 random bits no snippet's output holds by chance.
public struct OutputMarker: Sendable, Hashable {
    /// The environment variable that hands the marker to the worker, which removes it
    /// from its environment before any snippet runs.
    public static let environmentKey = "VERIFY_OUTPUT_MARKER"

    /// ASCII: two unit separators around a random tag.
    public let text: String
    public var bytes: [UInt8] { Array(text.utf8) }

    public init(text: String) { self.text = text }

    public static func random() -> OutputMarker {
        var generator = SystemRandomNumberGenerator()
        let tag = (0..<2).map { _ in (generator.next() as UInt64).paddedHex }.joined()
        return OutputMarker(text: "\u{1F}verify-end-of-job-\(tag)\u{1F}")
    }
}
