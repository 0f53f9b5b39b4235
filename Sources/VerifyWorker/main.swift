// verify-worker: one supervised process that runs snippets with an embedded CPython.
//
// Descriptors, as the supervisor sets them up: 0 is /dev/null (input() gets EOFError),
// 1 and 2 are the supervisor's capture pipes, 3 carries requests in, one JSON object
// per line, and 4 carries the first reply (ready, or why the worker cannot start) and
// then the end of each job that was not plain (a reply itself when the record file
// cannot take it); 5 is the record file, where the replies to jobs and the probe
// records go, and 6 the doorbell the worker rings when it has run all it was sent. They
// are moved out of the way at once so that a snippet closing or writing to 3 to 6 does
// not hit them by accident.

import Foundation
import PythonRuntime
import WorkerProtocol
import _SystemShims

signal(SIGPIPE, SIG_IGN)
// Signals sent to the process (signal.alarm, os.kill(os.getpid(), ...)) must reach the
// interpreter's thread, which unblocks them all, as they reach a script's main thread:
// there they interrupt a sleep and run the snippet's handler at once. Every other
// thread inherits this mask; signals that faults raise are left to the thread at fault.
var asynchronous = sigset_t()
sigfillset(&asynchronous)
for fault in [SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGTRAP, SIGSYS, SIGABRT] { sigdelset(&asynchronous, fault) }
pthread_sigmask(SIG_BLOCK, &asynchronous, nil)
// The supervisor's lane thread started us; if it dies without stopping us, so do we.
let supervisor = getppid()
_ = vsys_die_with_parent()
if getppid() != supervisor { exit(3) }

// The glue's compiled code is kept in the user's cache folder. The folder is opened
// before the sandbox makes the file system read-only, and closed before any snippet runs.
let cacheDirectory: Int32 = {
    guard let path = ProcessInfo.processInfo.environment[WorkerCache.environmentKey] else { return -1 }
    unsetenv(WorkerCache.environmentKey)
    let opened = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
    return opened >= 0 ? WorkerChannel.moveAside(opened) : -1
}()

let root = URL(fileURLWithPath: ProcessInfo.processInfo.environment["VERIFY_WORKER_ROOT"] ?? NSTemporaryDirectory())
    .appendingPathComponent("verify-worker-\(getpid())-\(UInt32.random(in: 0...UInt32.max))")
var sandbox = WorkerSandbox(policy: WorkerSandbox.policyFromEnvironment(), root: root)
let sandboxError: String?
do {
    try sandbox.enter()
    sandboxError = nil
} catch {
    sandboxError = "cannot make the worker's sandbox: \(error.localizedDescription)"
}
// Taken out of the environment before Python copies it, out of snippets' sight.
let outputMarker = ProcessInfo.processInfo.environment[OutputMarker.environmentKey]
unsetenv(OutputMarker.environmentKey)

// Made while the process has one thread: moving a descriptor up to 900 grows the
// descriptor table, which in a process with threads waits for an RCU grace period
// (tens of milliseconds on a busy machine).
let channel = WorkerChannel(inputDescriptor: 3, outputDescriptor: 4)
let records = WorkerChannel.moveAside(5)
let doorbell = WorkerChannel.moveAside(6)

let cgroupJoin = CgroupJoin(procs: sandbox.cgroupProcs)
let enteredSandbox = sandbox

PythonInterpreter.runOnOwnerThread(cacheDirectory: cacheDirectory) { makeInterpreter in
    if let sandboxError {
        channel.send(.failure(sandboxError))
        return
    }
    var box = enteredSandbox
    let runner: SnippetRunner
    do {
        let sitePaths = ProcessInfo.processInfo.environment["VERIFY_PYTHON_PATHS"]?.split(separator: ":").map(String.init) ?? []
        let interpreter = try makeInterpreter()
        if cacheDirectory >= 0 { close(cacheDirectory) }
        box.cgroupJoined(cgroupJoin.wait())
        runner = try SnippetRunner(
            interpreter: interpreter, root: root, records: records, sitePaths: sitePaths,
            guardPolicy: box.guardPolicy, outputMarker: outputMarker)
    } catch {
        channel.send(.failure((error as? PythonRuntimeError)?.message ?? error.localizedDescription))
        return
    }
    defer { runner.close() }
    channel.send(.ready(WorkerInfo(
        pythonVersion: runner.pythonVersion, isolation: box.isolation)))
    do {
        try runner.serve(input: channel.inputDescriptor, output: channel.outputDescriptor, doorbell: doorbell)
    } catch {
        channel.send(.failure((error as? PythonRuntimeError)?.message ?? error.localizedDescription))
    }
}
exit(0)
