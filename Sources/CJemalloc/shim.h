// jemalloc, the allocator the lotse executables run on (see Sources/LotseAllocator).
#include <jemalloc/jemalloc.h>
