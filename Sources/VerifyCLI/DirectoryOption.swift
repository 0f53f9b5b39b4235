import ArgumentParser
import Foundation

/// Options that name a folder which must exist (`--fixtures`, `--allow-write`).
enum DirectoryOption {
    /// Throws the usage error `--OPTION PATH: no such directory` unless `path` is a directory.
    static func require(_ path: String?, option: String) throws {
        guard let path else { return }
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw ValidationError("--\(option) \(path): no such directory")
        }
    }
}
