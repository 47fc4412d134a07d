// libFuzzer's driver, called from each fuzz target's main.swift.
//
// SwiftPM links an executable target's own `main` (it renames the entry
// point to `<Target>_main` and aliases `main` to it), so libFuzzer's `main`
// cannot be used; `LLVMFuzzerRunDriver` (libFuzzer ≥ 11) runs the same
// fuzzing loop from a `main` of our own.
#include <stddef.h>
#include <stdint.h>

int LLVMFuzzerRunDriver(int *argc, char ***argv, int (*callback)(const uint8_t *data, size_t size));
