#ifndef LOTSE_MARKDOWN_ARENA_H
#define LOTSE_MARKDOWN_ARENA_H

#include <stddef.h>

/// A bump arena for one cmark document: cmark's many small nodes and buffers
/// come from a few large blocks, freeing is a no-op, and the whole arena is
/// emptied at once when the document goes (issue 10: glibc malloc grew slower
/// as a large build kept many other blocks alive).
///
/// cmark's allocator (`cmark_mem`) takes no context, so allocating uses the
/// arena entered on the calling thread (`lotse_markdown_arena_enter`); each
/// block records its arena, so growing and freeing need none.
typedef struct lotse_markdown_arena lotse_markdown_arena;

/// An empty arena, reused from a small shared pool when one is free (thread-safe).
lotse_markdown_arena *lotse_markdown_arena_acquire(void);

/// Empties the arena (every block it gave becomes invalid) and returns it to the pool.
void lotse_markdown_arena_release(lotse_markdown_arena *arena);

/// Makes `arena` the one cmark allocates from on this thread; returns the one before, for `leave`.
lotse_markdown_arena *lotse_markdown_arena_enter(lotse_markdown_arena *arena);

/// Restores the arena `enter` returned.
void lotse_markdown_arena_leave(lotse_markdown_arena *previous);

/// The `cmark_mem *` allocating from the entered arena (a `void *`, so this
/// header needs no cmark.h of its own).
void *lotse_markdown_arena_cmark_mem(void);

/// Bytes handed out since the arena was acquired (headers and alignment included).
size_t lotse_markdown_arena_bytes_used(const lotse_markdown_arena *arena);

/// How many blocks of memory the arena holds from malloc.
size_t lotse_markdown_arena_chunk_count(const lotse_markdown_arena *arena);

#endif
