// The lotse executables allocate with jemalloc (Debian's libjemalloc-dev), not glibc's malloc.
//
// Why: a build makes and frees millions of small blocks (view models, strings, arrays: about
// 225 for each file written) on every core at once, and glibc's malloc and free were about a
// tenth of its CPU time. Linked into the executables (a DT_NEEDED library ahead of libc), jemalloc's
// malloc and free are the ones the Swift runtime, Foundation, cmark and every other library call:
// a warm 10,000-page build took about 7 % less user time (issue 10, bench/RESULTS.md).
// LotseCore itself does not depend on it: the tests and other programs using the library keep
// the system's allocator.
#include <stddef.h>
#include <stdio.h>
#include <jemalloc/jemalloc.h>
#include "lotse_allocator.h"

// Read by jemalloc when it starts (before main); MALLOC_CONF in the environment still overrides it.
// - percpu_arena: one arena for each CPU, as the glibc settings had one heap per core (with
//   jemalloc's default of four per CPU, the peak of a 10,000-page build varied from 88 to 96 MiB);
// - dirty_decay_ms: pages freed go back to the system after half a second instead of ten, as
//   the build moves from one phase to the next (with both: 86 to 88 MiB, the same time).
const char *malloc_conf = "percpu_arena:percpu,dirty_decay_ms:500";

const char *lotse_allocator_name(void) {
    static char name[160];
    const char *version = NULL;
    size_t size = sizeof(version);
    // Asking jemalloc itself also makes the executable need the library (the linker keeps it).
    if (mallctl("version", &version, &size, NULL, 0) != 0 || version == NULL) return "jemalloc";
    const char *percpu = "?";
    ssize_t decay = -2;
    size = sizeof(percpu);
    mallctl("opt.percpu_arena", &percpu, &size, NULL, 0);
    size = sizeof(decay);
    mallctl("opt.dirty_decay_ms", &decay, &size, NULL, 0);
    snprintf(name, sizeof(name), "jemalloc %s (percpu_arena %s, dirty_decay_ms %zd)", version, percpu, decay);
    return name;
}
