import Foundation
import VerifyCore

/// Verify's own writes to standard output and standard error. A reader that went away
/// (`verify run | head`) ends verify quietly with status 141, as SIGPIPE would in a
/// shell; a standard output that cannot be written otherwise is an error on standard
/// error. A failed write to standard error is let go: there is nowhere left to say so.
enum Console {
    /// Whether verify started with standard output closed (`verify run >&-`).
    nonisolated(unsafe) private static var outputClosed = false

    /// Puts /dev/null where descriptor 0, 1 or 2 was closed at start, so that no file
    /// verify opens later takes its number and receives the report.
    static func holdStandardDescriptors() {
        for fd in [STDIN_FILENO, STDOUT_FILENO, STDERR_FILENO] where fcntl(fd, F_GETFD) < 0 {
            let null = open("/dev/null", fd == STDIN_FILENO ? O_RDONLY : O_WRONLY)
            if null >= 0, null != fd {
                dup2(null, fd)
                close(null)
            }
            if fd == STDOUT_FILENO { outputClosed = true }
        }
    }

    static func out(_ text: String) {
        if outputClosed {
            err("verify: cannot write to standard output: it is closed\n")
            exit(2)
        }
        guard let failure = write(text, to: STDOUT_FILENO) else { return }
        if failure == EPIPE { exit(141) }
        err("verify: cannot write to standard output: \(String(cString: strerror(failure)))\n")
        exit(2)
    }

    static func err(_ text: String) {
        _ = write(text, to: STDERR_FILENO)
    }

    /// Input errors (a missing or unreadable file, an unknown directive) as one line each
    /// on standard error, whatever the report's format and destination.
    static func err(_ errors: [Report.InputError]) {
        if !errors.isEmpty { err(errors.map { "\($0.path): error: \($0.message)\n" }.joined()) }
    }

    /// Writes all of `text`; the errno of the write that failed, if one did.
    private static func write(_ text: String, to fd: Int32) -> Int32? {
        var bytes = Array(text.utf8)[...]
        while !bytes.isEmpty {
            let written = bytes.withUnsafeBytes { Glibc.write(fd, $0.baseAddress, $0.count) }
            if written < 0 {
                if errno == EINTR { continue }
                return errno
            }
            bytes = bytes.dropFirst(written)
        }
        return nil
    }
}
