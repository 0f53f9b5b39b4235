import Foundation

/// A fresh working directory seeded with fixtures the way the worker seeds a sample's:
/// the entries of a fixture folder (sub-folders whole, links as links), or a fixture file.
enum WorkingDirectory {
    /// A new folder in `parent` holding the fixtures; the caller removes it.
    static func make(in parent: URL, fixtures: [String]) throws(BenchError) -> URL {
        let files = FileManager.default
        let directory = parent.appendingPathComponent("workdir-\(UUID().uuidString.prefix(8))")
        do {
            try files.createDirectory(at: directory, withIntermediateDirectories: false)
            for fixture in fixtures {
                var isDirectory: ObjCBool = false
                guard files.fileExists(atPath: fixture, isDirectory: &isDirectory) else {
                    throw BenchError("fixture \(fixture) does not exist")
                }
                let entries = isDirectory.boolValue
                    ? try files.contentsOfDirectory(atPath: fixture).map { (fixture as NSString).appendingPathComponent($0) }
                    : [fixture]
                for entry in entries {
                    let target = directory.appendingPathComponent((entry as NSString).lastPathComponent)
                    try? files.removeItem(at: target)
                    try files.copyItem(atPath: entry, toPath: target.path)
                }
            }
        } catch let error as BenchError {
            throw error
        } catch {
            throw BenchError("cannot seed the working directory \(directory.path): \(error)")
        }
        return directory
    }
}
