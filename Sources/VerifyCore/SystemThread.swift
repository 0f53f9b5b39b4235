#if canImport(Glibc)
import Glibc
#endif

/// A POSIX thread with a stack of a given size. Foundation's `Thread` costs milliseconds
/// to start the first time in a process (it sets up its run-loop machinery), which a
/// worker pays before every first snippet.
public struct SystemThread: Sendable {
    private let handle: pthread_t

    /// Starts `body` on a new thread.
    public init(stackSize: Int, _ body: @escaping @Sendable () -> Void) {
        final class Context: @unchecked Sendable {
            let body: @Sendable () -> Void
            init(_ body: @escaping @Sendable () -> Void) { self.body = body }
        }
        var attributes = pthread_attr_t()
        pthread_attr_init(&attributes)
        pthread_attr_setstacksize(&attributes, stackSize)
        defer { pthread_attr_destroy(&attributes) }
        var handle = pthread_t()
        let context = Unmanaged.passRetained(Context(body)).toOpaque()
        let status = pthread_create(&handle, &attributes, { raw in
            Unmanaged<Context>.fromOpaque(raw!).takeRetainedValue().body()
            return nil
        }, context)
        precondition(status == 0, "pthread_create failed: \(status)")
        self.handle = handle
    }

    /// Waits for the thread to end.
    public func join() {
        pthread_join(handle, nil)
    }

    /// Lets the thread release its resources when it ends, without being joined.
    public func detach() {
        pthread_detach(handle)
    }
}
