/*
 * changerbench soak: a libiscsi client that sends CDBs given on stdin and prints each answer on one line, so the
 * CDB campaign judges our target through an initiator that is not ours.
 * Usage: soak-client PORTAL TARGET-IQN INITIATOR-IQN   (PORTAL is HOST:PORT)
 * Input lines:  LUN EDTL CDB-HEX DATA-OUT-HEX|-
 * Output lines: A STATUS DATA-IN-HEX|- SENSE-HEX|-   (one per input line, in order)
 *               F message                         (the command could not be carried out: transport fault)
 * The sense bytes are the SCSI Response's data segment without its 2-byte SenseLength (RFC 7143 11.4.7.2,
 * docs/iscsi.md 7.5). Built by soak/libiscsi-build.ts with gcc against Debian's libiscsi-dev. Spec: libiscsi iscsi.h
 * (iscsi_full_connect_sync, iscsi_scsi_command_sync), scsi-lowlevel.h (struct scsi_task).
 */
#include <iscsi/iscsi.h>
#include <iscsi/scsi-lowlevel.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int unhex(const char *text, unsigned char *out, int max) {
  int n = 0;
  if (strcmp(text, "-") == 0) return 0;
  for (; text[0] && text[1] && n < max; text += 2) {
    unsigned int v;
    if (sscanf(text, "%2x", &v) != 1) return -1;
    out[n++] = (unsigned char)v;
  }
  return n;
}

static void put_hex(const unsigned char *b, int n) {
  if (n <= 0) { fputc('-', stdout); return; }
  for (int i = 0; i < n; i++) fprintf(stdout, "%02x", b[i]);
}

int main(int argc, char **argv) {
  static char line[1 << 20];
  static unsigned char out[1 << 18];
  if (argc != 4) { fprintf(stderr, "usage: soak-client PORTAL TARGET-IQN INITIATOR-IQN\n"); return 2; }
  struct iscsi_context *iscsi = iscsi_create_context(argv[3]);
  if (!iscsi) { fprintf(stderr, "soak-client: no context\n"); return 2; }
  iscsi_set_targetname(iscsi, argv[2]);
  iscsi_set_session_type(iscsi, ISCSI_SESSION_NORMAL);
  iscsi_set_header_digest(iscsi, ISCSI_HEADER_DIGEST_NONE);
  iscsi_set_timeout(iscsi, 30);
  if (iscsi_full_connect_sync(iscsi, argv[1], 0) != 0) {
    fprintf(stderr, "soak-client: login to %s failed: %s\n", argv[1], iscsi_get_error(iscsi));
    return 2;
  }
  printf("READY\n");
  fflush(stdout);
  while (fgets(line, sizeof line, stdin)) {
    int lun, edtl;
    char cdbhex[600], outhex[sizeof line / 2];
    unsigned char cdb[SCSI_CDB_MAX_SIZE];
    if (sscanf(line, "%d %d %599s %s", &lun, &edtl, cdbhex, outhex) != 4) { printf("F bad input line\n"); fflush(stdout); continue; }
    int cdb_size = (int)strlen(cdbhex) / 2;
    if (cdb_size < 1 || cdb_size > SCSI_CDB_MAX_SIZE || unhex(cdbhex, cdb, SCSI_CDB_MAX_SIZE) != cdb_size) { printf("F cdb of %d bytes\n", cdb_size); fflush(stdout); continue; }
    int out_len = unhex(outhex, out, sizeof out);
    if (out_len < 0) { printf("F bad data-out\n"); fflush(stdout); continue; }
    int dir = out_len > 0 ? SCSI_XFER_WRITE : edtl > 0 ? SCSI_XFER_READ : SCSI_XFER_NONE;
    struct scsi_task *task = scsi_create_task(cdb_size, cdb, dir, out_len > 0 ? out_len : edtl);
    if (!task) { printf("F no task\n"); fflush(stdout); continue; }
    struct iscsi_data data = { (size_t)out_len, out };
    struct scsi_task *done = iscsi_scsi_command_sync(iscsi, lun, task, out_len > 0 ? &data : NULL);
    if (!done) {
      printf("F %s\n", iscsi_get_error(iscsi));
      scsi_free_scsi_task(task);
      fflush(stdout);
      if (iscsi_is_logged_in(iscsi) == 0) return 3;
      continue;
    }
    if (task->status == SCSI_STATUS_CHECK_CONDITION) {
      int n = task->datain.size;
      const unsigned char *d = task->datain.data;
      int sense_len = n >= 2 ? (d[0] << 8 | d[1]) : 0;
      printf("A %d - ", task->status);
      if (sense_len > n - 2) sense_len = n - 2;
      put_hex(d + 2, sense_len);
    } else {
      printf("A %d ", task->status);
      put_hex(task->datain.data, task->datain.size);
      fputs(" -", stdout);
    }
    fputc('\n', stdout);
    fflush(stdout);
    scsi_free_scsi_task(task);
  }
  iscsi_logout_sync(iscsi);
  iscsi_destroy_context(iscsi);
  return 0;
}
