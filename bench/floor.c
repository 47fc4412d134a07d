/* The floor for Lotse's benchmark: read every Markdown source, render it with
 * libcmark, write one HTML file per page — with the same parallelism as
 * `lotse build` (one thread per core), and nothing else: no templates, no
 * link checks, no questionnaires. `lotse build` cannot be faster than this.
 *
 *   floor LIST OUTDIR [THREADS]
 *
 * LIST is a text file with one "source-path<TAB>output-path" per line.
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

static char **sources, **outputs;
static size_t count;
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

static void *worker(void *arg) {
  (void)arg;
  char path[4096];
  for (;;) {
    size_t i = atomic_fetch_add(&next_job, 1);
    if (i >= count) return NULL;
    size_t len;
    char *text = slurp(sources[i], &len);
    char *body = text;
    if (strncmp(text, "---\n", 4) == 0) {
      char *end = strstr(text + 4, "\n---\n");
      if (end) body = end + 5;
    }
    char *html = cmark_markdown_to_html(body, strlen(body), CMARK_OPT_DEFAULT);
    snprintf(path, sizeof path, "%s/%s", outdir, outputs[i]);
    mkdirs(path);
    int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
    if (fd < 0) { perror(path); exit(1); }
    size_t hl = strlen(html), off = 0;
    while (off < hl) {
      ssize_t n = write(fd, html + off, hl - off);
      if (n < 0) { perror(path); exit(1); }
      off += n;
    }
    close(fd);
    free(html);
    free(text);
  }
}

int main(int argc, char **argv) {
  if (argc < 3) {
    fprintf(stderr, "usage: floor LIST OUTDIR [THREADS]\n");
    return 2;
  }
  outdir = argv[2];
  int threads = argc > 3 ? atoi(argv[3]) : (int)sysconf(_SC_NPROCESSORS_ONLN);
  size_t len;
  char *list = slurp(argv[1], &len);
  size_t cap = 1024;
  sources = malloc(cap * sizeof *sources);
  outputs = malloc(cap * sizeof *outputs);
  for (char *line = strtok(list, "\n"); line; line = strtok(NULL, "\n")) {
    char *tab = strchr(line, '\t');
    if (!tab) continue;
    *tab = 0;
    if (count == cap) {
      cap *= 2;
      sources = realloc(sources, cap * sizeof *sources);
      outputs = realloc(outputs, cap * sizeof *outputs);
    }
    sources[count] = line;
    outputs[count] = tab + 1;
    count++;
  }
  pthread_t pool[64];
  if (threads < 1) threads = 1;
  if (threads > 64) threads = 64;
  for (int t = 0; t < threads; t++) pthread_create(&pool[t], NULL, worker, NULL);
  for (int t = 0; t < threads; t++) pthread_join(pool[t], NULL);
  printf("floor: %zu pages rendered with %d threads\n", count, threads);
  return 0;
}
