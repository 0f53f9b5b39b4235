/// The Python side of the worker: the only Python code verify runs of its own.
///
/// It runs a snippet as a real `__main__` module from its file, turns an escaping
/// exception into data (type, bases, message, line in the snippet's own file), waits
/// for the snippet's non-daemon threads as interpreter shutdown would, and lists what
/// the snippet left behind (threads, child processes, patched modules) so that the
/// supervisor can replace a dirty worker. Every function takes and returns a JSON str.
/// The sandbox's audit hook is the same module's second part, in `PythonGlue+Guard.swift`.
enum PythonGlue {
    static let moduleName = "_verify_glue"

    /// The glue's module source: the runner below, then the sandbox's audit hook.
    static let source = runnerSource + "\n\n" + guardSource

    private static let runnerSource = #"""
# Only cheap modules are imported up front (a worker starts for every lane); ast,
# traceback, textwrap, importlib.util and site are imported where they are needed, and
# threading (4 ms with what it imports) is looked at only once a snippet imported it.
import _json, _operator, _signal, atexit, builtins, gc, io, os, resource, sys, time, types

try:
    import _verify_shim as _shim
except ImportError:  # the glue loaded outside the worker
    _shim = None


class _JSONContext:
    """What _json's scanner reads from json.JSONDecoder, without importing json (and re)."""
    strict = True
    object_hook = None
    object_pairs_hook = None
    parse_float = float
    parse_int = int
    parse_constant = float


_scan = _json.make_scanner(_JSONContext())


def _not_serializable(value):
    raise TypeError('%s is not JSON serializable' % type(value).__name__)


_encode = _json.make_encoder(None, _not_serializable, _json.encode_basestring_ascii, None, ': ', ', ',
                             False, False, True)


class _LazyModule:
    """Stands for a module until it is first used, then is replaced by it."""

    def __init__(self, name):
        self._name = name

    def __getattr__(self, attribute):
        module = __import__(self._name)
        globals()[self._name] = module
        return getattr(module, attribute)


ast, textwrap, traceback = _LazyModule('ast'), _LazyModule('textwrap'), _LazyModule('traceback')


# Bound once: a snippet that patches os.read or os.write does not reach the channels.
_os_read, _os_write = os.read, os.write


def _loads(text):
    try:
        value, end = _scan(text, 0)
    except StopIteration as stop:
        raise ValueError('invalid JSON at %d' % stop.value) from None
    return value


def _dumps(value):
    return ''.join(_encode(value, 0))


_MISSING = object()
_SIGNALS = [_signal.SIGINT, _signal.SIGTERM, _signal.SIGHUP, _signal.SIGALRM, _signal.SIGUSR1,
            _signal.SIGUSR2, _signal.SIGCHLD, _signal.SIGPIPE]
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
    """Every name and string constant a code object and its nested code mention, those
    in tuple and frozenset constants included (a match pattern keeps the attributes it
    reads in one)."""
    names, stack, code_type = set(code.co_names), list(code.co_consts), types.CodeType
    while stack:
        current = stack.pop()
        kind = type(current)  # constants are never of a subclass
        if kind is str:
            names.add(current)
        elif kind is code_type:
            names.update(current.co_names)
            stack.extend(current.co_consts)
        elif kind is tuple or kind is frozenset:
            stack.extend(current)
    return names


def _sys_state():
    return (sys.stdin, sys.stdout, sys.stderr, sys.excepthook, sys.displayhook, sys.breakpointhook,
            sys.gettrace(), sys.getprofile(), sys.getrecursionlimit(), sys.getswitchinterval(),
            tuple(sys.meta_path), tuple(sys.path_hooks))


def _snapshot():
    return {
        'builtins': dict(vars(builtins)),
        'sys': _sys_state(),
        'recursionLimit': sys.getrecursionlimit(),
        'signals': {s: _signal.getsignal(s) for s in _SIGNALS},
        'environ': dict(os.environ._data),
        'process': _shim.process_state() if _shim is not None else None,
        'modules': {},
        'basenames': {},
        'module_count': 0,
    }


def initialize(request):
    options = _loads(request)
    _state['root'] = options['root']
    _state['records'] = options.get('records')
    _state['sitePaths'] = options.get('sitePaths') or []
    _state['refusals'] = []
    if options.get('sandbox') is not None:
        _install_guard(options['sandbox'])
    _state['pid'] = os.getpid()
    _state['sources'] = os.path.join(options['root'], 'src')
    os.makedirs(_state['sources'], exist_ok=True)
    _state['counter'] = 0
    _state['marker'] = (options.get('marker') or '').encode('ascii')
    _state['watches'] = (_Watch(), _Watch())
    sys.stdout.reconfigure(line_buffering=True)
    _state['cpuLimit'], _state['cpuSpare'], _state['cpuSafeUntil'] = None, 0, 0
    _take_baseline()
    return _dumps({'python': sys.version.split()[0]})


def _take_baseline():
    """What a snippet must leave as it found it: builtins, sys, signals, the environment
    and modules; the threads that are not a snippet's."""
    _state['baseline'] = _snapshot()
    _remember_modules(list(sys.modules))
    # Threads something started before any snippet (a .pth file) are not the snippets'.
    _state['threads'] = set(sys.modules['threading'].enumerate()) if 'threading' in sys.modules else set()
    _state['standardStreams'] = _standard_streams()
    # What exists now lives as long as the worker: the collector need not look at it
    # again (a full collection at each document's end would otherwise cost milliseconds).
    gc.freeze()


def _import_site():
    """Imports site as Python's start does without -S, then adds the --python-env
    folders with their .pth files. The worker starts without it (2 ms of each start) and
    imports it before the first snippet that is not plain: a plain one imports nothing
    and reaches neither the builtins site adds nor sys. What site changed becomes part
    of the state a snippet must leave behind."""
    if _state.get('siteImported'):
        return
    _state['siteImported'] = True
    import site
    if sys.flags.no_site:
        if _shim is not None:
            # Multiprocessing starts its children with -S while sys.flags say so.
            saved = sys.path, sys.argv, sys.dont_write_bytecode
            _shim.site_imported()
            sys.path, sys.argv, sys.dont_write_bytecode = saved
        site.main()
    for path in _state['sitePaths']:
        site.addsitedir(path)
    _take_baseline()


def _leave_forked_child(result):
    """A process the snippet forked that ran on to the end of the snippet: it ends here,
    as a forked child of a script would, instead of going on as a second worker that
    answers the supervisor."""
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except BaseException:
            pass
    if result['outcome'] == 'exited':
        os._exit(result.get('exitCode', 0) & 0xFF)
    os._exit(1 if result['outcome'] == 'raised' else 0)


def _has_child_processes():
    """One system call: waitpid fails with ECHILD exactly when there are no children
    (a child that already exited is reaped, which is what its parent should do)."""
    try:
        while True:
            pid, _ = os.waitpid(-1, os.WNOHANG)
            if pid == 0:
                return True
    except ChildProcessError:
        return False


# What the C process state holds, in the order of _verify_shim.process_state().
_PROCESS_STATE = ('the C environment was changed (os.putenv)', 'resource limits were changed',
                  'the nice value was changed', 'the umask was changed',
                  'a timer (signal.alarm, setitimer) is still set', 'the signal mask was changed')

# Names through which a snippet reaches a module without naming it.
_REFLECTIVE = frozenset({'importlib', '__import__', 'modules', 'getattr', 'setattr', 'delattr', 'vars',
                         '__dict__', 'globals', 'exec', 'eval', 'ctypes'})


def _leftovers(atexit_ran, mentioned, source):
    """What the snippet left behind. Modules are checked for patches when the snippet's
    code mentions them; all of them (milliseconds) only when it imported new modules,
    which may patch others, or reaches modules in ways that do not name them. A module
    imported for the first time has nothing to be compared with: see _may_patch."""
    found = []
    for thread in _snippet_threads():
        if thread.is_alive():
            found.append('thread %r still running' % thread.name)
    if _has_child_processes():
        found.append('child processes still running')
    for fd, name, now, then in zip((0, 1, 2), ('stdin', 'stdout', 'stderr'), _standard_streams(),
                                    _state['standardStreams']):
        if now is None:
            found.append('file descriptor %d (%s) was closed' % (fd, name))
        elif now != then:
            found.append('file descriptor %d (%s) was redirected' % (fd, name))
    baseline = _state['baseline']
    now = vars(builtins)
    if now != baseline['builtins']:
        replaced = ['builtins.%s was replaced' % name for name, value in baseline['builtins'].items()
                    if name != '_' and now.get(name, _MISSING) is not value]
        if replaced:
            # The worker is replaced; what follows would run on the snippet's builtins.
            return found + replaced
    if _sys_state() != baseline['sys']:
        found.append('sys streams or hooks were replaced')
    if any(_signal.getsignal(s) is not handler for s, handler in baseline['signals'].items()):
        found.append('signal handlers were changed')
    if os.environ._data != baseline['environ']:
        found.append('os.environ was changed')
    for stream, name in ((sys.stdout, 'stdout'), (sys.stderr, 'stderr')):
        if getattr(stream, 'closed', False):
            found.append('sys.%s was closed' % name)
    if baseline['process'] is not None:
        found += [change for change, now, then in zip(_PROCESS_STATE, _shim.process_state(), baseline['process'])
                  if now != then]
    modules, by_basename = baseline['modules'], baseline['basenames']
    if len(sys.modules) != baseline['module_count'] or not _REFLECTIVE.isdisjoint(mentioned):
        suspects = list(modules)
    else:
        suspects = [name for basename in mentioned.intersection(by_basename) for name in by_basename[basename]]
    for name in suspects:
        module, attributes = modules[name]
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
    if len(sys.modules) != baseline['module_count']:
        new = [name for name in sys.modules if name not in modules]
        if new and _may_patch(source, mentioned):
            found.append('modules it imported may have been patched')
        _remember_modules(new)
    return found


def _may_patch(source, mentioned):
    """Whether the snippet may have changed a module: it reaches modules without naming
    them, calls something named like patch (monkey.patch_all, mock.patch), or assigns or
    deletes an attribute of a name it imported (`json.dumps = ...`)."""
    if not _REFLECTIVE.isdisjoint(mentioned) \
            or any(name.startswith('patch') or 'monkey' in name for name in mentioned):
        return True
    import ast
    try:
        tree = ast.parse(source)
    except (SyntaxError, ValueError):
        return True
    imported = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            imported.update(alias.asname or alias.name.partition('.')[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            imported.update(alias.asname or alias.name for alias in node.names)
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute) and not isinstance(node.ctx, ast.Load):
            base = node.value
            while isinstance(base, ast.Attribute):
                base = base.value
            if isinstance(base, ast.Name) and base.id in imported:
                return True
    return False


def _standard_streams():
    """What descriptors 0, 1 and 2 are (device and inode), None for a closed one."""
    identities = []
    for fd in (0, 1, 2):
        try:
            status = os.fstat(fd)
            identities.append((status.st_dev, status.st_ino))
        except OSError:
            identities.append(None)
    return identities


def _remember_modules(names):
    """Adds modules to the baseline that later snippets are checked against."""
    baseline = _state['baseline']
    snapshot = _module_snapshot(names)
    baseline['modules'].update(snapshot)
    for name in snapshot:
        basename = name.rpartition('.')[2]
        baseline['basenames'].setdefault(basename, []).append(name)
        if basename != name:
            baseline['basenames'].setdefault(name, []).append(name)
    baseline['module_count'] = len(sys.modules)


def _exit_code(exit):
    code = exit.code
    if code is None:
        return 0
    if isinstance(code, int):
        return max(-2 ** 31, min(code, 2 ** 31 - 1))
    print(code, file=sys.stderr)
    return 1


def _lift_recursion_limit():
    """Puts back the recursion limit a snippet lowered: the glue's own work after it needs
    more frames than a snippet that set a limit of 50 left it."""
    limit = _state['baseline']['recursionLimit']
    if sys.getrecursionlimit() < limit:
        sys.setrecursionlimit(limit)


def _message(error):
    """str(error), or what the traceback module says when that raises."""
    try:
        return str(error)
    except BaseException:
        return '<exception str() failed>'


def _raised_starting_a_program(error):
    """Whether the innermost frame is subprocess's, which starts a program: its
    FileNotFoundError names the program, not a file the snippet opens."""
    tb = error.__traceback__
    if tb is None:
        return False
    while tb.tb_next is not None:
        tb = tb.tb_next
    return os.path.basename(tb.tb_frame.f_code.co_filename) == 'subprocess.py'


def _describe(error, path, syntax=False, source=None):
    """The exception as data. `source` is the snippet's text when it has no file (a plain
    snippet): the traceback then shows its lines all the same."""
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
        'message': _message(error),
        'line': line,
        'isSyntaxError': syntax,
        'traceback': _format_traceback(error, tb, path, source),
    }
    if syntax:
        info['line'] = error.lineno
        info['column'] = error.offset
        info['message'] = error.msg
    if isinstance(error, ModuleNotFoundError) and error.name:
        top = error.name.split('.')[0]
        try:
            import importlib.util
            installed = importlib.util.find_spec(top) is not None
        except (ImportError, ValueError):
            installed = False
        if not installed:
            info['missingModule'] = top
    if isinstance(error, FileNotFoundError) and isinstance(error.filename, str):
        if _raised_starting_a_program(error) and '/' not in error.filename:
            info['missingProgram'] = error.filename
        elif not os.path.isabs(error.filename):
            info['missingFile'] = error.filename
    if isinstance(error, NameError) and getattr(error, 'name', None):
        info['undefinedName'] = error.name
    return info


def _format_traceback(error, tb, path, source):
    if source is None:
        return ''.join(traceback.format_exception(type(error), error, tb))
    import linecache
    linecache.cache[path] = (len(source), None, source.splitlines(True), path)
    try:
        return ''.join(traceback.format_exception(type(error), error, tb))
    finally:
        linecache.cache.pop(path, None)


def _run_quietly(snippet, namespace):
    """Replays an earlier snippet for its names; its output and errors are not reported.
    A `>>>` session is replayed as the script its examples make."""
    saved = sys.stdout, sys.stderr
    sys.stdout = sys.stderr = io.StringIO()
    try:
        source = snippet['source']
        try:
            code = compile(source, snippet['path'], 'exec')
        except SyntaxError:
            if '>>>' not in source:
                raise
            import doctest
            code = compile(doctest.script_from_examples(source), snippet['path'], 'exec')
        exec(code, namespace)
    except BaseException:
        pass
    finally:
        sys.stdout, sys.stderr = saved


def _snippet_threads():
    """The threads snippets started that threading knows of: every one but the one the
    glue runs on and those there were at start. An empty list before a snippet imports
    threading."""
    threading = sys.modules.get('threading')
    if threading is None:
        return []
    current, before = threading.current_thread(), _state['threads']
    return [thread for thread in threading.enumerate() if thread is not current and thread not in before]


def _wait_for_threads():
    """Joins the snippet's non-daemon threads, as interpreter shutdown would."""
    for thread in _snippet_threads():
        if not thread.daemon:
            thread.join()


_CONCURRENCY = {'threading', '_thread', 'multiprocessing', 'asyncio', 'concurrent', 'gevent', 'Thread', 'Pool'}


_MAXIMUM_RECORDS = 1000
# What a statement printed is kept up to this many characters, as captured output is.
_MAXIMUM_PROBE_TEXT = 1 << 20


def _record(job, probe, key, text):
    """Appends a probe record (`key` is text or value) to the worker's record file, where
    it survives a kill of the worker in the middle of the snippet (its result carries the
    same otherwise). A snippet's first records are enough for that: later ones are not
    written."""
    records = _state.get('records')
    if records is None or _state['recorded'] >= _MAXIMUM_RECORDS:
        return
    _state['recorded'] += 1
    line = '{"job": %d, "probe": %d, "%s": %s}\n' % (
        job, probe, key, 'null' if text is None else _json.encode_basestring_ascii(text))
    try:
        _os_write(records, line.encode('ascii'))
    except OSError:
        pass


class _Tee:
    """Stands in for sys.stdout while a snippet with output claims runs: every write
    goes through, and a write made while a probed statement is on the stack (in any
    frame of the snippet's file) is recorded for that statement. `stop` is the glue's
    frame that runs the snippet: the stack above it is the glue's own."""

    def __init__(self, stream, path, spans, job, stop):
        self._stream, self._path, self._spans, self._job, self._stop = stream, path, spans, job, stop
        self.records = {}

    _caller, _line, _probes, _end_expected, _held, written = None, None, (), False, (), False

    def write(self, text):
        result = self._stream.write(text)
        if not text:
            self._end_expected = False  # print(..., end='')
            return result
        self.written = True
        caller = sys._getframe(1)
        if text == '\n' and self._end_expected and id(caller) == self._caller and caller.f_lineno == self._line:
            # print()'s end, from the frame and line of its text: the stack is not walked
            # again (a generator resumed from another line writes from the same frame and
            # line too, but its text first). The frame is known by its id only: holding
            # it would keep a returned function's locals alive, and their finalizers
            # would print later than they do. The end's record waits for the next write,
            # which usually ends the job and makes it needless: a worker killed before
            # then loses a trailing newline only.
            self._end_expected = False
            for index in self._probes:
                self.records[index].append(text)
            self._held = self._probes
            return result
        self._end_expected = text != '\n'
        lines, frame, path, stop = [], caller, self._path, self._stop
        while frame is not None and frame is not stop:
            if frame.f_code.co_filename == path:
                lines.append(frame.f_lineno)
            frame = frame.f_back
        self._caller, self._line = id(caller), caller.f_lineno
        probes = []
        for index, (first, last) in self._spans.items():
            for line in lines:
                if first <= line <= last:
                    probes.append(index)
                    break
        self._probes, held, self._held = probes, self._held, ()
        for index in held:
            if index not in probes:
                _record(self._job, index, 'text', '\n')
        for index in probes:
            self.records.setdefault(index, []).append(text)
            _record(self._job, index, 'text', ('\n' + text if index in held else text)[:2000])
        return result

    def release(self):
        """Lets go of the glue's frame (it would keep the job alive in a cycle)."""
        self._stop = None

    def __getattr__(self, name):
        return getattr(self._stream, name)


def _statement_spans(tree, probes):
    """For each statementOutput probe, the lines of the innermost statement holding its line."""
    statements = [node for node in ast.walk(tree) if isinstance(node, ast.stmt)]
    spans = {}
    for index, probe in enumerate(probes):
        if 'statementOutput' not in probe:
            continue
        line = probe['statementOutput']['line']
        holding = [node for node in statements if node.lineno <= line <= (node.end_lineno or node.lineno)]
        if holding:
            node = min(holding, key=lambda node: (node.end_lineno or node.lineno) - node.lineno)
            spans[index] = (node.lineno, node.end_lineno or node.lineno)
    return spans


def _record_values(tree, lines):
    """Wraps expression statements on probed lines so that running them is recorded
    with their value."""
    for node in ast.walk(tree):
        index = lines.get(node.lineno) if isinstance(node, ast.Expr) else None
        if index is not None:
            value = node.value
            node.value = ast.copy_location(ast.Call(
                func=ast.copy_location(ast.Name('__verify_value__', ast.Load()), value),
                args=[ast.copy_location(ast.Constant(index), value), value], keywords=[]), value)
    return tree


def _literal(text):
    return ast.literal_eval(text.strip())


# How a Python literal can start: a text that starts otherwise ("the sum", "Hello")
# is not parsed at all, which spares a parse of both sides for every comment in words.
_LITERAL_STARTS = frozenset('([{\'"-+.0123456789bBrRuUfFTN')


def _literal_equal(actual, expected):
    if not (actual.lstrip()[:1] in _LITERAL_STARTS and expected.lstrip()[:1] in _LITERAL_STARTS):
        return None
    try:
        return bool(_literal(actual) == _literal(expected))
    except Exception:
        return None


def _last_assigned_name(tree):
    for node in reversed(tree.body):
        targets = node.targets if isinstance(node, ast.Assign) else [getattr(node, 'target', None)] \
            if isinstance(node, (ast.AnnAssign, ast.AugAssign)) else []
        names = [target.id for target in targets if isinstance(target, ast.Name)]
        if names:
            return names[-1]
    return None


def _answer(probe, index, namespace, tree, source, tee, values, path):
    kind, arguments = next(iter(probe.items()))
    if kind == 'statementOutput':
        if tee is None or index not in tee._spans:
            return {'problem': 'no statement on this line'}
        text = ''.join(tee.records.get(index, []))[:_MAXIMUM_PROBE_TEXT]
        ran, value = (index in values, values.get(index)) if arguments['recordsValue'] else (None, None)
        candidate = text if text.strip() else value
        expected = arguments['expected']
        equal = None if candidate is None or candidate.strip() == expected.strip() else _literal_equal(candidate, expected)
        # Members that are None are left out: the supervisor reads a missing one as null.
        answer = {'text': text}
        if value is not None:
            answer['value'] = value
        if ran is not None:
            answer['ran'] = ran
        if equal is not None:
            answer['equal'] = equal
        return answer
    if kind == 'literalEquality':
        return {'equal': _literal_equal(arguments['actual'], arguments['expected'])}
    if kind in ('variable', 'mutation', 'lastAssignment'):
        name = arguments.get('name') or _last_assigned_name(tree or ast.parse(source))
        if name is None:
            return {'problem': 'the snippet assigns no variable'}
        if name not in namespace:
            return {'problem': 'name %r is not defined after the run' % name, 'name': name}
        value = namespace[name]
        answer = {'name': name, 'value': _safe_repr(value)}
        if kind == 'mutation':
            try:
                if isinstance(value, dict):
                    key = next(iter(value))
                    value[key] = value[key]
                else:
                    value[0] = value[0]
            except Exception as error:
                answer['raised'] = _describe(error, path)
            return answer
        try:
            expected = _literal(arguments['literal'])
        except Exception:
            answer['problem'] = 'not a Python literal'
            return answer
        try:
            answer['equal'] = bool(value == expected)
        except Exception as error:
            answer['problem'] = 'cannot compare: %s' % error
        return answer
    if kind == 'raises':
        try:
            code = compile(textwrap.dedent(arguments['statement']), path, 'exec')
        except SyntaxError:
            return {'problem': 'not a Python statement'}
        try:
            exec(code, namespace)
        except BaseException as error:
            return {'raised': _describe(error, path)}
        return {}
    return {'problem': 'unknown probe %s' % kind}


def _safe_repr(value):
    try:
        text = repr(value)
    except Exception as error:
        text = '<repr failed: %s>' % error
    return text if len(text) <= 4000 else text[:4000] + '...'


def _run_doctest(job, path, main):
    import doctest
    flags = 0
    for name in job.get('doctestOptions') or []:
        flags |= doctest.OPTIONFLAGS_BY_NAME.get(name.upper(), 0)
    test = doctest.DocTestParser().get_doctest(job['source'], main.__dict__, '__main__', path, 0)
    examples = []

    def note(example, got, passed, exception=None):
        examples.append({'line': example.lineno + 1, 'source': example.source, 'want': example.want,
                         'got': got, 'passed': passed, 'exception': exception})

    class Runner(doctest.DocTestRunner):
        def report_start(self, out, test, example):
            pass

        def report_success(self, out, test, example, got):
            note(example, got, True)

        def report_failure(self, out, test, example, got):
            note(example, got, False)

        def report_unexpected_exception(self, out, test, example, exc_info):
            got = ''.join(traceback.format_exception_only(exc_info[0], exc_info[1]))
            note(example, 'Traceback (most recent call last):\n  ...\n' + got, False, _type_name(exc_info[0]))

    Runner(optionflags=flags, verbose=False).run(test, out=lambda text: None, clear_globs=False)
    # DocTest ran in a copy of the namespace: what the session defined is for later snippets.
    main.__dict__.update(test.globs)
    return examples


def _exercise_apps(result, namespace, path):
    """Calls an `app`'s GET routes and the snippet's test_ functions (see _verify_apps)."""
    if 'app' not in namespace and not any(name.startswith('test_') for name in namespace):
        return
    import _verify_apps
    result['routes'] = _verify_apps.routes(namespace, path)
    result['tests'] = _verify_apps.tests(namespace, path)


def _write_source(path, source):
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | os.O_CLOEXEC, 0o600)
    try:
        os.write(fd, source.encode('utf-8', 'surrogatepass'))
    finally:
        os.close(fd)


def _fresh_workdir(fixtures):
    """A new working directory, seeded with the fixtures (files, and the contents of folders)."""
    _state['counter'] += 1
    workdir = os.path.join(_state['root'], 'w%d' % _state['counter'])
    os.mkdir(workdir, 0o700)
    if fixtures:
        import shutil
        for fixture in fixtures:
            if not os.path.exists(fixture):
                raise _JobError('fixture %s does not exist' % fixture)
            entries = [os.path.join(fixture, name) for name in os.listdir(fixture)] \
                if os.path.isdir(fixture) else [fixture]
            for entry in entries:
                target = os.path.join(workdir, os.path.basename(entry))
                if os.path.isdir(entry) and not os.path.islink(entry):
                    shutil.rmtree(target, ignore_errors=True)
                    shutil.copytree(entry, target, symlinks=True)
                else:
                    shutil.copy2(entry, target, follow_symlinks=False)
    return workdir


def _release_workdir(workdir):
    """Removes the snippet's working directory: one rmdir when it left it empty."""
    try:
        os.rmdir(workdir)
        return
    except FileNotFoundError:
        return
    except OSError:
        pass
    import shutil
    # A snippet may have taken write permission from its own folders; give it back.
    for folder, _, _ in os.walk(workdir):
        try:
            os.chmod(folder, 0o700)
        except OSError:
            pass
    shutil.rmtree(workdir, ignore_errors=True)


def _limit_cpu(seconds, single_threaded=False):
    """Keeps the kernel's CPU limit between `seconds` and twice that ahead of what the
    worker has used, moving it only when it falls outside (one system call a job). A
    job that can start no thread (a plain one) skips even that while the limit is
    surely far enough ahead: between two plain jobs the worker runs one thread, which
    uses at most a second of CPU a second. Any other job may run threads on every core,
    so the time known to be safe ends with it."""
    if seconds is None:
        return
    now = time.monotonic()
    if single_threaded and seconds == _state['cpuSpare'] and now < _state['cpuSafeUntil']:
        return
    usage = resource.getrusage(resource.RUSAGE_SELF)
    used = usage.ru_utime + usage.ru_stime
    limit = _state['cpuLimit']
    if limit is None or not seconds <= limit - used <= 2 * seconds:
        soft = int(used + seconds + 0.999)
        hard = resource.getrlimit(resource.RLIMIT_CPU)[1]
        try:
            resource.setrlimit(resource.RLIMIT_CPU, (soft if hard == resource.RLIM_INFINITY else min(soft, hard), hard))
            limit = _state['cpuLimit'] = soft
        except (ValueError, OSError):
            return
    # Until then, what is left above the limit cannot fall under `seconds`.
    _state['cpuSpare'] = seconds
    _state['cpuSafeUntil'] = now + (limit - used - seconds) if single_threaded else 0


class _JobError(Exception):
    """The job cannot be run at all (a fixture that does not exist)."""


def run(request):
    """Runs one `runPython` request line; the answer is the worker's whole reply line:
    a WorkerReply.result, or a failure when the job could not be set up. The end of the
    job's output is marked in stdout and stderr, so that the supervisor can send several
    jobs at once and still tell one job's output from the next one's. After a job that
    left the worker dirty, no job runs: the supervisor replaces the worker."""
    try:
        if _state.get('dirty'):
            return _dumps({'failure': {'_0': 'not run: an earlier snippet left the worker dirty'}})
        return _run_job(request)
    finally:
        _mark_end_of_job()


def serve(request):
    """The worker's loop: reads request lines from the `input` descriptor until the
    supervisor closes its end. Each reply goes to the record file, as a line of its own
    behind the time it was written (CLOCK_MONOTONIC nanoseconds) and a space, where it
    outlives a worker killed later; then, unless the snippet ran as a plain one (which
    cannot reach `output`), a bare newline goes to `output` to end the job there, after
    whatever the snippet wrote there itself. A reply that cannot go to the record file
    goes to `output` instead. The `doorbell` is rung only when no request is left to
    run, so that the supervisor wakes once for the jobs it sent together, not once for
    each. Descriptors are read and written with the os functions as they were when the
    glue was loaded, so that a snippet that patches os cannot cut the channel."""
    options = _loads(request)
    source, sink, doorbell = options['input'], options['output'], options.get('doorbell')
    results = _state.get('records')
    pending, start = bytearray(), 0
    while True:
        newline = pending.find(b'\n', start)
        if newline < 0:
            del pending[:start]
            start = 0
            try:
                chunk = _os_read(source, 65536)
            except OSError:
                return '{}'
            if not chunk:
                return '{}'
            pending += chunk
            continue
        line = pending[start:newline].decode('utf-8', 'surrogateescape')
        start = newline + 1
        if line.startswith('{"endDocument"'):
            try:
                end_document(line)
            except BaseException:
                pass
            continue
        try:
            reply = run(line)
        except BaseException as error:
            reply = _dumps({'failure': {'_0': 'the glue failed: %s: %s' % (_type_name(type(error)), error)}})
        plain = _state.pop('plain', False)
        if _write_all(results, ('%d %s\n' % (time.monotonic_ns(), reply)).encode('utf-8', 'surrogatepass')):
            if not plain and not _write_all(sink, b'\n'):
                return '{}'
        elif not _write_all(sink, (reply + '\n').encode('utf-8', 'surrogatepass')):
            return '{}'
        if pending.find(b'\n', start) < 0:
            _write_all(doorbell, b'!')


def _write_all(fd, data):
    """Writes all of `data`; False when it cannot (no descriptor, or a failed write)."""
    if fd is None:
        return False
    try:
        written = _os_write(fd, data)
    except OSError:
        return False
    if written == len(data):
        return True
    view = memoryview(data)[written:]
    while view:
        try:
            view = view[_os_write(fd, view):]
        except OSError:
            return False
    return True


def _mark_end_of_job():
    """Flushes the job's output and marks its end in each stream it may have written to
    (the reply names those it did not: see _Watch)."""
    _flush_streams()
    marker, unmarked = _state.get('marker'), _state.pop('unmarked', ())
    if marker:
        for fd, name in ((1, 'stdout'), (2, 'stderr')):
            if name not in unmarked:
                try:
                    _os_write(fd, marker)
                except OSError:
                    pass


class _Watch:
    """Stands for sys.stdout or sys.stderr while a job is compiled and while a plain
    snippet runs, which can reach the descriptors only through these objects: whether
    anything was written. The end of a job that wrote nothing to a stream need not be
    marked there. The worker has one for each stream, set for each job."""

    __slots__ = ('stream', 'written')

    def write(self, text):
        self.written = True
        return self.stream.write(text)

    def __getattr__(self, name):
        return getattr(self.stream, name)


def _run_job(request):
    job = _loads(request)['runPython']['_0']
    sources = _state['sources']
    path = sources + '/' + job['fileName']
    streams = sys.stdout, sys.stderr
    watches = sys.stdout, sys.stderr = _state['watches']
    for watch, stream in zip(watches, streams):
        watch.stream, watch.written = stream, False
    try:
        compiled = _compile(job, path)
    except SyntaxError as error:
        compiled = error
    finally:
        sys.stdout, sys.stderr = streams
    if _is_plain(job, compiled):
        _limit_cpu(job.get('cpuSeconds'), single_threaded=True)
        return _run_plain(job, path, compiled, watches)
    _state['fullRuns'] = True
    _import_site()
    written = []
    try:
        workdir = _fresh_workdir(job.get('fixtures') or [])
    except (_JobError, OSError) as error:
        return _dumps({'failure': {'_0': str(error)}})
    try:
        _write_source(path, job['source'])
        written.append(path)
        prelude = []
        for snippet in job.get('prelude') or []:
            prelude_path = os.path.join(sources, 'p-' + snippet['fileName'])
            _write_source(prelude_path, snippet['source'])
            written.append(prelude_path)
            prelude.append({'path': prelude_path, 'source': snippet['source']})
        _limit_cpu(job.get('cpuSeconds'))
        return _run(job, path, workdir, prelude, compiled)
    except OSError as error:
        return _dumps({'failure': {'_0': 'cannot write the snippet: %s' % error}})
    finally:
        for file in written:
            try:
                os.unlink(file)
            except OSError:
                pass
        _release_workdir(workdir)


class _Compiled:
    """A snippet's code object, with its syntax tree when probes rewrote it and the
    lines of the statements whose output is probed; `code` is None for a doctest."""

    def __init__(self, code, tree, spans):
        self.code, self.tree, self.spans = code, tree, spans
        self.names = _names_in(code) if code is not None else set()


def _compile(job, path):
    if job.get('doctestOptions') is not None:
        return _Compiled(None, None, {})
    probes = job.get('probes') or []
    outputs = {index: probe['statementOutput'] for index, probe in enumerate(probes) if 'statementOutput' in probe}
    valued = {probe['line']: index for index, probe in outputs.items() if probe['recordsValue']}
    if valued:
        tree = ast.parse(job['source'], path)
        return _Compiled(compile(_record_values(tree, valued), path, 'exec'), tree, _statement_spans(tree, probes))
    spans = {index: (probe['line'], probe['line']) for index, probe in outputs.items()}
    return _Compiled(compile(job['source'], path, 'exec'), None, spans)


# Builtins through which a snippet could reach files, modules, frames or the interpreter;
# str.format and format_map, which read attributes and items named in a string that may
# be put together at run time (as getattr would); and `app`, which the glue exercises as
# a web application when a snippet defines it.
_REACHING = frozenset({
    'open', 'exec', 'eval', 'compile', 'getattr', 'setattr', 'delattr', 'globals', 'locals', 'vars', 'dir',
    'breakpoint', 'input', 'exit', 'quit', 'help', 'copyright', 'credits', 'license', 'memoryview',
    'format', 'format_map', 'app'})
# Attributes of generators, coroutines, frames, tracebacks and code objects lead to
# frames; `test` starts the functions the glue runs as tests; dunder names lead anywhere.
_FRAME_PREFIXES = ('gi_', 'cr_', 'ag_', 'f_', 'tb_', 'co_', 'test')
_starts_reaching = _operator.methodcaller('startswith', ('__',) + _FRAME_PREFIXES)


def _is_plain(job, compiled):
    """Whether the snippet can touch nothing but its own objects and its output: no
    import, no dunder name, no builtin or method that reaches files, modules or frames
    (str.format can walk from an object to frames and globals as getattr would). Such a
    snippet needs no file, no working directory and no check of what it left behind."""
    if not isinstance(compiled, _Compiled) or compiled.code is None or job.get('prelude') \
            or 'import' in job['source']:
        return False
    names = compiled.names
    return names.isdisjoint(_REACHING) and not any(map(_starts_reaching, names))


def _run_plain(job, path, compiled, watches):
    """Runs a plain snippet (see _is_plain) in a fresh namespace named __main__, with the
    same probes, answers and result as a full run. `watches` stand for sys.stdout and
    sys.stderr meanwhile; the result names the streams the job did not write to."""
    probes = job.get('probes') or []
    namespace = {'__name__': '__main__', '__builtins__': builtins}
    out, err = watches
    sys.stdout, sys.stderr = watches
    _state['path'] = path
    _state['refusals'] = []
    _state['recorded'] = 0
    _state['guarding'] = True
    result = {'outcome': 'returned'}
    tee, values, answers = None, {}, []
    start = time.perf_counter()
    try:
        if probes:
            tee = _watch_output(namespace, job, compiled, values, path, out.stream)
        try:
            exec(compiled.code, namespace)
        except SystemExit as error:
            result = {'outcome': 'exited', 'exitCode': _exit_code(error)}
        except BaseException as error:
            result = {'outcome': 'raised', 'exception': _describe(error, path, source=job['source'])}
            _note_kernel_refusal(error, result['exception']['line'])
        sys.stdout = out
        answers = _answers(probes, namespace, compiled, job['source'], tee, values, path)
        result['probes'] = answers
        result['definedNames'] = sorted([name for name in namespace if name[:2] != '__'])
        namespace.clear()
    finally:
        _state['guarding'] = False
        sys.stdout, sys.stderr = out.stream, err.stream
        if tee is not None:
            tee.release()
        result['durationSeconds'] = time.perf_counter() - start
    # Flushed, and its end marked, by run().
    unmarked = [name for name, written in (('stdout', out.written or tee is not None and tee.written),
                                           ('stderr', err.written)) if not written]
    if unmarked:
        _state['unmarked'] = result['unmarked'] = unmarked
    _state['plain'] = result['plain'] = True
    if _state['refusals']:
        result['refusals'] = _state['refusals']
    result['id'] = job['id']
    return _dumps({'result': {'result': result}})


def _watch_output(namespace, job, compiled, values, path, stream=None):
    """Records the values of probed expressions and the output of probed statements;
    the stand-in for sys.stdout (or `stream`) it installs."""
    def record_value(index, value):
        values[index] = None if value is None else _safe_repr(value)
        _record(job['id'], index, 'value', values[index])
        return value
    namespace['__verify_value__'] = record_value
    tee = _Tee(stream or sys.stdout, path, compiled.spans, job['id'], sys._getframe(1))
    sys.stdout = tee
    return tee


def _answers(probes, namespace, compiled, source, tee, values, path):
    answers = []
    for index, probe in enumerate(probes):
        try:
            answers.append(_answer(probe, index, namespace, compiled.tree, source, tee, values, path))
        except BaseException as error:
            answers.append({'problem': 'probe failed: %s' % _type_name(type(error))})
    return answers


def _flush_streams():
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except BaseException:
            pass


def _run(job, path, workdir, prelude, compiled):
    probes = job.get('probes') or []
    main = types.ModuleType('__main__')
    main.__file__ = path
    main.__builtins__ = builtins
    main.__spec__ = None
    saved_main, saved_argv, saved_path = sys.modules.get('__main__'), sys.argv, list(sys.path)
    saved_stdout = sys.stdout
    sys.modules['__main__'] = main
    sys.argv = [path]
    sys.path[:0] = [os.path.dirname(path), workdir]
    os.chdir(workdir)
    _state['path'] = path
    _state['refusals'] = []
    if _state.get('forks') is not None:
        _state['forks'][:8] = bytes(8)
    _state['guarding'] = True
    callbacks = atexit._ncallbacks()
    atexit_ran = False
    mentioned = set()
    result = {'outcome': 'returned'}
    tee, values, answers, inherited = None, {}, [], {}
    start = time.perf_counter()
    _state['recorded'] = 0
    try:
        if isinstance(compiled, SyntaxError):
            result = {'outcome': 'raised', 'exception': _describe(compiled, path, syntax=True)}
        elif compiled.code is None:
            for snippet in prelude:
                _run_quietly(snippet, main.__dict__)
            start = time.perf_counter()
            inherited = {name: id(value) for name, value in main.__dict__.items()}
            result['doctest'] = _run_doctest(job, path, main)
        else:
            mentioned = compiled.names
            for snippet in prelude:
                _run_quietly(snippet, main.__dict__)
            # The snippet's duration is its own, without the earlier snippets replayed.
            start = time.perf_counter()
            inherited = {name: id(value) for name, value in main.__dict__.items()}
            if probes:
                tee = _watch_output(main.__dict__, job, compiled, values, path)
            try:
                exec(compiled.code, main.__dict__)
            except SystemExit as error:
                result = {'outcome': 'exited', 'exitCode': _exit_code(error)}
            except BaseException as error:
                _lift_recursion_limit()
                result = {'outcome': 'raised', 'exception': _describe(error, path)}
                _note_kernel_refusal(error, result['exception']['line'])
            _lift_recursion_limit()
            if os.getpid() != _state['pid']:
                _leave_forked_child(result)
            _wait_for_threads()
            if result['outcome'] == 'returned':
                _exercise_apps(result, main.__dict__, path)
            if prelude:
                result['mentionedNames'] = sorted(name for name in mentioned if name.isidentifier())
            if sys.stdout is tee:
                sys.stdout = saved_stdout
            answers = _answers(probes, main.__dict__, compiled, job['source'], tee, values, path)
        result['probes'] = answers
        result['concurrent'] = bool(mentioned & _CONCURRENCY)
        result['definedNames'] = sorted(
            name for name, value in main.__dict__.items()
            if not name.startswith('__') and inherited.get(name) != id(value))
        atexit_ran = atexit._ncallbacks() > callbacks
        if atexit_ran:
            atexit._run_exitfuncs()
            atexit._clear()
        main.__dict__.clear()
        gc.collect(0)
    finally:
        _state['guarding'] = False
        if sys.stdout is tee and tee is not None:
            sys.stdout = saved_stdout
        if tee is not None:
            tee.release()
        result['durationSeconds'] = time.perf_counter() - start
        _flush_streams()
        sys.modules['__main__'] = saved_main
        sys.argv = saved_argv
        sys.path[:] = saved_path
        try:
            os.chdir(_state['root'])
        except OSError:
            pass
    result['leftovers'] = _leftovers(atexit_ran, mentioned, job['source'])
    if result['leftovers']:
        _state['dirty'] = True
    if _state['refusals']:
        result['refusals'] = _state['refusals']
    result['id'] = job['id']
    return _dumps({'result': {'result': result}})


def end_document(request):
    """Forgets modules imported from snippets' own folders, so no document sees another's
    (after a document of plain snippets only, which import nothing, there are none)."""
    if _state.pop('fullRuns', False):
        root = _state['root']
        for name, module in list(sys.modules.items()):
            file = getattr(module, '__file__', None) or ''
            if file.startswith(root):
                del sys.modules[name]
                _state['baseline']['modules'].pop(name, None)
                for names in _state['baseline']['basenames'].values():
                    if name in names:
                        names.remove(name)
        _state['baseline']['module_count'] = len(sys.modules)
        import importlib
        importlib.invalidate_caches()
    gc.collect()
    return '{}'
"""#
}
