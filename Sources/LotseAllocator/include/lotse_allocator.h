#ifndef LOTSE_ALLOCATOR_H
#define LOTSE_ALLOCATOR_H

/// The allocator the process runs on and its settings, e.g.
/// "jemalloc 5.3.0-0-g54eaed1d… (percpu_arena percpu, dirty_decay_ms 500)".
const char *lotse_allocator_name(void);

#endif
