import Foundation

/// When the releases that base images are built on stop getting security fixes.
///
/// Dates are the projects' own: python.org's release schedule, Node.js's, Alpine's, and
/// Debian's end of LTS (the last security updates the `debian` images receive). Add a row
/// when a release is announced; a release absent here is never reported.
enum EndOfLifeTable {
    /// A release of a product, such as Python 3.9, and its end of life.
    struct Release: Equatable {
        var product: String
        var version: String
        var endOfLife: String

        var name: String { "\(product) \(version)" }
        var date: Date { EndOfLifeTable.date(endOfLife) }
    }

    static let python = releases("Python", [
        ("2.7", "2020-01-01"), ("3.5", "2020-09-30"), ("3.6", "2021-12-23"), ("3.7", "2023-06-27"),
        ("3.8", "2024-10-07"), ("3.9", "2025-10-31"), ("3.10", "2026-10-31"), ("3.11", "2027-10-31"),
        ("3.12", "2028-10-31"), ("3.13", "2029-10-31"), ("3.14", "2030-10-31"),
    ])
    static let node = releases("Node.js", [
        ("12", "2022-04-30"), ("14", "2023-04-30"), ("16", "2023-09-11"), ("17", "2022-06-01"), ("18", "2025-04-30"),
        ("19", "2023-06-01"), ("20", "2026-04-30"), ("21", "2024-06-01"), ("22", "2027-04-30"), ("23", "2025-06-01"),
        ("24", "2028-04-30"),
    ])
    static let nodeCodenames = ["gallium": "16", "hydrogen": "18", "iron": "20", "jod": "22", "krypton": "24"]
    static let debian = releases("Debian", [
        ("stretch", "2022-06-30"), ("buster", "2024-06-30"), ("bullseye", "2026-08-31"), ("bookworm", "2028-06-30"),
        ("trixie", "2030-06-30"),
    ])
    static let debianVersions = ["9": "stretch", "10": "buster", "11": "bullseye", "12": "bookworm", "13": "trixie"]
    static let alpine = releases("Alpine", [
        ("3.14", "2023-05-01"), ("3.15", "2023-11-01"), ("3.16", "2024-05-23"), ("3.17", "2024-11-22"),
        ("3.18", "2025-05-09"), ("3.19", "2025-11-01"), ("3.20", "2026-04-01"), ("3.21", "2026-11-01"),
        ("3.22", "2027-05-01"),
    ])
    static let ubuntu = releases("Ubuntu", [
        ("18.04", "2023-05-31"), ("20.04", "2025-05-31"), ("22.04", "2027-06-01"), ("24.04", "2029-05-31"),
    ])
    static let ubuntuCodenames = ["bionic": "18.04", "focal": "20.04", "jammy": "22.04", "noble": "24.04"]

    /// The releases an image is built on, read from its repository and tag:
    /// `python:3.9-slim-bullseye` is Python 3.9 on Debian bullseye.
    static func releases(in image: ImageReference) -> [Release] {
        guard let tag = image.tag?.lowercased() else { return [] }
        let parts = tag.split(separator: "-").map(String.init)
        let version = parts.first ?? ""
        var found: [Release] = []
        switch image.repository {
        case "python":
            found += matching(python, majorMinor(version))
        case "node":
            found += matching(node, nodeCodenames[version] ?? version.split(separator: ".").first.map(String.init))
        case "debian":
            found += matching(debian, debianVersions[version.split(separator: ".").first.map(String.init) ?? ""])
        case "alpine":
            found += matching(alpine, majorMinor(version))
        case "ubuntu":
            found += matching(ubuntu, ubuntuCodenames[version] ?? majorMinor(version))
        default:
            break
        }
        for part in parts {
            found += matching(debian, part)
            if part.hasPrefix("alpine") { found += matching(alpine, majorMinor(String(part.dropFirst(6)))) }
            found += matching(ubuntu, ubuntuCodenames[part])
        }
        var unique: [Release] = []
        for release in found where !unique.contains(release) { unique.append(release) }
        return unique
    }

    /// The oldest release of the same product still supported on `day`.
    static func oldestSupported(like release: Release, on day: Date) -> Release? {
        [python, node, debian, alpine, ubuntu].first { $0.contains(release) }?.first { $0.date > day }
    }

    private static func matching(_ releases: [Release], _ version: String?) -> [Release] {
        guard let version else { return [] }
        return releases.filter { $0.version == version }
    }

    /// `3.9` from `3.9`, `3.9.18` or `3.9rc1`.
    private static func majorMinor(_ version: String) -> String? {
        let numbers = version.split(separator: ".", omittingEmptySubsequences: false).prefix(2)
            .map { $0.prefix { $0.isNumber } }
        guard numbers.count == 2, numbers.allSatisfy({ !$0.isEmpty }) else { return nil }
        return numbers.joined(separator: ".")
    }

    private static func releases(_ product: String, _ rows: [(String, String)]) -> [Release] {
        rows.map { Release(product: product, version: $0.0, endOfLife: $0.1) }
    }

    /// Midnight UTC of a `yyyy-mm-dd` date.
    static func date(_ text: String) -> Date {
        let parts = text.split(separator: "-").compactMap { Int($0) }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC") ?? .current
        let components = DateComponents(year: parts.first, month: parts.dropFirst().first, day: parts.dropFirst(2).first)
        return calendar.date(from: components) ?? .distantFuture
    }
}
