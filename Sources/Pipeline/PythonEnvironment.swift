public import Foundation

/// A virtual environment for snippets' third-party packages. It must be made with
/// /usr/bin/python3.11, the interpreter verify embeds: packages with C extensions built
/// for another Python would not load.
public struct PythonEnvironment: Sendable, Equatable {
    public var path: String
    /// The folders added to `sys.path` (with their `.pth` files processed).
    public var sitePackages: [String]

    public struct Problem: Error, CustomStringConvertible, Sendable {
        public var description: String
    }

    /// Checks `pyvenv.cfg` and finds the environment's site-packages.
    public init(path: String) throws {
        let root = URL(fileURLWithPath: path).standardizedFileURL
        guard let data = FileManager.default.contents(atPath: root.appendingPathComponent("pyvenv.cfg").path) else {
            throw Problem(description: "\(path) is not a virtual environment (no pyvenv.cfg)")
        }
        var settings: [String: String] = [:]
        for line in String(decoding: data, as: UTF8.self).split(separator: "\n") {
            let parts = line.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            if parts.count == 2 { settings[parts[0]] = parts[1] }
        }
        let version = settings["version"] ?? settings["version_info"] ?? ""
        guard settings["home"] == "/usr/bin", version.hasPrefix("3.11") else {
            throw Problem(description:
                "\(path) was made with \(settings["home"] ?? "?")/python \(version), not /usr/bin/python3.11; "
                    + "make it with /usr/bin/python3.11 -m venv")
        }
        let sitePackages = root.appendingPathComponent("lib/python3.11/site-packages").path
        guard FileManager.default.fileExists(atPath: sitePackages) else {
            throw Problem(description: "\(path) has no lib/python3.11/site-packages")
        }
        self.path = root.path
        self.sitePackages = [sitePackages]
    }
}
