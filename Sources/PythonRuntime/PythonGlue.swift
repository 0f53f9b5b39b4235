/// The Python side of the worker: the only Python code verify runs of its own.
///
/// It runs a snippet as a real `__main__` module from its file, turns an escaping
/// exception into data (type, bases, message, line in the snippet's own file), waits
/// for the snippet's non-daemon threads as interpreter shutdown would, and lists what
/// the snippet left behind (threads, child processes, patched modules) so that the
/// supervisor can replace a dirty worker. Every function takes and returns a JSON str.
enum PythonGlue {
    static let moduleName = "_verify_glue"

    static let source = #"""
import atexit, builtins, gc, importlib.util, io, json, os, signal, sys, threading, time, traceback, types

_MISSING = object()
_SIGNALS = [signal.SIGINT, signal.SIGTERM, signal.SIGHUP, signal.SIGALRM, signal.SIGUSR1,
            signal.SIGUSR2, signal.SIGCHLD, signal.SIGPIPE]
_state = {}


def _type_name(cls):
    module = getattr(cls, '__module__', 'builtins')
    return cls.__qualname__ if module in ('builtins', '__main__') else module + '.' + cls.__qualname__


def _module_snapshot(names):
    skip = ('__main__', '__mp_main__', 'sys', 'builtins', __name__)
    snapshot = {}
    for name in names:
        module = sys.modules.get(name)
        if module is not None and name not in skip and hasattr(module, '__dict__'):
            snapshot[name] = (module, dict(vars(module)))
    return snapshot


def _names_in(code):
    """Every name and string constant a code object and its nested code mention."""
    names, stack = set(), [code]
    while stack:
        current = stack.pop()
        names.update(current.co_names)
        for constant in current.co_consts:
            if isinstance(constant, types.CodeType):
                stack.append(constant)
            elif isinstance(constant, str):
                names.add(constant)
    return names


def _sys_state():
    return (sys.stdin, sys.stdout, sys.stderr, sys.excepthook, sys.displayhook, sys.breakpointhook,
            sys.gettrace(), sys.getprofile(), sys.getrecursionlimit(), sys.getswitchinterval(),
            tuple(sys.meta_path), tuple(sys.path_hooks))


def _snapshot():
    return {
        'builtins': dict(vars(builtins)),
        'sys': _sys_state(),
        'signals': {s: signal.getsignal(s) for s in _SIGNALS},
        'environ': dict(os.environ),
        'modules': _module_snapshot(list(sys.modules)),
    }


def initialize(request):
    options = json.loads(request)
    _state['root'] = options['root']
    _state['baseline'] = _snapshot()
    _state['threads'] = set(threading.enumerate())
    return json.dumps({'python': sys.version.split()[0]})


def _child_processes():
    children = []
    try:
        tasks = os.listdir('/proc/self/task')
    except OSError:
        return children
    for task in tasks:
        try:
            with open('/proc/self/task/%s/children' % task) as handle:
                children += handle.read().split()
        except OSError:
            pass
    return children


def _leftovers(atexit_ran, mentioned):
    """What the snippet left behind. Modules are checked for patches only when the
    snippet's code mentions them: a full scan of every module costs milliseconds."""
    found = []
    for thread in threading.enumerate():
        if thread not in _state['threads'] and thread.is_alive():
            found.append('thread %r still running' % thread.name)
    for pid in _child_processes():
        found.append('child process %s still running' % pid)
    baseline = _state['baseline']
    now = vars(builtins)
    for name, value in baseline['builtins'].items():
        if name != '_' and now.get(name, _MISSING) is not value:
            found.append('builtins.%s was replaced' % name)
    if _sys_state() != baseline['sys']:
        found.append('sys streams or hooks were replaced')
    if any(signal.getsignal(s) != handler for s, handler in baseline['signals'].items()):
        found.append('signal handlers were changed')
    if dict(os.environ) != baseline['environ']:
        found.append('os.environ was changed')
    modules = baseline['modules']
    for name, (module, attributes) in modules.items():
        if name not in mentioned and name.rpartition('.')[2] not in mentioned:
            continue
        if sys.modules.get(name) is not module:
            found.append('module %s was replaced in sys.modules' % name)
            continue
        current = vars(module)
        for key, value in attributes.items():
            if not key.startswith('__') and current.get(key, _MISSING) is not value:
                found.append('%s.%s was patched' % (name, key))
                break
    if atexit_ran:
        found.append('atexit handlers ran')
    new = [name for name in sys.modules if name not in modules]
    if new:
        modules.update(_module_snapshot(new))
    return found


def _exit_code(exit):
    code = exit.code
    if code is None:
        return 0
    if isinstance(code, int):
        return code
    print(code, file=sys.stderr)
    return 1


def _describe(error, path, syntax=False):
    tb = error.__traceback__
    while tb is not None and tb.tb_frame.f_code.co_filename != path:
        tb = tb.tb_next
    line = None
    walker = tb
    while walker is not None:
        if walker.tb_frame.f_code.co_filename == path:
            line = walker.tb_lineno
        walker = walker.tb_next
    info = {
        'type': _type_name(type(error)),
        'hierarchy': [_type_name(cls) for cls in type(error).__mro__ if cls is not object],
        'message': str(error),
        'line': line,
        'isSyntaxError': syntax,
        'traceback': ''.join(traceback.format_exception(type(error), error, tb)),
    }
    if syntax:
        info['line'] = error.lineno
        info['column'] = error.offset
        info['message'] = error.msg
    if isinstance(error, ModuleNotFoundError) and error.name:
        top = error.name.split('.')[0]
        try:
            installed = importlib.util.find_spec(top) is not None
        except (ImportError, ValueError):
            installed = False
        if not installed:
            info['missingModule'] = top
    if isinstance(error, FileNotFoundError) and isinstance(error.filename, str) \
            and not os.path.isabs(error.filename):
        info['missingFile'] = error.filename
    if isinstance(error, NameError) and getattr(error, 'name', None):
        info['undefinedName'] = error.name
    return info


def _run_quietly(snippet, namespace):
    """Replays an earlier snippet for its names; its output and errors are not reported."""
    saved = sys.stdout, sys.stderr
    sys.stdout = sys.stderr = io.StringIO()
    try:
        exec(compile(snippet['source'], snippet['path'], 'exec'), namespace)
    except BaseException:
        pass
    finally:
        sys.stdout, sys.stderr = saved


def _wait_for_threads():
    """Joins the snippet's non-daemon threads, as interpreter shutdown would."""
    for thread in threading.enumerate():
        if thread not in _state['threads'] and not thread.daemon and thread is not threading.current_thread():
            thread.join()


def run(request):
    job = json.loads(request)
    path, workdir = job['path'], job['workdir']
    main = types.ModuleType('__main__')
    main.__file__ = path
    main.__builtins__ = builtins
    main.__spec__ = None
    saved_main, saved_argv, saved_path = sys.modules.get('__main__'), sys.argv, list(sys.path)
    sys.modules['__main__'] = main
    sys.argv = [path]
    sys.path[:0] = [os.path.dirname(path), workdir]
    os.chdir(workdir)
    callbacks = atexit._ncallbacks()
    atexit_ran = False
    mentioned = set()
    result = {'outcome': 'returned'}
    start = time.perf_counter()
    try:
        try:
            code = compile(job['source'], path, 'exec')
        except SyntaxError as error:
            result = {'outcome': 'raised', 'exception': _describe(error, path, syntax=True)}
        else:
            mentioned = _names_in(code)
            for snippet in job.get('prelude', []):
                _run_quietly(snippet, main.__dict__)
            try:
                exec(code, main.__dict__)
            except SystemExit as error:
                result = {'outcome': 'exited', 'exitCode': _exit_code(error)}
            except BaseException as error:
                result = {'outcome': 'raised', 'exception': _describe(error, path)}
            _wait_for_threads()
        result['definedNames'] = sorted(name for name in main.__dict__ if not name.startswith('__'))
        atexit_ran = atexit._ncallbacks() > callbacks
        if atexit_ran:
            atexit._run_exitfuncs()
            atexit._clear()
        main.__dict__.clear()
        gc.collect(1)
    finally:
        result['durationSeconds'] = time.perf_counter() - start
        for stream in (sys.stdout, sys.stderr):
            try:
                stream.flush()
            except BaseException:
                pass
        sys.modules['__main__'] = saved_main
        sys.argv = saved_argv
        sys.path[:] = saved_path
        try:
            os.chdir(_state['root'])
        except OSError:
            pass
    result['leftovers'] = _leftovers(atexit_ran, mentioned)
    return json.dumps(result)


def end_document(request):
    """Forgets modules imported from snippets' own folders, so no document sees another's."""
    root = _state['root']
    for name, module in list(sys.modules.items()):
        file = getattr(module, '__file__', None) or ''
        if file.startswith(root):
            del sys.modules[name]
            _state['baseline']['modules'].pop(name, None)
    importlib.invalidate_caches()
    gc.collect()
    return '{}'
"""#
}
