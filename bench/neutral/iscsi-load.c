/*
 * A load generator on libiscsi (Debian's libiscsi-dev), the neutral client of `npm run bench`: the same binary
 * and options drive the simulator's target and tgt's, so neither side's own initiator judges the comparison.
 *
 * Usage: iscsi-load URL          (libiscsi's URL form: iscsi://host:port/<target-iqn>/<lun>)
 * It logs in once (a normal session, no digests), prints {"ready":true} and then reads one request per line on
 * stdin, answering each with one JSON line on stdout:
 *   round tur DEPTH MS                        TEST UNIT READY
 *   round res DEPTH MS START COUNT ALLOC      READ ELEMENT STATUS, storage elements, VOLTAG
 *   round move DEPTH MS MTE SRC:DST ...       MOVE MEDIUM, lane i moving SRC_i to DST_i and back (one lane
 *                                             per command in flight: DEPTH pairs needed)
 *   quit
 * A round keeps DEPTH commands in flight for MS milliseconds of CLOCK_MONOTONIC and reports
 *   {"count":N,"ms":T,"errors":E,"bytes":B,"error":"..."}   (count: commands completed; bytes: data-in of the last)
 * It waits for its socket with poll(2) as ordinary libiscsi programs do (no busy polling).
 *
 * Spec: RFC 7143 (through libiscsi's iscsi.h); docs/iscsi.md 7; SPC-4 6.47 TEST UNIT READY; SMC-3 6.10 READ ELEMENT
 * STATUS (CDB B8h: byte 1 VOLTAG bit 4 and ELEMENT TYPE CODE, 2-3 starting address, 4-5 number of elements, 7-9
 * allocation length), 6.6 MOVE MEDIUM (CDB A5h: 2-3 transport, 4-5 source, 6-7 destination);
 * docs/smc-reference.md 1.2 (CDB layouts).
 * In our words: docs/scsi-model.md 10.
 */
#include <errno.h>
#include <poll.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <iscsi/iscsi.h>
#include <iscsi/scsi-lowlevel.h>

#define MAX_LANES 64

enum op_kind { OP_TUR, OP_RES, OP_MOVE };

struct round;

/* One command slot of a round; passed to libiscsi as the callback's private data (libiscsi keeps a task's own
 * private pointer for itself). */
struct lane {
  struct round *round;
  int index;
  int src;
  int dst;
  int forward; /* next move is src -> dst */
};

struct round {
  struct iscsi_context *iscsi;
  int lun;
  enum op_kind kind;
  int depth;
  double deadline;
  long completed;
  long errors;
  long in_flight;
  size_t last_bytes;
  char error[256];
  /* READ ELEMENT STATUS */
  int res_start, res_count, res_alloc;
  /* MOVE MEDIUM */
  int mte;
  struct lane lanes[MAX_LANES];
};

static double now_ms(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return ts.tv_sec * 1000.0 + ts.tv_nsec / 1e6;
}

static void put16(unsigned char *p, int v) {
  p[0] = (v >> 8) & 0xff;
  p[1] = v & 0xff;
}

static void put24(unsigned char *p, int v) {
  p[0] = (v >> 16) & 0xff;
  p[1] = (v >> 8) & 0xff;
  p[2] = v & 0xff;
}

static int send_one(struct round *r, int lane);

static void on_done(struct iscsi_context *iscsi, int status, void *command_data, void *private_data) {
  struct scsi_task *task = command_data;
  struct lane *l = private_data;
  struct round *r = l->round;
  int lane = l->index;
  (void)iscsi;
  r->in_flight--;
  if (status == SCSI_STATUS_GOOD) {
    r->completed++;
    r->last_bytes = task->datain.size;
    if (r->kind == OP_MOVE) r->lanes[lane].forward = !r->lanes[lane].forward;
  } else {
    r->errors++;
    if (r->error[0] == '\0') {
      if (status == SCSI_STATUS_CHECK_CONDITION)
        snprintf(r->error, sizeof r->error, "CHECK CONDITION %x/%02x/%02x", task->sense.key, (task->sense.ascq >> 8) & 0xff, task->sense.ascq & 0xff);
      else
        snprintf(r->error, sizeof r->error, "status %d: %s", status, iscsi_get_error(r->iscsi));
    }
  }
  scsi_free_scsi_task(task);
  if (status != SCSI_STATUS_GOOD && status != SCSI_STATUS_CHECK_CONDITION) return; /* transport trouble: stop */
  if (now_ms() < r->deadline) send_one(r, lane);
}

static int send_one(struct round *r, int lane) {
  unsigned char cdb[12];
  int cdb_len, dir, xfer;
  memset(cdb, 0, sizeof cdb);
  switch (r->kind) {
  case OP_TUR:
    cdb_len = 6, dir = SCSI_XFER_NONE, xfer = 0;
    break;
  case OP_RES:
    cdb_len = 12, dir = SCSI_XFER_READ, xfer = r->res_alloc;
    cdb[0] = 0xb8;
    cdb[1] = 0x10 | 0x02;
    put16(cdb + 2, r->res_start);
    put16(cdb + 4, r->res_count);
    put24(cdb + 7, r->res_alloc);
    break;
  default: {
    struct lane *l = &r->lanes[lane];
    cdb_len = 12, dir = SCSI_XFER_NONE, xfer = 0;
    cdb[0] = 0xa5;
    put16(cdb + 2, r->mte);
    put16(cdb + 4, l->forward ? l->src : l->dst);
    put16(cdb + 6, l->forward ? l->dst : l->src);
    break;
  }
  }
  struct scsi_task *task = scsi_create_task(cdb_len, cdb, dir, xfer);
  if (task == NULL) {
    snprintf(r->error, sizeof r->error, "out of memory");
    return -1;
  }
  r->lanes[lane].round = r;
  r->lanes[lane].index = lane;
  if (iscsi_scsi_command_async(r->iscsi, r->lun, task, on_done, NULL, &r->lanes[lane]) != 0) {
    snprintf(r->error, sizeof r->error, "cannot queue the command: %s", iscsi_get_error(r->iscsi));
    scsi_free_scsi_task(task);
    return -1;
  }
  r->in_flight++;
  return 0;
}

static int run_round(struct round *r, int ms) {
  double start = now_ms();
  r->deadline = start + ms;
  for (int i = 0; i < r->depth; i++)
    if (send_one(r, i) != 0) return -1;
  while (r->in_flight > 0) {
    struct pollfd pfd = {.fd = iscsi_get_fd(r->iscsi), .events = iscsi_which_events(r->iscsi)};
    int n = poll(&pfd, 1, 1000);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      snprintf(r->error, sizeof r->error, "poll: %s", strerror(errno));
      return -1;
    }
    if (iscsi_service(r->iscsi, n == 0 ? 0 : pfd.revents) < 0) {
      snprintf(r->error, sizeof r->error, "iscsi_service: %s", iscsi_get_error(r->iscsi));
      return -1;
    }
    if (r->error[0] != '\0' && r->errors > 0 && r->completed == 0 && now_ms() > r->deadline + 10000) return -1;
  }
  printf("{\"count\":%ld,\"ms\":%.3f,\"errors\":%ld,\"bytes\":%zu,\"error\":\"%s\"}\n", r->completed, now_ms() - start, r->errors, r->last_bytes, r->error);
  fflush(stdout);
  return 0;
}

static void fail(const char *what, const char *why) {
  printf("{\"fatal\":\"%s: %s\"}\n", what, why);
  fflush(stdout);
  exit(2);
}

int main(int argc, char **argv) {
  if (argc != 2) {
    fprintf(stderr, "usage: iscsi-load iscsi://HOST:PORT/IQN/LUN (requests on stdin)\n");
    return 2;
  }
  struct iscsi_context *iscsi = iscsi_create_context("iqn.2026-11.dev.changerbench:neutral-load");
  if (iscsi == NULL) fail("iscsi_create_context", "failed");
  struct iscsi_url *url = iscsi_parse_full_url(iscsi, argv[1]);
  if (url == NULL) fail("bad URL", iscsi_get_error(iscsi));
  iscsi_set_targetname(iscsi, url->target);
  iscsi_set_session_type(iscsi, ISCSI_SESSION_NORMAL);
  iscsi_set_header_digest(iscsi, ISCSI_HEADER_DIGEST_NONE);
  if (iscsi_full_connect_sync(iscsi, url->portal, url->lun) != 0) fail("login", iscsi_get_error(iscsi));
  int lun = url->lun;
  iscsi_destroy_url(url);
  printf("{\"ready\":true}\n");
  fflush(stdout);

  char line[4096];
  while (fgets(line, sizeof line, stdin) != NULL) {
    if (strncmp(line, "quit", 4) == 0) break;
    struct round r;
    memset(&r, 0, sizeof r);
    r.iscsi = iscsi;
    r.lun = lun;
    char op[16];
    int ms, used = 0;
    if (sscanf(line, "round %15s %d %d%n", op, &r.depth, &ms, &used) != 3 || r.depth < 1 || r.depth > MAX_LANES || ms < 1) {
      printf("{\"fatal\":\"bad request: %.*s\"}\n", (int)strcspn(line, "\n\"\\"), line);
      fflush(stdout);
      continue;
    }
    const char *rest = line + used;
    if (strcmp(op, "tur") == 0) {
      r.kind = OP_TUR;
    } else if (strcmp(op, "res") == 0) {
      r.kind = OP_RES;
      if (sscanf(rest, "%d %d %d", &r.res_start, &r.res_count, &r.res_alloc) != 3) fail("bad request", "res START COUNT ALLOC");
    } else if (strcmp(op, "move") == 0) {
      r.kind = OP_MOVE;
      int n = 0;
      if (sscanf(rest, "%d%n", &r.mte, &n) != 1) fail("bad request", "move MTE SRC:DST ...");
      rest += n;
      for (int i = 0; i < r.depth; i++) {
        if (sscanf(rest, " %d:%d%n", &r.lanes[i].src, &r.lanes[i].dst, &n) != 2) fail("bad request", "move needs one SRC:DST per command in flight");
        r.lanes[i].forward = 1;
        rest += n;
      }
    } else {
      fail("bad request", "unknown op");
    }
    if (run_round(&r, ms) != 0) fail("round", r.error);
    /* A MOVE lane that ended on its way back leaves the cartridge at DST: finish it, so rounds start alike. */
    if (r.kind == OP_MOVE) {
      struct round back = r;
      back.deadline = 0;
      back.completed = back.errors = back.in_flight = 0;
      for (int i = 0; i < r.depth; i++)
        if (!r.lanes[i].forward) send_one(&back, i);
      while (back.in_flight > 0) {
        struct pollfd pfd = {.fd = iscsi_get_fd(iscsi), .events = iscsi_which_events(iscsi)};
        if (poll(&pfd, 1, 1000) < 0 && errno != EINTR) break;
        if (iscsi_service(iscsi, pfd.revents) < 0) break;
      }
    }
  }
  iscsi_logout_sync(iscsi);
  iscsi_destroy_context(iscsi);
  return 0;
}
