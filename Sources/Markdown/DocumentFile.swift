#if canImport(Glibc)
import Glibc
#endif

/// The system calls that read a document, in one place: a path that names a FIFO, a
/// device, a directory or a file that fails to read becomes a clear message instead of
/// a hang or a crash, and no more than the size limit is ever read.
enum DocumentFile {
    enum Failure: Error {
        case message(String)
    }

    /// The bytes of the regular file at `path`, at most `limit` of them.
    static func read(_ path: String, limit: Int) throws(Failure) -> [UInt8] {
        // O_NONBLOCK: opening a FIFO must not wait for a writer.
        let fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY)
        guard fd >= 0 else { throw .message(describe(errno)) }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { throw .message(describe(errno)) }
        let type = info.st_mode & S_IFMT
        guard type == S_IFREG else { throw .message("not a regular file (\(name(ofType: type)))") }
        if info.st_size > limit {
            throw .message("file is \(info.st_size) bytes, above the limit of \(limit) (--max-file-size)")
        }
        // Files under /proc say they are empty and are read to their end all the same.
        var bytes = [UInt8](repeating: 0, count: max(Int(info.st_size), 4096) + 1)
        var count = 0
        while true {
            if count == bytes.count {
                guard count <= limit else { throw .message("file is above the limit of \(limit) bytes (--max-file-size)") }
                bytes += [UInt8](repeating: 0, count: min(bytes.count, limit + 1 - count))
            }
            let got = bytes.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress! + count, $0.count - count) }
            if got < 0 {
                if errno == EINTR { continue }
                throw .message("cannot read file: \(String(cString: strerror(errno)))")
            }
            if got == 0 { break }
            count += got
        }
        guard count <= limit else { throw .message("file is above the limit of \(limit) bytes (--max-file-size)") }
        bytes.removeSubrange(count...)
        return bytes
    }

    /// What an entry found while walking a folder is, following symbolic links; a link
    /// that loops or leads nowhere is `.broken`.
    enum Kind { case directory, file, broken(String), other }

    static func kind(_ path: String) -> Kind {
        var info = stat()
        guard stat(path, &info) == 0 else { return .broken(describe(errno)) }
        switch info.st_mode & S_IFMT {
        case S_IFDIR: return .directory
        case S_IFREG: return .file
        default: return .other
        }
    }

    private static func describe(_ code: Int32) -> String {
        switch code {
        case ENOENT: "no such file or directory"
        case ELOOP: "symbolic link loop (too many levels of symbolic links)"
        case EACCES: "permission denied"
        default: "cannot open file: \(String(cString: strerror(code)))"
        }
    }

    private static func name(ofType type: mode_t) -> String {
        switch type {
        case S_IFDIR: "a directory"
        case S_IFIFO: "a FIFO"
        case S_IFCHR: "a character device"
        case S_IFBLK: "a block device"
        case S_IFSOCK: "a socket"
        default: "not a file"
        }
    }
}
