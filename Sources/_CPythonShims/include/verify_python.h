#ifndef VERIFY_PYTHON_H
#define VERIFY_PYTHON_H

// The only door to CPython. Python.h is included by the .c file alone: next to
// Glibc's Swift module it breaks the build. Every function here takes and returns
// plain C strings; no PyObject crosses this header.

#ifdef __cplusplus
extern "C" {
#endif

/// Initializes the interpreter once per process with an isolated configuration,
/// UTF-8 mode, buffered stdio, `site` not yet imported (the glue imports it before the
/// first snippet that may need it), the built-in module `_verify_shim`, and
/// `executable` as sys.executable, then releases the GIL. Call on the thread that will
/// own the interpreter. A `hash_seed` of 0 or more fixes str and bytes hashing as
/// PYTHONHASHSEED would (the isolated configuration ignores the environment); a
/// negative one leaves it random.
/// Returns 0, or -1 with a malloc'd message in `*error`.
int vpy_initialize(const char *executable, long hash_seed, char **error);

/// Executes `source` as the body of a new module named `name` and registers it in
/// sys.modules, so that vpy_call can reach its functions. With a `cache_directory`
/// descriptor (else -1), the compiled code is kept there in a file named after the
/// module, `source_hash` and the interpreter's bytecode magic number, and read back
/// instead of compiling again; a cache that cannot be read or written is skipped. A file
/// read is touched; writing one removes the files of the module's other versions that
/// were not touched for a month.
int vpy_load_module(const char *name, const char *source, unsigned long long source_hash, int cache_directory,
                    char **error);

/// Calls `module.function(argument)` where argument and result are str.
/// Returns a malloc'd UTF-8 string, or NULL with a malloc'd message in `*error`.
/// SystemExit raised inside is reported as an error, never exits the process.
char *vpy_call(const char *module, const char *function, const char *argument, char **error);

/// Frees a string returned by this header's functions.
void vpy_free(char *pointer);

#ifdef __cplusplus
}
#endif
#endif
