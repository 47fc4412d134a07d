/* The floor for Lotse's benchmark: read every Markdown source, render it with
 * libcmark, write every page — with the same parallelism as `lotse build` (one
 * thread per core), and nothing else: no templates, no link checks, no
 * questionnaires. `lotse build` cannot be faster than this.
 *
 *   floor LIST OUTDIR [THREADS]
 *
 * LIST is a text file with one "source-path<TAB>output-path" per line, or
 * "source-path<TAB>source-path<TAB>…<TAB>output-path" for a page made of
 * several texts (a print version beside the source language's text): the
 * texts are written into the one file one after the other. Each source is
 * read and rendered once, however many pages show it (as Lotse renders each
 * text once): then all are rendered first and the pages written after. When
 * no source is shown twice, each page is written as soon as its text is
 * rendered, and its HTML let go.
 * Front matter (between the first two "---" lines) is skipped, as Lotse does.
 */
#include <cmark.h>
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define MAX_TEXTS 8

struct page {
  const char *output;
  size_t texts;
  size_t text[MAX_TEXTS]; /* indexes into the sorted, distinct sources */
};

static char **sources;   /* distinct, sorted */
static char **rendered;  /* each source's HTML */
static size_t source_count;
static struct page *pages;
static size_t page_count;
static atomic_size_t next_job;
static const char *outdir;

static void mkdirs(char *path) {
  for (char *p = path + 1; *p; p++) {
    if (*p == '/') {
      *p = 0;
      mkdir(path, 0755);
      *p = '/';
    }
  }
}

static char *slurp(const char *path, size_t *len) {
  int fd = open(path, O_RDONLY);
  if (fd < 0) { perror(path); exit(1); }
  struct stat st;
  fstat(fd, &st);
  char *buf = malloc(st.st_size + 1);
  size_t got = 0;
  while (got < (size_t)st.st_size) {
    ssize_t n = read(fd, buf + got, st.st_size - got);
    if (n <= 0) { perror(path); exit(1); }
    got += n;
  }
  close(fd);
  buf[got] = 0;
  *len = got;
  return buf;
}

/* Source i read and rendered into rendered[i], its front matter skipped. */
static void render_source(size_t i) {
  size_t len;
  char *text = slurp(sources[i], &len);
  char *body = text;
  if (strncmp(text, "---\n", 4) == 0) {
    char *end = strstr(text + 4, "\n---\n");
    if (end) body = end + 5;
  }
  rendered[i] = cmark_markdown_to_html(body, strlen(body), CMARK_OPT_DEFAULT);
  free(text);
}

static void write_page(size_t i) {
  char path[4096];
  snprintf(path, sizeof path, "%s/%s", outdir, pages[i].output);
  mkdirs(path);
  int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
  if (fd < 0) { perror(path); exit(1); }
  for (size_t t = 0; t < pages[i].texts; t++) {
    const char *html = rendered[pages[i].text[t]];
    size_t hl = strlen(html), off = 0;
    while (off < hl) {
      ssize_t n = write(fd, html + off, hl - off);
      if (n < 0) { perror(path); exit(1); }
      off += n;
    }
  }
  close(fd);
}

/* Every page shows one source of its own: render it, write the page, let the HTML go. */
static void render_and_write(size_t i) {
  size_t source = pages[i].text[0];
  render_source(source);
  write_page(i);
  free(rendered[source]);
  rendered[source] = NULL;
}

static int compare(const void *a, const void *b) {
  return strcmp(*(char *const *)a, *(char *const *)b);
}

static void (*job)(size_t);
static size_t job_count;

/* A thread of the pool: takes the next index until there is none left. */
static void *worker(void *arg) {
  (void)arg;
  for (;;) {
    size_t i = atomic_fetch_add(&next_job, 1);
    if (i >= job_count) return NULL;
    job(i);
  }
}

/* job(i) for every i below count, on `threads` threads. */
static void run(void (*each)(size_t), size_t count, int threads) {
  pthread_t pool[64];
  job = each;
  job_count = count;
  atomic_store(&next_job, 0);
  for (int t = 0; t < threads; t++) pthread_create(&pool[t], NULL, worker, NULL);
  for (int t = 0; t < threads; t++) pthread_join(pool[t], NULL);
}

int main(int argc, char **argv) {
  if (argc < 3) {
    fprintf(stderr, "usage: floor LIST OUTDIR [THREADS]\n");
    return 2;
  }
  outdir = argv[2];
  int threads = argc > 3 ? atoi(argv[3]) : (int)sysconf(_SC_NPROCESSORS_ONLN);
  if (threads < 1) threads = 1;
  if (threads > 64) threads = 64;
  size_t len;
  char *list = slurp(argv[1], &len);
  /* Each line: its fields split at tabs; the last is the output, the others its sources. */
  size_t cap = 1024, named = 0, named_cap = 1024;
  pages = malloc(cap * sizeof *pages);
  char **all = malloc(named_cap * sizeof *all);
  char **first = malloc(cap * sizeof *first); /* each page's first source, still a string */
  for (char *line = strtok(list, "\n"); line; line = strtok(NULL, "\n")) {
    char *out = strrchr(line, '\t');
    if (!out) continue;
    *out++ = 0;
    if (page_count == cap) {
      cap *= 2;
      pages = realloc(pages, cap * sizeof *pages);
      first = realloc(first, cap * sizeof *first);
    }
    pages[page_count] = (struct page){ .output = out, .texts = 0 };
    first[page_count++] = line;
    for (char *field = line; field;) {
      char *tab = strchr(field, '\t');
      if (tab) *tab = 0;
      if (named == named_cap) {
        named_cap *= 2;
        all = realloc(all, named_cap * sizeof *all);
      }
      all[named++] = field;
      field = tab ? tab + 1 : NULL;
    }
  }
  /* The distinct sources, sorted; then each page's texts found among them. */
  sources = malloc((named ? named : 1) * sizeof *sources);
  memcpy(sources, all, named * sizeof *all);
  qsort(sources, named, sizeof *sources, compare);
  for (size_t i = 0; i < named; i++)
    if (source_count == 0 || strcmp(sources[source_count - 1], sources[i]) != 0) sources[source_count++] = sources[i];
  for (size_t i = 0; i < page_count; i++) {
    char *field = first[i];
    char *end = (char *)pages[i].output - 1; /* the fields run up to the output */
    while (field < end) {
      if (pages[i].texts == MAX_TEXTS) { fprintf(stderr, "floor: more than %d sources on a line\n", MAX_TEXTS); return 2; }
      char **found = bsearch(&field, sources, source_count, sizeof *sources, compare);
      pages[i].text[pages[i].texts++] = (size_t)(found - sources);
      field += strlen(field) + 1;
    }
  }
  rendered = calloc(source_count ? source_count : 1, sizeof *rendered);
  if (source_count == page_count && named == page_count) {
    run(render_and_write, page_count, threads);
  } else {
    run(render_source, source_count, threads);
    run(write_page, page_count, threads);
  }
  printf("floor: %zu texts rendered, %zu pages written, with %d threads\n", source_count, page_count, threads);
  return 0;
}
