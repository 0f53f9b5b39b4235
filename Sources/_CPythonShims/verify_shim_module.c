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
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <stdlib.h>
#include <string.h>
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

static PyMethodDef shim_methods[] = {
    {"install_guard", (PyCFunction)(void (*)(void))install_guard, METH_FASTCALL,
     "install_guard(hook, events): calls hook(event, args) for the named audit events only; once."},
    {"site_imported", site_imported, METH_NOARGS,
     "site_imported(): sys.flags then say that site was imported. Resets the sys attributes made from the "
     "configuration (path, argv, dont_write_bytecode, ...): save and restore those the caller changed."},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef shim_module = {
    PyModuleDef_HEAD_INIT, "_verify_shim", "What verify's glue needs from C.", -1, shim_methods,
};

static PyObject *make_shim_module(void) { return PyModule_Create(&shim_module); }

int vpy_register_shim_module(void) { return PyImport_AppendInittab("_verify_shim", make_shim_module); }
