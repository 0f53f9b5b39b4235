internal import _CPythonShims
import Foundation
import VerifyCore

/// The embedded CPython of this process and the one thread that owns it.
///
/// CPython is initialized once per process; every call goes through the owner thread,
/// which has a large stack and an empty signal mask (a thread created by libdispatch
/// blocks SIGCHLD, and multiprocessing's forkserver then never reaps its children).
///
/// ```swift
/// PythonInterpreter.runOnOwnerThread { makeInterpreter in
///     let runner = try? SnippetRunner(interpreter: makeInterpreter(), root: folder)
/// }
/// ```
public final class PythonInterpreter {
    /// The Python that libpython3.11 belongs to; `sys.executable`, so multiprocessing's
    /// spawn and forkserver start the right program.
    public static let executable = "/usr/bin/python3.11"

    private init() {}

    /// Runs `body` on a new thread that owns the interpreter, and waits for it.
    /// Initialization errors are passed to `body` as a thrown error from `make`.
    /// - Parameter cacheDirectory: an open folder where the glue's compiled code is kept
    ///   between runs (see `vpy_load_module`), or -1.
    public static func runOnOwnerThread(
        cacheDirectory: Int32 = -1, _ body: @escaping @Sendable (() throws -> PythonInterpreter) -> Void
    ) {
        SystemThread(stackSize: 16 << 20) {
            var empty = sigset_t()
            sigemptyset(&empty)
            pthread_sigmask(SIG_SETMASK, &empty, nil)
            body { try PythonInterpreter.initialize(cacheDirectory: cacheDirectory) }
        }.join()
    }

    /// `VERIFY_HASH_SEED` when the supervisor set it (benchmarks fix it to 0), else random.
    private static var hashSeed: Int {
        ProcessInfo.processInfo.environment["VERIFY_HASH_SEED"].flatMap { Int($0) }.map { max($0, 0) } ?? -1
    }

    private static func initialize(cacheDirectory: Int32) throws -> PythonInterpreter {
        var error: UnsafeMutablePointer<CChar>?
        guard vpy_initialize(executable, hashSeed, &error) == 0 else {
            throw PythonRuntimeError(message: takeString(error) ?? "Python initialization failed")
        }
        let interpreter = PythonInterpreter()
        for (name, source) in [(AppGlue.moduleName, AppGlue.source), (PythonGlue.moduleName, PythonGlue.source)] {
            guard vpy_load_module(name, source, FNV1a(source.utf8).value, cacheDirectory, &error) == 0 else {
                throw PythonRuntimeError(message: "loading verify's Python glue: " + (takeString(error) ?? "unknown error"))
            }
        }
        return interpreter
    }

    /// Calls a glue function with a JSON argument and returns its JSON answer.
    public func call(_ function: String, _ argument: String) throws -> String {
        var error: UnsafeMutablePointer<CChar>?
        guard let result = vpy_call(PythonGlue.moduleName, function, argument, &error) else {
            throw PythonRuntimeError(message: "\(function): " + (Self.takeString(error) ?? "unknown error"))
        }
        return Self.takeString(result) ?? ""
    }

    private static func takeString(_ pointer: UnsafeMutablePointer<CChar>?) -> String? {
        guard let pointer else { return nil }
        defer { vpy_free(pointer) }
        return String(cString: pointer)
    }
}

/// The embedded interpreter failed in a way that is not the snippet's doing.
public struct PythonRuntimeError: Error, CustomStringConvertible {
    public var message: String
    public var description: String { message }
}
