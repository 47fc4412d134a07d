#ifndef LOTSE_ALLOCATOR_H
#define LOTSE_ALLOCATOR_H

/// The allocator the process runs on, e.g. "jemalloc 5.3.0-0-g54eaed1d8b56b1aa528be3bdd1877e59c56fa90c".
const char *lotse_allocator_name(void);

#endif
