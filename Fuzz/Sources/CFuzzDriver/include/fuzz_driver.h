#ifndef FUZZ_DRIVER_H
#define FUZZ_DRIVER_H
#include <stddef.h>
#include <stdint.h>

/// Runs libFuzzer's driver with `argc`/`argv` over `test_one_input`.
///
/// SwiftPM renames an executable's `main` and points the linker's `main` at it, so
/// libFuzzer's own `main` is never linked in; each target's main.swift calls this instead.
int vfuzz_run(int argc, char **argv, int (*test_one_input)(const uint8_t *data, size_t size));
#endif
