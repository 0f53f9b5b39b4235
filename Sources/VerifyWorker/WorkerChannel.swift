import Foundation
import WorkerProtocol

/// The worker's end of the request and reply channels. Swift sends the first reply
/// (ready, or why the worker cannot start); the glue's `serve` loop does the rest.
/// Made on the main thread, then used only by the interpreter's owner thread.
final class WorkerChannel: @unchecked Sendable {
    let inputDescriptor: Int32
    let outputDescriptor: Int32

    /// Moves the inherited descriptors to high numbers, close-on-exec.
    init(inputDescriptor: Int32, outputDescriptor: Int32) {
        self.inputDescriptor = Self.moveAside(inputDescriptor)
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
        data.withUnsafeBytes { buffer in
            var offset = 0
            while offset < buffer.count {
                let written = Glibc.write(outputDescriptor, buffer.baseAddress! + offset, buffer.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    exit(3)  // the supervisor is gone
                }
                offset += written
            }
        }
    }
}
