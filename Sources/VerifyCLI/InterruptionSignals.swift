import ArgumentParser
import Dispatch
import Foundation
import Supervisor

/// Turns SIGINT and SIGTERM into an interruption of the run: the workers are stopped and
/// the report of what finished is still written, marked partial. A second signal ends
/// verify at once.
final class InterruptionSignals {
    let interruption = RunInterruption()
    private var sources: [any DispatchSourceSignal] = []

    init() {
        let interruption = self.interruption
        for number in [SIGINT, SIGTERM] {
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler {
                if interruption.isInterrupted { exit(128 + number) }
                interruption.interrupt(signal: number)
            }
            source.resume()
            sources.append(source)
        }
    }

    /// The exit status for an interrupted run: 128 plus the signal, as shells report it.
    var exitStatus: Int32? { interruption.signal.map { 128 + $0 } }

    static func name(_ number: Int32) -> String { number == SIGINT ? "SIGINT" : number == SIGTERM ? "SIGTERM" : "signal \(number)" }

    /// After a run a signal stopped: says so on stderr and throws the exit status (128 + N).
    func exitIfStopped() throws {
        guard let status = exitStatus, let number = interruption.signal else { return }
        Console.err(
            "verify: stopped by \(Self.name(number)); the report holds what finished and is marked partial\n")
        throw ExitCode(status)
    }
}
