#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <marshal.h>
#include <dirent.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include "verify_python.h"
#include "verify_shim_module.h"

static char *copy_string(const char *text) {
    size_t length = strlen(text);
    char *copy = malloc(length + 1);
    if (copy) memcpy(copy, text, length + 1);
    return copy;
}

/// Describes and clears the pending Python exception without PyErr_Print,
/// which would exit the process on SystemExit.
static char *describe_pending_exception(void) {
    PyObject *type = NULL, *value = NULL, *traceback = NULL;
    PyErr_Fetch(&type, &value, &traceback);
    if (!type) return copy_string("unknown Python error");
    PyErr_NormalizeException(&type, &value, &traceback);
    const char *type_name = ((PyTypeObject *)type)->tp_name;
    char *result = NULL;
    PyObject *text = value ? PyObject_Str(value) : NULL;
    const char *utf8 = text ? PyUnicode_AsUTF8(text) : NULL;
    size_t size = strlen(type_name) + (utf8 ? strlen(utf8) : 0) + 3;
    result = malloc(size);
    if (result) snprintf(result, size, "%s: %s", type_name, utf8 ? utf8 : "");
    Py_XDECREF(text);
    PyErr_Clear();
    Py_XDECREF(type);
    Py_XDECREF(value);
    Py_XDECREF(traceback);
    return result ? result : copy_string("Python error");
}

static int fail_status(PyStatus status, char **error) {
    const char *message = status.err_msg ? status.err_msg : "Python initialization failed";
    if (error) *error = copy_string(message);
    return -1;
}

int vpy_initialize(const char *executable, long hash_seed, char **error) {
    PyPreConfig preconfig;
    PyPreConfig_InitIsolatedConfig(&preconfig);
    preconfig.utf8_mode = 1;
    PyStatus status = Py_PreInitialize(&preconfig);
    if (PyStatus_Exception(status)) return fail_status(status, error);

    if (vpy_register_shim_module() != 0) {
        if (error) *error = copy_string("cannot register the _verify_shim module");
        return -1;
    }
    PyConfig config;
    PyConfig_InitIsolatedConfig(&config);
    config.buffered_stdio = 1;          // stdout is made line-buffered by the glue
    config.site_import = 0;             // the glue imports site before a snippet may need it
    config.install_signal_handlers = 0; // the supervisor stops workers, not Python
    config.safe_path = 1;
    if (hash_seed >= 0) {
        config.use_hash_seed = 1;
        config.hash_seed = (unsigned long)hash_seed;
    }
    status = PyConfig_SetBytesString(&config, &config.executable, executable);
    if (PyStatus_Exception(status)) { PyConfig_Clear(&config); return fail_status(status, error); }
    status = PyConfig_SetBytesString(&config, &config.program_name, executable);
    if (PyStatus_Exception(status)) { PyConfig_Clear(&config); return fail_status(status, error); }
    status = Py_InitializeFromConfig(&config);
    PyConfig_Clear(&config);
    if (PyStatus_Exception(status)) return fail_status(status, error);
    PyEval_SaveThread();
    return 0;
}

/// The code object cached in `file` of `directory`, or NULL (with no Python error set).
static PyObject *read_cached_code(int directory, const char *file) {
    int fd = openat(directory, file, O_RDONLY | O_CLOEXEC);
    if (fd < 0) return NULL;
    struct stat status;
    PyObject *code = NULL;
    if (fstat(fd, &status) == 0 && status.st_size > 0 && status.st_size < (16 << 20)) {
        char *buffer = malloc((size_t)status.st_size);
        ssize_t total = 0;
        while (buffer && total < status.st_size) {
            ssize_t count = read(fd, buffer + total, (size_t)(status.st_size - total));
            if (count <= 0) break;
            total += count;
        }
        if (buffer && total == status.st_size) code = PyMarshal_ReadObjectFromString(buffer, total);
        free(buffer);
    }
    close(fd);
    if (code && !PyCode_Check(code)) Py_CLEAR(code);
    if (!code) PyErr_Clear();
    return code;
}

/// Writes `code` to `file` of `directory` through a temporary file, so that a reader
/// never sees half of it. Failures leave no Python error set.
static void write_cached_code(int directory, const char *file, PyObject *code) {
    PyObject *bytes = PyMarshal_WriteObjectToString(code, Py_MARSHAL_VERSION);
    if (!bytes) {
        PyErr_Clear();
        return;
    }
    char temporary[256];
    snprintf(temporary, sizeof temporary, "%s.%ld.tmp", file, (long)getpid());
    int fd = openat(directory, temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
    if (fd >= 0) {
        const char *data = PyBytes_AS_STRING(bytes);
        Py_ssize_t size = PyBytes_GET_SIZE(bytes), written = 0;
        while (written < size) {
            ssize_t count = write(fd, data + written, (size_t)(size - written));
            if (count <= 0) break;
            written += count;
        }
        close(fd);
        if (written != size || renameat(directory, temporary, directory, file) != 0) unlinkat(directory, temporary, 0);
    }
    Py_DECREF(bytes);
}

/// Files of other versions unused for this long are removed (seconds).
static const time_t unused_version_age = 30 * 24 * 3600;

/// Removes the cached code of `name`'s other versions that no worker has used for a
/// month (each build of verify or of Python would otherwise leave a file behind),
/// keeping `keep`. Versions in use are kept: builds run side by side do not delete each
/// other's files, since a hit refreshes a file's time.
static void remove_other_versions(int directory, const char *name, const char *keep) {
    int own = openat(directory, ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC);  // a position of its own
    if (own < 0) return;
    DIR *folder = fdopendir(own);
    if (!folder) {
        close(own);
        return;
    }
    time_t now = time(NULL);
    size_t length = strlen(name), suffix = strlen(".marshal");
    struct dirent *entry;
    while ((entry = readdir(folder)) != NULL) {
        const char *file = entry->d_name;
        size_t size = strlen(file);
        struct stat status;
        if (size > length + suffix && strncmp(file, name, length) == 0 && file[length] == '-'
            && strcmp(file + size - suffix, ".marshal") == 0 && strcmp(file, keep) != 0
            && fstatat(directory, file, &status, AT_SYMLINK_NOFOLLOW) == 0 && now - status.st_mtime > unused_version_age)
            unlinkat(directory, file, 0);
    }
    closedir(folder);
}

int vpy_load_module(const char *name, const char *source, unsigned long long source_hash, int cache_directory,
                    char **error) {
    PyGILState_STATE gil = PyGILState_Ensure();
    int result = -1;
    char file[192];
    snprintf(file, sizeof file, "%.64s-%016llx-%ld.marshal", name, source_hash, PyImport_GetMagicNumber());
    PyObject *code = cache_directory >= 0 ? read_cached_code(cache_directory, file) : NULL;
    if (code) utimensat(cache_directory, file, NULL, 0);  // in use: not removed as unused
    if (!code) {
        code = Py_CompileString(source, name, Py_file_input);
        if (code && cache_directory >= 0) {
            write_cached_code(cache_directory, file, code);
            remove_other_versions(cache_directory, name, file);
        }
    }
    if (code) {
        PyObject *module = PyImport_ExecCodeModule(name, code);
        Py_DECREF(code);
        if (module) { Py_DECREF(module); result = 0; }
    }
    if (result != 0 && error) *error = describe_pending_exception();
    PyGILState_Release(gil);
    return result;
}

char *vpy_call(const char *module_name, const char *function, const char *argument, char **error) {
    PyGILState_STATE gil = PyGILState_Ensure();
    char *result = NULL;
    // The glue modules are registered in sys.modules by vpy_load_module: a dictionary
    // lookup finds them without going through the import machinery on every call.
    PyObject *module = PyDict_GetItemString(PyImport_GetModuleDict(), module_name);
    PyObject *value = NULL;
    if (module) {
        value = PyObject_CallMethod(module, function, "s", argument);
    } else {
        PyErr_Format(PyExc_ImportError, "glue module %s is not loaded", module_name);
    }
    if (value && PyUnicode_Check(value)) {
        const char *utf8 = PyUnicode_AsUTF8(value);
        if (utf8) result = copy_string(utf8);
    }
    Py_XDECREF(value);
    if (!result && error) {
        *error = PyErr_Occurred() ? describe_pending_exception() : copy_string("glue returned a non-str value");
    }
    PyErr_Clear();
    PyGILState_Release(gil);
    return result;
}

void vpy_free(char *pointer) { free(pointer); }
