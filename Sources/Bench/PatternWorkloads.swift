/// The pair of workloads each performance pattern is tested with: the first side is the
/// one the claim favours (or, for "threads do not speed up CPU-bound work" and "an index
/// slows INSERT", the one it speaks of), the second the one it is compared with.
///
/// Sizes are multiplied by `scale` (tests use a small one); loop counts are calibrated at
/// run time, so the sizes only set how long one loop takes.
public struct PatternWorkloads: Sendable {
    public var scale: Double
    /// Cores present; the parallel workload starts one process per core.
    public var cores: Int

    public init(scale: Double = 1, cores: Int) {
        self.scale = scale
        self.cores = max(cores, 1)
    }

    /// The benchmark testing a pattern, or nil for an unknown identifier.
    public func benchmark(for pattern: String) -> BenchmarkSpec? {
        switch pattern {
        case "threads-cpu-bound": threadsOnCPUBoundWork()
        case "multiprocessing-speedup": multiprocessingSpeedUp()
        case "threads-io-bound": threadsOnWaits()
        case "asyncio-concurrency": asyncioGather()
        case "generator-memory": generatorMemory()
        case "comprehension-vs-loop": comprehension()
        case "builtin-vs-loop": builtin()
        case "local-vs-global": localLookup()
        case "set-membership": setMembership()
        case "string-join": stringJoin()
        default: SQLPatternWorkloads(scale: scale).benchmark(for: pattern)
        }
    }

    func size(_ base: Int) -> Int { scaled(base, by: scale) }

    private func threadsOnCPUBoundWork() -> BenchmarkSpec {
        let setup = """
            import threading

            def count_down(n):
                while n > 0:
                    n -= 1

            CHUNKS = [\(size(250_000))] * 4

            def sequential():
                for n in CHUNKS:
                    count_down(n)

            def threaded():
                threads = [threading.Thread(target=count_down, args=(n,)) for n in CHUNKS]
                for thread in threads:
                    thread.start()
                for thread in threads:
                    thread.join()
            """
        var spec = pair(
            "threads-cpu-bound", "four threads vs. one thread counting down",
            Workload("threads", setup: setup, body: "threaded()"), Workload("sequential", setup: setup, body: "sequential()"),
            metric: .wall, expectation: .notLower, countsInstructions: false)
        spec.comparisonMetric = nil  // the work is CPU time; only the claim is about the wall clock
        return spec
    }

    private func multiprocessingSpeedUp() -> BenchmarkSpec {
        let setup = """
            from multiprocessing import Pool

            def burn(n):
                total = 0
                for i in range(n):
                    total += i * i % 7
                return total

            CHUNKS = [\(size(500_000))] * \(cores * 2)

            def sequential():
                return [burn(n) for n in CHUNKS]

            def parallel():
                with Pool(\(cores)) as pool:
                    return pool.map(burn, CHUNKS)
            """
        var spec = pair(
            "multiprocessing-speedup", "a pool of \(cores) processes vs. one process, pool start included",
            Workload("pool", setup: setup, body: "parallel()"), Workload("sequential", setup: setup, body: "sequential()"),
            metric: .wall, expectation: .lower, countsInstructions: false)
        spec.requiredCores = 2
        spec.comparisonMetric = nil
        return spec
    }

    private func threadsOnWaits() -> BenchmarkSpec {
        let setup = """
            import threading, time

            def fetch():
                time.sleep(\(seconds(0.005)))

            def sequential():
                for _ in range(16):
                    fetch()

            def threaded():
                threads = [threading.Thread(target=fetch) for _ in range(16)]
                for thread in threads:
                    thread.start()
                for thread in threads:
                    thread.join()
            """
        var spec = pair(
            "threads-io-bound", "16 blocking waits on 16 threads vs. one after another",
            Workload("threads", setup: setup, body: "threaded()"), Workload("sequential", setup: setup, body: "sequential()"),
            metric: .wall, expectation: .lower, countsInstructions: false)
        spec.note = "time.sleep stands in for I/O: like a socket or file read it releases the GIL while it waits"
        return spec
    }

    private func asyncioGather() -> BenchmarkSpec {
        let setup = """
            import asyncio

            async def fetch():
                await asyncio.sleep(\(seconds(0.005)))

            async def one_by_one():
                for _ in range(16):
                    await fetch()

            async def together():
                await asyncio.gather(*(fetch() for _ in range(16)))
            """
        var spec = pair(
            "asyncio-concurrency", "16 awaited waits gathered vs. awaited one by one",
            Workload("gather", setup: setup, body: "asyncio.run(together())"),
            Workload("sequential", setup: setup, body: "asyncio.run(one_by_one())"),
            metric: .wall, expectation: .lower, countsInstructions: false)
        spec.note = "asyncio.sleep stands in for network I/O"
        return spec
    }

    private func generatorMemory() -> BenchmarkSpec {
        let n = size(100_000)
        return pair(
            "generator-memory", "sum over a generator expression vs. over a list comprehension",
            Workload("generator", body: "total = sum(x * x for x in range(\(n)))"),
            Workload("list", body: "total = sum([x * x for x in range(\(n))])"),
            metric: .memory, expectation: .lower)
    }

    private func comprehension() -> BenchmarkSpec {
        let setup = """
            DATA = list(range(\(size(10_000))))

            def with_comprehension():
                return [x * 2 for x in DATA]

            def with_loop():
                result = []
                for x in DATA:
                    result.append(x * 2)
                return result
            """
        return pair(
            "comprehension-vs-loop", "list comprehension vs. for loop with append",
            Workload("comprehension", setup: setup, body: "with_comprehension()"),
            Workload("loop", setup: setup, body: "with_loop()"), metric: .cpu, expectation: .lower)
    }

    private func builtin() -> BenchmarkSpec {
        let setup = """
            DATA = list(range(\(size(10_000))))

            def with_builtin():
                return sum(DATA)

            def with_loop():
                total = 0
                for x in DATA:
                    total += x
                return total
            """
        return pair(
            "builtin-vs-loop", "sum() vs. a for loop adding up",
            Workload("builtin", setup: setup, body: "with_builtin()"), Workload("loop", setup: setup, body: "with_loop()"),
            metric: .cpu, expectation: .lower)
    }

    private func localLookup() -> BenchmarkSpec {
        let setup = """
            SCALE = 3

            def with_global():
                total = 0
                for i in range(\(size(10_000))):
                    total += i * SCALE
                return total

            def with_local():
                scale = SCALE
                total = 0
                for i in range(\(size(10_000))):
                    total += i * scale
                return total
            """
        return pair(
            "local-vs-global", "a loop reading a local variable vs. a global one",
            Workload("local", setup: setup, body: "with_local()"), Workload("global", setup: setup, body: "with_global()"),
            metric: .cpu, expectation: .lower)
    }

    private func setMembership() -> BenchmarkSpec {
        let setup = """
            ITEMS = list(range(\(size(1_000))))
            ITEM_SET = set(ITEMS)
            PROBES = list(range(0, \(size(2_000)), 7))

            def in_list():
                return sum(1 for p in PROBES if p in ITEMS)

            def in_set():
                return sum(1 for p in PROBES if p in ITEM_SET)
            """
        return pair(
            "set-membership", "`in` on a set vs. on a list",
            Workload("set", setup: setup, body: "in_set()"), Workload("list", setup: setup, body: "in_list()"),
            metric: .cpu, expectation: .lower)
    }

    private func stringJoin() -> BenchmarkSpec {
        let setup = """
            PARTS = [str(i) for i in range(\(size(10_000)))]

            def with_join():
                return ''.join(PARTS)

            def with_concatenation():
                text = ''
                for part in PARTS:
                    text += part
                return text
            """
        return pair(
            "string-join", "str.join vs. += in a loop",
            Workload("join", setup: setup, body: "with_join()"),
            Workload("concatenation", setup: setup, body: "with_concatenation()"), metric: .cpu, expectation: .lower)
    }

    /// A wait of `base` seconds, scaled.
    private func seconds(_ base: Double) -> String { String(base * scale) }
}

/// A workload size multiplied by the scale factor, at least 1.
func scaled(_ base: Int, by scale: Double) -> Int { max(1, Int((Double(base) * scale).rounded())) }

/// A two-sided benchmark for a pattern.
func pair(
    _ pattern: String, _ title: String, _ first: Workload, _ second: Workload, metric: BenchMetric,
    expectation: Expectation, countsInstructions: Bool = true
) -> BenchmarkSpec {
    BenchmarkSpec(
        id: pattern, title: title, pattern: pattern, sides: [first, second], metric: metric, expectation: expectation,
        countsInstructions: countsInstructions)
}
