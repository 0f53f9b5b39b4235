#ifndef VERIFY_SHIM_MODULE_H
#define VERIFY_SHIM_MODULE_H

/// Makes the built-in module `_verify_shim` importable; call before Python starts.
/// Returns 0, or -1 when the table of built-in modules cannot grow.
int vpy_register_shim_module(void);

#endif
