public import VerifyCore

/// Turns a report into one output format. Each format has an identifier, which is
/// the value of `--format`.
public protocol Reporter: Sendable {
    static var identifier: String { get }
    func report(_ report: Report) -> String
}
