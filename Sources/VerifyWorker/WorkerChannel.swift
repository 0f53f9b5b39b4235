import Foundation
import WorkerProtocol

/// The worker's end of the request and reply channels.
final class WorkerChannel {
    private let input: Int32
    let outputDescriptor: Int32
    private var buffer = LineBuffer()

    /// Moves the inherited descriptors to high numbers, close-on-exec.
    init(inputDescriptor: Int32, outputDescriptor: Int32) {
        input = fcntl(inputDescriptor, F_DUPFD_CLOEXEC, 900)
        self.outputDescriptor = fcntl(outputDescriptor, F_DUPFD_CLOEXEC, 900)
        close(inputDescriptor)
        close(outputDescriptor)
    }

    func send(_ reply: WorkerReply) {
        guard let data = try? LineChannel.encode(reply) else { return }
        data.withUnsafeBytes { buffer in
            var offset = 0
            while offset < buffer.count {
                let written = write(self.outputDescriptor, buffer.baseAddress! + offset, buffer.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    exit(3)  // the supervisor is gone
                }
                offset += written
            }
        }
    }

    /// Blocks for the next request; nil when the supervisor closed the channel.
    func receive() -> WorkerRequest? {
        var chunk = [UInt8](repeating: 0, count: 65536)
        while true {
            if let line = buffer.nextLine() {
                return try? LineChannel.decode(WorkerRequest.self, from: line)
            }
            let count = read(input, &chunk, chunk.count)
            if count < 0 && errno == EINTR { continue }
            if count <= 0 { return nil }
            buffer.append(Data(chunk[0..<count]))
        }
    }
}
