// `_verify_shim`: the few things the Python glue needs from C.
//
// - install_guard(hook, events): the sandbox's audit hook, behind a filter in C. Python
//   calls an audit hook for every audited event (compile, exec, sys._getframe, id() …),
//   thousands of times a second; the filter passes on only the events the guard watches,
//   so the others cost no Python call. It can be installed once: a snippet that calls it
//   again cannot replace the guard.
// - site_imported(): marks `site` as imported in sys.flags. The worker starts without
//   `site` and the glue imports it before the first snippet that may need it; without
//   this, sys.flags.no_site would stay set and multiprocessing's spawned children would
//   start without their site-packages.
// - process_state(): what a snippet can change in the worker process behind Python's
//   back (the C environment, resource limits, nice value, umask, interval timers, the
//   signal mask), for the glue to compare before and after a snippet.
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/time.h>
#include "verify_shim_module.h"

static PyObject *guard_hook;
static char **watched_events;
static Py_ssize_t watched_count;

static int compare_names(const void *left, const void *right) {
    return strcmp(*(char *const *)left, *(char *const *)right);
}

static int audit_filter(const char *event, PyObject *arguments, void *user_data) {
    (void)user_data;
    if (!guard_hook || !bsearch(&event, watched_events, (size_t)watched_count, sizeof(char *), compare_names)) return 0;
    PyObject *result = PyObject_CallFunction(guard_hook, "sO", event, arguments);
    if (!result) return -1;
    Py_DECREF(result);
    return 0;
}

static PyObject *install_guard(PyObject *module, PyObject *const *arguments, Py_ssize_t count) {
    (void)module;
    if (count != 2 || !PyCallable_Check(arguments[0])) {
        PyErr_SetString(PyExc_TypeError, "install_guard(hook, events)");
        return NULL;
    }
    if (guard_hook) {
        PyErr_SetString(PyExc_RuntimeError, "the guard is installed already");
        return NULL;
    }
    PyObject *events = PySequence_Fast(arguments[1], "events must be a sequence of str");
    if (!events) return NULL;
    Py_ssize_t total = PySequence_Fast_GET_SIZE(events);
    char **names = calloc((size_t)total + 1, sizeof(char *));
    for (Py_ssize_t index = 0; names && index < total; index++) {
        const char *name = PyUnicode_AsUTF8(PySequence_Fast_GET_ITEM(events, index));
        if (!name || !(names[index] = strdup(name))) {
            for (Py_ssize_t made = 0; made < index; made++) free(names[made]);
            free(names);
            Py_DECREF(events);
            return PyErr_Occurred() ? NULL : PyErr_NoMemory();
        }
    }
    Py_DECREF(events);
    if (!names) return PyErr_NoMemory();
    qsort(names, (size_t)total, sizeof(char *), compare_names);
    watched_events = names;
    watched_count = total;
    Py_INCREF(arguments[0]);
    guard_hook = arguments[0];
    if (PySys_AddAuditHook(audit_filter, NULL) < 0) return NULL;
    Py_RETURN_NONE;
}

static PyObject *site_imported(PyObject *module, PyObject *unused) {
    (void)module;
    (void)unused;
    PyConfig config;
    PyConfig_InitIsolatedConfig(&config);
    if (_PyInterpreterState_GetConfigCopy(&config) < 0) {
        PyConfig_Clear(&config);
        return NULL;
    }
    config.site_import = 1;
    int status = _PyInterpreterState_SetConfig(&config);
    PyConfig_Clear(&config);
    if (status < 0) return NULL;
    Py_RETURN_NONE;
}

extern char **environ;

static PyObject *environment(void) {
    Py_ssize_t count = 0;
    while (environ && environ[count]) count++;
    PyObject *entries = PyTuple_New(count);
    for (Py_ssize_t index = 0; entries && index < count; index++) {
        PyObject *entry = PyBytes_FromString(environ[index]);
        if (!entry) {
            Py_CLEAR(entries);
            break;
        }
        PyTuple_SET_ITEM(entries, index, entry);
    }
    return entries;
}

// Every limit but RLIMIT_CPU, which the glue itself sets before each snippet.
static PyObject *resource_limits(void) {
    PyObject *limits = PyList_New(0);
    for (int resource = 0; limits && resource < RLIM_NLIMITS; resource++) {
        struct rlimit limit;
        if (resource == RLIMIT_CPU || getrlimit(resource, &limit) != 0) continue;
        PyObject *pair = Py_BuildValue("(KK)", (unsigned long long)limit.rlim_cur, (unsigned long long)limit.rlim_max);
        if (!pair || PyList_Append(limits, pair) < 0) Py_CLEAR(limits);
        Py_XDECREF(pair);
    }
    return limits;
}

static PyObject *armed_timers(void) {
    const int timers[] = {ITIMER_REAL, ITIMER_VIRTUAL, ITIMER_PROF};
    PyObject *armed = PyTuple_New(3);
    for (int index = 0; armed && index < 3; index++) {
        struct itimerval value = {0};
        getitimer(timers[index], &value);
        int on = value.it_value.tv_sec != 0 || value.it_value.tv_usec != 0;
        PyTuple_SET_ITEM(armed, index, PyBool_FromLong(on));
    }
    return armed;
}

static PyObject *blocked_signals(void) {
    sigset_t mask;
    sigemptyset(&mask);
    pthread_sigmask(SIG_BLOCK, NULL, &mask);
    PyObject *blocked = PyList_New(0);
    for (int signal = 1; blocked && signal < NSIG; signal++) {
        if (sigismember(&mask, signal) != 1) continue;
        PyObject *number = PyLong_FromLong(signal);
        if (!number || PyList_Append(blocked, number) < 0) Py_CLEAR(blocked);
        Py_XDECREF(number);
    }
    return blocked;
}

static PyObject *process_state(PyObject *module, PyObject *unused) {
    (void)module;
    (void)unused;
    errno = 0;
    int priority = getpriority(PRIO_PROCESS, 0);
    mode_t mask = umask(0);
    umask(mask);
    return Py_BuildValue("(NNiINN)", environment(), resource_limits(), errno ? 0 : priority, (unsigned int)mask,
                         armed_timers(), blocked_signals());
}

static PyMethodDef shim_methods[] = {
    {"install_guard", (PyCFunction)(void (*)(void))install_guard, METH_FASTCALL,
     "install_guard(hook, events): calls hook(event, args) for the named audit events only; once."},
    {"site_imported", site_imported, METH_NOARGS,
     "site_imported(): sys.flags then say that site was imported. Resets the sys attributes made from the "
     "configuration (path, argv, dont_write_bytecode, ...): save and restore those the caller changed."},
    {"process_state", process_state, METH_NOARGS,
     "process_state(): (environ, resource limits but CPU, nice value, umask, armed interval timers, blocked "
     "signals) of the calling thread's process."},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef shim_module = {
    PyModuleDef_HEAD_INIT, "_verify_shim", "What verify's glue needs from C.", -1, shim_methods,
};

static PyObject *make_shim_module(void) { return PyModule_Create(&shim_module); }

int vpy_register_shim_module(void) { return PyImport_AppendInittab("_verify_shim", make_shim_module); }
