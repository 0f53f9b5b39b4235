import Foundation

/// The folder where workers keep the glue's compiled code between runs, as Python keeps
/// `.pyc` files: `$XDG_CACHE_HOME/verify`, else `~/.cache/verify`.
public enum WorkerCache {
    /// The environment variable that hands the folder to a worker.
    public static let environmentKey = "VERIFY_CACHE_DIRECTORY"

    /// The folder, made if missing; nil when there is no home or it cannot be made.
    public static func directory() -> String? {
        let environment = ProcessInfo.processInfo.environment
        let base: String
        if let cache = environment["XDG_CACHE_HOME"], cache.hasPrefix("/") {
            base = cache
        } else if let home = environment["HOME"], home.hasPrefix("/") {
            base = home + "/.cache"
        } else {
            return nil
        }
        let folder = base + "/verify"
        do {
            try FileManager.default.createDirectory(
                atPath: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        } catch {
            return nil
        }
        return folder
    }
}
