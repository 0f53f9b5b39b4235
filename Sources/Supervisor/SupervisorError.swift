/// A failure of the supervision machinery itself (not of a snippet).
public struct SupervisorError: Error, CustomStringConvertible, Sendable {
    public struct Code: Sendable, Hashable, CustomStringConvertible {
        let text: String
        public var description: String { text }

        static func system(_ call: String) -> Code { Code(text: "\(call) failed") }
        static func spawn(_ path: String) -> Code { Code(text: "cannot start worker \(path)") }
        public static let workerDidNotStart = Code(text: "worker did not start")
        public static let workerNotFound = Code(text: "worker executable not found")
    }

    public var code: Code
    /// The errno of the failing call, where there is one.
    public var errno: Int32?
    public var detail: String?

    public init(_ code: Code, errno: Int32? = nil, detail: String? = nil) {
        self.code = code
        self.errno = errno
        self.detail = detail
    }

    public var description: String {
        var text = code.description
        if let detail { text += ": \(detail)" }
        if let errno, let message = strerror(errno) { text += " (\(String(cString: message)))" }
        return text
    }
}

#if canImport(Glibc)
import Glibc
#endif
