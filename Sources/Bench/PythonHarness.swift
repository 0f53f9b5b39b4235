import Foundation
import WorkerProtocol

/// The Python program that measures one workload in a fresh process, and the reading of
/// what it prints. It is the only Python of `verify bench`; the same program runs in a
/// supervised worker (time and memory) and under callgrind (instructions).
///
/// The workload's setup and body run in the program's own `__main__` namespace, so
/// functions it defines can be pickled by `multiprocessing`. What the workload prints
/// goes to `/dev/null`; the program's answer is one line `@@verify-bench {…}` on stdout.
public enum PythonHarness {
    public enum Mode: String, Sendable, Codable {
        /// Warm up, then find how many loops make a sample last the target time.
        case calibrate
        /// Setup, a warmup of a tenth of the loops, then the timed loops.
        case time
        /// Setup, then one run under tracemalloc.
        case memory
        /// Setup, one warmup run, then the loops; for counting instructions.
        case count
    }

    public struct Request: Sendable, Hashable, Codable {
        public var mode: Mode
        public var setup: String
        public var body: String
        public var loops: Int
        /// With `calibrate`: seconds a sample should last at least.
        public var target: Double

        public init(mode: Mode, workload: Workload, loops: Int = 1, target: Double = 0.1) {
            self.mode = mode
            setup = workload.setup
            body = workload.body
            self.loops = loops
            self.target = target
        }
    }

    /// What one run of the program measured. Times are per loop.
    public struct Answer: Sendable, Hashable, Codable {
        public var loops: Int
        public var wall: Double?
        public var cpu: Double?
        public var memory: Double?
        public var rss: Double?
        public var python: String?
        public var sqlite: String?
    }

    static let marker = "@@verify-bench "

    /// The program for one request, the request embedded as a JSON string literal.
    public static func program(_ request: Request) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let json = String(decoding: (try? encoder.encode(request)) ?? Data("{}".utf8), as: UTF8.self)
        return "_verify_request = \(pythonStringLiteral(json))\n" + source
    }

    /// `text` as a Python string literal. (Foundation's JSON encoder writes `/` as `\/`,
    /// which Python keeps as two characters.)
    static func pythonStringLiteral(_ text: String) -> String {
        var writer = JSONWriter(capacity: text.utf8.count + 16)
        writer.string(text)
        return String(decoding: writer.bytes, as: UTF8.self)
    }

    /// The answer in a run's stdout: the last marker line.
    public static func answer(in stdout: String) -> Answer? {
        guard let line = stdout.split(separator: "\n").last(where: { $0.hasPrefix(marker) }) else { return nil }
        return try? JSONDecoder().decode(Answer.self, from: Data(line.dropFirst(marker.count).utf8))
    }

    static let source = #"""
import gc as _verify_gc, json as _verify_json, os as _verify_os, resource as _verify_resource
import sys as _verify_sys, time as _verify_time


def _verify_cpu():
    own = _verify_resource.getrusage(_verify_resource.RUSAGE_SELF)
    children = _verify_resource.getrusage(_verify_resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def _verify_peak_rss():
    return _verify_resource.getrusage(_verify_resource.RUSAGE_SELF).ru_maxrss * 1024


def _verify_loop(code, loops):
    namespace = globals()
    for _ in range(loops):
        exec(code, namespace)


def _verify_timed(code, loops):
    _verify_gc.collect()
    enabled = _verify_gc.isenabled()
    _verify_gc.disable()
    try:
        cpu, wall = _verify_cpu(), _verify_time.perf_counter()
        _verify_loop(code, loops)
        return _verify_time.perf_counter() - wall, _verify_cpu() - cpu
    finally:
        if enabled:
            _verify_gc.enable()


def _verify_calibrate(code, target):
    wall, _ = _verify_timed(code, 1)
    loops = 1
    while wall < target and loops < 10 ** 8:
        estimate = int(loops * target * 1.2 / wall) + 1 if wall > 0 else loops * 10
        loops = max(loops * 2, min(estimate, loops * 100))
        wall, _ = _verify_timed(code, loops)
    return {'loops': loops, 'wall': wall / loops}


def _verify_main():
    request = _verify_json.loads(_verify_request)
    stdout, stderr = _verify_sys.stdout, _verify_sys.stderr
    sink = open(_verify_os.devnull, 'w')
    _verify_sys.stdout = _verify_sys.stderr = sink
    try:
        exec(compile(request['setup'], '<setup>', 'exec'), globals())
        code = compile(request['body'], '<body>', 'exec')
        mode, loops = request['mode'], request['loops']
        if mode == 'calibrate':
            answer = _verify_calibrate(code, request['target'])
        elif mode == 'memory':
            import tracemalloc
            _verify_gc.collect()
            rss = _verify_peak_rss()
            tracemalloc.start()
            base = tracemalloc.get_traced_memory()[0]
            tracemalloc.reset_peak()
            _verify_loop(code, 1)
            peak = tracemalloc.get_traced_memory()[1]
            tracemalloc.stop()
            answer = {'loops': 1, 'memory': peak - base, 'rss': _verify_peak_rss() - rss}
        elif mode == 'count':
            _verify_loop(code, 1)
            _verify_loop(code, loops)
            answer = {'loops': loops}
        else:
            _verify_loop(code, max(1, loops // 10))
            rss = _verify_peak_rss()
            wall, cpu = _verify_timed(code, loops)
            answer = {'loops': loops, 'wall': wall / loops, 'cpu': cpu / loops, 'rss': _verify_peak_rss() - rss}
    finally:
        _verify_sys.stdout, _verify_sys.stderr = stdout, stderr
        sink.close()
    import sqlite3
    answer['python'] = _verify_sys.version.split()[0]
    answer['sqlite'] = sqlite3.sqlite_version
    print('@@verify-bench ' + _verify_json.dumps(answer), flush=True)


_verify_main()
"""#
}
