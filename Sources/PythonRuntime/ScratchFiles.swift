import Foundation

/// The worker's file operations on its own scratch folders, with plain system calls:
/// Foundation's writes fsync and set extended attributes, which costs more than
/// running a small snippet.
enum ScratchFiles {
    static func makeDirectory(_ path: String) throws {
        guard mkdir(path, 0o700) == 0 else { throw error("mkdir", path) }
    }

    static func write(_ text: String, to path: String) throws {
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw error("open", path) }
        defer { close(fd) }
        var bytes = Array(text.utf8)
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeMutableBytes { Glibc.write(fd, $0.baseAddress! + offset, $0.count - offset) }
            if written < 0 {
                if errno == EINTR { continue }
                throw error("write", path)
            }
            offset += written
        }
    }

    /// Whether `path` is a folder with nothing in it (and still writable by us).
    static func isEmptyDirectory(_ path: String) -> Bool {
        var info = stat()
        guard lstat(path, &info) == 0, info.st_mode & S_IFMT == S_IFDIR, info.st_mode & 0o700 == 0o700,
            let directory = opendir(path)
        else { return false }
        defer { closedir(directory) }
        while let entry = readdir(directory) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
            if name != "." && name != ".." { return false }
        }
        return true
    }

    /// Removes a folder: one rmdir when the snippet left it empty, a full walk otherwise.
    static func removeTree(_ path: String) {
        if rmdir(path) == 0 || errno == ENOENT { return }
        makeWritable(path)
        try? FileManager.default.removeItem(atPath: path)
    }

    /// A snippet may have taken write permission from its own folders; give it back so
    /// they can be removed.
    private static func makeWritable(_ path: String) {
        chmod(path, 0o700)
        guard let entries = FileManager.default.enumerator(atPath: path) else { return }
        for case let entry as String in entries {
            let full = path + "/" + entry
            var info = stat()
            if lstat(full, &info) == 0, info.st_mode & S_IFMT == S_IFDIR { chmod(full, 0o700) }
        }
    }

    private static func error(_ call: String, _ path: String) -> PythonRuntimeError {
        PythonRuntimeError(message: "\(call) \(path): \(String(cString: strerror(errno)))")
    }
}
