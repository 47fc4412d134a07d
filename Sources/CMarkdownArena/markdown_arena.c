#include "markdown_arena.h"

#include <cmark.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/// Each arena keeps its first chunk between documents; larger documents take more, freed when it is released.
#define CHUNK_SIZE ((size_t)256 * 1024)
/// Free arenas kept for reuse; more are freed (one per document alive at once is needed).
#define POOL_LIMIT 8
#define ALIGNMENT 16

typedef struct chunk {
    struct chunk *next;
    size_t size; /* payload bytes */
} chunk;

/// Before each block: its size and its arena (16 bytes, so blocks stay 16-aligned).
typedef struct header {
    size_t size;
    lotse_markdown_arena *arena;
} header;

struct lotse_markdown_arena {
    chunk *chunks;   /* newest first; the last one is kept */
    size_t used;     /* bytes used in chunks (the newest) */
    size_t total;    /* bytes handed out since acquired */
    unsigned char *last; /* the newest block, which can grow in place */
    lotse_markdown_arena *next_free;
};

_Static_assert(sizeof(header) == ALIGNMENT, "block header keeps 16-byte alignment");

static pthread_mutex_t pool_lock = PTHREAD_MUTEX_INITIALIZER;
static lotse_markdown_arena *pool;
static size_t pool_count;
static _Thread_local lotse_markdown_arena *entered;

static void out_of_memory(void) {
    /* As cmark's own allocator does. */
    fprintf(stderr, "[cmark] arena: out of memory - abort\n");
    abort();
}

static size_t round_up(size_t size) {
    if (size > SIZE_MAX - 2 * ALIGNMENT) out_of_memory();
    return (size + ALIGNMENT - 1) & ~(size_t)(ALIGNMENT - 1);
}

static unsigned char *payload(chunk *c) {
    return (unsigned char *)c + round_up(sizeof(chunk));
}

static chunk *new_chunk(size_t size) {
    chunk *c = malloc(round_up(sizeof(chunk)) + size);
    if (!c) out_of_memory();
    c->next = NULL;
    c->size = size;
    return c;
}

static void *arena_alloc(lotse_markdown_arena *arena, size_t size) {
    size_t need = sizeof(header) + round_up(size);
    chunk *c = arena->chunks;
    if (c->size - arena->used < need) {
        c = new_chunk(need > CHUNK_SIZE ? need : CHUNK_SIZE);
        c->next = arena->chunks;
        arena->chunks = c;
        arena->used = 0;
    }
    header *h = (header *)(payload(c) + arena->used);
    h->size = size;
    h->arena = arena;
    arena->used += need;
    arena->total += need;
    arena->last = (unsigned char *)(h + 1);
    return h + 1;
}

static lotse_markdown_arena *current(void) {
    if (!entered) {
        fprintf(stderr, "[cmark] arena: allocation outside an entered arena - abort\n");
        abort();
    }
    return entered;
}

static void *arena_calloc(size_t count, size_t size) {
    if (size != 0 && count > SIZE_MAX / size) out_of_memory();
    void *block = arena_alloc(current(), count * size);
    memset(block, 0, count * size);
    return block;
}

static void *arena_realloc(void *block, size_t size) {
    if (!block) return arena_alloc(current(), size);
    header *h = (header *)block - 1;
    lotse_markdown_arena *arena = h->arena;
    if (size <= h->size) {
        h->size = size;
        return block;
    }
    /* The newest block grows in place while its chunk has room. */
    if ((unsigned char *)block == arena->last) {
        chunk *c = arena->chunks;
        size_t start = (size_t)((unsigned char *)block - payload(c));
        size_t end = start + round_up(size);
        if (end <= c->size) {
            arena->total += end - arena->used;
            arena->used = end;
            h->size = size;
            return block;
        }
    }
    void *moved = arena_alloc(arena, size);
    memcpy(moved, block, h->size);
    return moved;
}

static void arena_free(void *block) {
    (void)block; /* Emptied with the arena. */
}

static cmark_mem arena_mem = {arena_calloc, arena_realloc, arena_free};

void *lotse_markdown_arena_cmark_mem(void) {
    return &arena_mem;
}

lotse_markdown_arena *lotse_markdown_arena_acquire(void) {
    pthread_mutex_lock(&pool_lock);
    lotse_markdown_arena *arena = pool;
    if (arena) {
        pool = arena->next_free;
        pool_count -= 1;
    }
    pthread_mutex_unlock(&pool_lock);
    if (!arena) {
        arena = calloc(1, sizeof(lotse_markdown_arena));
        if (!arena) out_of_memory();
        arena->chunks = new_chunk(CHUNK_SIZE);
    }
    arena->next_free = NULL;
    return arena;
}

void lotse_markdown_arena_release(lotse_markdown_arena *arena) {
    if (!arena) return;
    /* Keep the oldest chunk (a standard one), free the rest. */
    chunk *c = arena->chunks;
    while (c->next) {
        chunk *next = c->next;
        free(c);
        c = next;
    }
    arena->chunks = c;
    arena->used = 0;
    arena->total = 0;
    arena->last = NULL;
    pthread_mutex_lock(&pool_lock);
    int keep = pool_count < POOL_LIMIT;
    if (keep) {
        arena->next_free = pool;
        pool = arena;
        pool_count += 1;
    }
    pthread_mutex_unlock(&pool_lock);
    if (!keep) {
        free(arena->chunks);
        free(arena);
    }
}

lotse_markdown_arena *lotse_markdown_arena_enter(lotse_markdown_arena *arena) {
    lotse_markdown_arena *previous = entered;
    entered = arena;
    return previous;
}

void lotse_markdown_arena_leave(lotse_markdown_arena *previous) {
    entered = previous;
}

size_t lotse_markdown_arena_bytes_used(const lotse_markdown_arena *arena) {
    return arena->total;
}

size_t lotse_markdown_arena_chunk_count(const lotse_markdown_arena *arena) {
    size_t count = 0;
    for (const chunk *c = arena->chunks; c; c = c->next) count += 1;
    return count;
}
