// The lotse executables allocate with jemalloc (Debian's libjemalloc-dev), not glibc's malloc.
//
// Why: a build makes and frees millions of small blocks (view models, strings, arrays: about
// 225 for each file written) on two threads at once, and glibc's malloc and free were about a
// tenth of its CPU time. Linked into the executables (a DT_NEEDED library ahead of libc), jemalloc's
// malloc and free are the ones the Swift runtime, Foundation, cmark and every other library call:
// a warm 10,000-page build took 7 % less wall time and 10 % less user time, its peak memory 1 to
// 3 MiB more (issue 10, bench/RESULTS.md). LotseCore itself does not depend on it: the tests and
// other programs using the library keep the system's allocator.
#include <stddef.h>
#include <stdio.h>
#include <jemalloc/jemalloc.h>
#include "lotse_allocator.h"

const char *lotse_allocator_name(void) {
    static char name[96];
    const char *version = NULL;
    size_t size = sizeof(version);
    // Asking jemalloc itself also makes the executable need the library (the linker keeps it).
    if (mallctl("version", &version, &size, NULL, 0) != 0 || version == NULL) return "jemalloc";
    snprintf(name, sizeof(name), "jemalloc %s", version);
    return name;
}
