import ArgumentParser
import Foundation
import Pipeline
import Reporting
import VerifyCore

/// `--format` and `--output`, shared by the commands that write a report.
struct OutputOptions: ParsableArguments {
    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text, json, junit, sarif, html
    }

    @Option(help: "Report format: \(Format.allCases.map(\.rawValue).joined(separator: ", ")).")
    var format: Format = .text

    @Option(name: [.short, .long], help: "Write the report to this file instead of standard output.")
    var output: String?

    func write(_ report: Report, verbose: Bool) throws {
        let text: String
        switch format {
        case .text:
            let colors = output == nil && Terminal.isInteractive(STDOUT_FILENO) && Terminal.colorsAllowed
            // Input errors are on standard error already; a file gets them too.
            var shown = report
            if output == nil { shown.inputErrors = [] }
            text = TerminalReporter(colors: colors, verbose: verbose).report(shown)
        case .json:
            text = JSONReporter().report(report)
        case .junit:
            text = JUnitReporter().report(report)
        case .sarif:
            text = SARIFReporter().report(report)
        case .html:
            text = HTMLReporter().report(report)
        }
        if let output {
            try AtomicFile.write(Data(text.utf8), to: output)
        } else {
            Console.out(text)
        }
    }
}

enum Terminal {
    static func isInteractive(_ fd: Int32) -> Bool { isatty(fd) == 1 }
    /// NO_COLOR (https://no-color.org) turns colours off whatever its value.
    static var colorsAllowed: Bool { ProcessInfo.processInfo.environment["NO_COLOR"] == nil }
}
