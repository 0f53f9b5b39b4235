extension PythonGlue {
    /// The Python side of the sandbox, part of the same glue module: the audit hook that
    /// refuses writes outside the box, connections other than loopback and (when no
    /// kernel limit holds) too many forks, each named with the snippet line that tried;
    /// and the reading of what the kernel refused (a read-only mount, no network, the
    /// memory, file-size or process limit) from the exception it raised.
    static let guardSource = #"""
class SandboxRefusal(PermissionError):
    """An operation verify's sandbox does not allow a snippet."""


SandboxRefusal.__module__ = 'verify'

# Audit events that write, rename or delete: the positions of the paths they change and
# of the directory descriptor those paths are relative to.
_WRITE_EVENTS = {
    'os.remove': ((0,), 1), 'os.rmdir': ((0,), 1), 'os.mkdir': ((0,), 2), 'os.rename': ((0, 1), 2),
    'os.chmod': ((0,), 2), 'os.chown': ((0,), 3), 'os.link': ((1,), 3), 'os.symlink': ((1,), 2),
    'os.truncate': ((0,), None), 'os.utime': ((0,), 3), 'os.mkfifo': ((0,), 2), 'os.mknod': ((0,), 3),
    'os.setxattr': ((0,), None), 'os.removexattr': ((0,), None), 'os.chflags': ((0,), None),
    'shutil.rmtree': ((0,), 1),
}
_NETWORK_EVENTS = {'socket.connect', 'socket.sendto', 'socket.getaddrinfo', 'socket.gethostbyname',
                   'socket.gethostbyname_ex', 'socket.gethostbyaddr'}
_FORK_EVENTS = {'os.fork', 'os.forkpty', 'os.posix_spawn', 'subprocess.Popen', 'os.system'}
_SIGNAL_EVENTS = {'os.kill', 'os.killpg'}
_WRITE_FLAGS = os.O_WRONLY | os.O_RDWR | os.O_APPEND | os.O_CREAT | os.O_TRUNC
_DEVICES = ('/dev/null', '/dev/zero', '/dev/full', '/dev/tty', '/dev/stdout', '/dev/stderr')
_DESCRIPTOR_FOLDERS = ('/dev/fd/', '/proc/self/fd/', '/dev/pts/')
_LOCAL_HOSTS = {None, '', 'localhost', 'localhost.localdomain', 'ip6-localhost', '::1', '0.0.0.0', '::'}


def _refuse(what):
    """Records a refusal at the snippet's line and raises it into the snippet."""
    line = None
    try:
        frame = sys._getframe(2)
    except ValueError:  # an event raised with no Python caller
        frame = None
    while frame is not None:
        if frame.f_code.co_filename == _state.get('path'):
            line = frame.f_lineno
            break
        frame = frame.f_back
    if len(_state['refusals']) < 20:
        _state['refusals'].append({'what': what, 'line': line})
    raise SandboxRefusal(13, 'blocked-by-sandbox: ' + what)


def _outside_box(path, dir_fd, roots, _fsdecode=os.fsdecode, _getcwd=os.getcwd, _readlink=os.readlink,
                 _join=os.path.join, _normpath=os.path.normpath, _realpath=os.path.realpath):
    """The path when it lies outside every writable root, else None. Symbolic links are
    resolved unless the kernel's read-only mounts already stop a link that leads out.
    The os functions are bound here, so that a snippet that patches them (a test double
    for os.getcwd) does not change what the hook decides."""
    if isinstance(path, int):
        return None
    path = _fsdecode(path)
    if not path.startswith('/'):
        try:
            base = _getcwd() if dir_fd is None or dir_fd < 0 else _readlink('/proc/self/fd/%d' % dir_fd)
        except OSError:
            base = '/'
        path = _join(base, path)
    if path in _DEVICES or path.startswith(_DESCRIPTOR_FOLDERS):
        return None
    real = _normpath(path) if _state['kernelWrites'] else _realpath(path)
    for root in roots:
        if real == root or real.startswith(root + '/'):
            return None
    return real


def _is_local(host):
    if isinstance(host, bytes):
        host = host.decode('ascii', 'replace')
    return host in _LOCAL_HOSTS or (isinstance(host, str) and (
        host.startswith('127.') or host.startswith('::ffff:127.') or host == _state['hostname']))


def _install_guard(policy):
    """Adds the audit hook that keeps a snippet in its box; it cannot be removed. (It
    imports neither _socket nor mmap unless it needs them: each costs a worker's start
    a library to load.)"""
    roots = [os.path.realpath(root) for root in policy.get('writable') or []]
    check_writes = policy.get('writable') is not None
    check_network = not policy['allowNetwork']
    fork_limit = policy.get('forkLimit')
    _state['addressSpace'] = policy.get('addressSpace')
    _state['allowNetwork'] = bool(policy['allowNetwork'])
    _state['kernelWrites'] = bool(policy.get('kernelWrites'))
    _state['processLimit'] = policy.get('processLimit')
    _state['fileSize'] = policy.get('fileSize')
    _state['boxSize'] = policy.get('boxSize')
    _state['hostname'] = os.uname().nodename  # what socket.gethostname() answers
    # Forked children share this page, so a fork bomb's processes count together.
    forks = None
    if fork_limit:
        import mmap
        forks = mmap.mmap(-1, 8)
    _state['forks'] = forks
    # Signals must not reach verify, init or every process at once (pid -1).
    supervisor = os.getppid()
    protected = {1, supervisor}
    try:
        protected_groups = {os.getpgid(supervisor), 1}
    except OSError:
        protected_groups = {1}
    watched = set(_SIGNAL_EVENTS)
    if check_writes:
        watched |= {'open'} | set(_WRITE_EVENTS)
        sys.dont_write_bytecode = True
    if check_network:
        watched |= _NETWORK_EVENTS
    if fork_limit:
        watched |= _FORK_EVENTS
    watched = frozenset(watched)
    unix, inet = 1, (2, 10)  # AF_UNIX, AF_INET and AF_INET6 on Linux

    def hook(event, args):
        if event not in watched or not _state.get('guarding'):
            return
        if event == 'open':
            flags = args[2]
            if isinstance(flags, int) and flags & _WRITE_FLAGS:
                outside = _outside_box(args[0], None, roots)
                if outside is not None:
                    _refuse('write to %s (outside the working directory)' % outside)
        elif event in _WRITE_EVENTS:
            positions, dir_fd_at = _WRITE_EVENTS[event]
            dir_fd = args[dir_fd_at] if dir_fd_at is not None and dir_fd_at < len(args) else None
            for position in positions:
                outside = _outside_box(args[position], dir_fd if isinstance(dir_fd, int) else None, roots)
                if outside is not None:
                    _refuse('%s %s (outside the working directory)' % (event.split('.')[-1], outside))
        elif event in ('socket.connect', 'socket.sendto'):
            sock, address = args[0], args[-1]
            if sock.family in inet and isinstance(address, tuple) and not _is_local(address[0]):
                _refuse('network connection to %s:%s' % address[:2])
            if sock.family == unix and isinstance(address, (str, bytes)) and address[:1] not in ('\0', b'\0'):
                outside = _outside_box(address, None, roots) if check_writes else None
                if outside is not None:
                    _refuse('connection to the socket %s' % outside)
        elif event in _NETWORK_EVENTS:
            host = args[0]
            if not _is_local(host):
                if event == 'socket.getaddrinfo' and isinstance(host, str) and all(c in '0123456789.:abcdefABCDEF' for c in host):
                    _refuse('network connection to %s:%s' % (host, args[1]))
                _refuse('network lookup of %s' % host)
        elif event in _SIGNAL_EVENTS:
            target, number = args
            group = event == 'os.killpg' or target < -1
            if number != 0 and (target == -1 or (abs(target) in protected_groups if group else target in protected)):
                _refuse('signal %d to %s (outside the box)' % (
                    number, 'every process' if target == -1 else '%s %d' % ('process group' if group else 'process', abs(target))))
        elif event in _FORK_EVENTS:
            count = int.from_bytes(forks[:8], 'little') + 1
            if count > fork_limit:
                _refuse('starting more than %d processes' % fork_limit)
            forks[:8] = count.to_bytes(8, 'little')

    if _shim is not None:
        # Behind a filter in C: the events the hook does not watch cost no Python call.
        _shim.install_guard(hook, sorted(watched))
    else:
        sys.addaudithook(hook)


def _raised_by_fork(error):
    """Whether the line that raised starts a process (EAGAIN there is the process limit)."""
    import linecache
    tb = error.__traceback__
    while tb is not None and tb.tb_next is not None:
        tb = tb.tb_next
    if tb is None:
        return False
    text = linecache.getline(tb.tb_frame.f_code.co_filename, tb.tb_lineno)
    return any(word in text for word in ('fork', 'spawn', 'Popen', 'system(', 'Process(', '.start('))


def _note_kernel_refusal(error, line):
    """A refusal by the kernel's namespaces or limits, seen only as the exception it raised
    at `line` of the snippet."""
    if _state['refusals'] or 'hostname' not in _state:
        return
    what = None
    # An allocation that failed raises a bare MemoryError; one with a message was raised
    # by the snippet's own code.
    if isinstance(error, MemoryError) and not error.args and _state.get('addressSpace'):
        what = 'memory above the address-space limit of %d MiB' % (_state['addressSpace'] >> 20)
    elif isinstance(error, OSError) and error.errno == 30:
        what = 'write to %s (read-only outside the working directory)' % error.filename
    elif isinstance(error, OSError) and error.errno == 27 and _state.get('fileSize'):
        what = 'a file above the size limit of %d MiB' % (_state['fileSize'] >> 20)
    elif isinstance(error, OSError) and error.errno == 28 and _state.get('boxSize'):
        what = 'more than %d MiB of files in the working folder' % (_state['boxSize'] >> 20)
    elif isinstance(error, OSError) and error.errno == 101 and not _state.get('allowNetwork'):
        what = 'network connection (the sandbox has no network)'
    elif isinstance(error, BlockingIOError) and error.errno == 11 and _raised_by_fork(error):
        what = 'starting more than %s processes at once' % (_state.get('processLimit') or 'the allowed number of')
    if what is not None:
        _state['refusals'].append({'what': what, 'line': line})
"""#
}
