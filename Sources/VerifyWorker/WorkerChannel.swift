import Foundation
import WorkerProtocol

/// The worker's end of the request and reply channels.
/// Made on the main thread, then used only by the interpreter's owner thread.
final class WorkerChannel: @unchecked Sendable {
    private let input: Int32
    let outputDescriptor: Int32
    private var buffer = LineBuffer()
    private var chunk = [UInt8](repeating: 0, count: 65536)

    /// Moves the inherited descriptors to high numbers, close-on-exec.
    init(inputDescriptor: Int32, outputDescriptor: Int32) {
        input = Self.moveAside(inputDescriptor)
        self.outputDescriptor = Self.moveAside(outputDescriptor)
    }

    /// Moves an inherited descriptor to a high number, close-on-exec, where a snippet
    /// closing or writing to low numbers does not hit it by accident; -1 if it is not open.
    static func moveAside(_ descriptor: Int32) -> Int32 {
        let moved = fcntl(descriptor, F_DUPFD_CLOEXEC, 900)
        close(descriptor)
        return moved
    }

    func send(_ reply: WorkerReply) {
        guard let data = try? LineChannel.encode(reply) else { return }
        write(data)
    }

    /// Sends a reply already encoded as one line of JSON.
    func sendLine(_ line: String) {
        var data = Data(line.utf8)
        data.append(0x0A)
        write(data)
    }

    private func write(_ data: Data) {
        data.withUnsafeBytes { buffer in
            var offset = 0
            while offset < buffer.count {
                let written = Glibc.write(self.outputDescriptor, buffer.baseAddress! + offset, buffer.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    exit(3)  // the supervisor is gone
                }
                offset += written
            }
        }
    }

    /// Blocks for the next request line; nil when the supervisor closed the channel.
    /// Requests are read by the glue, so they are not decoded here.
    func receive() -> String? {
        while true {
            if let line = buffer.nextLine() { return String(decoding: line, as: UTF8.self) }
            let count = read(input, &chunk, chunk.count)
            if count < 0 && errno == EINTR { continue }
            if count <= 0 { return nil }
            buffer.append(chunk[0..<count])
        }
    }
}
