/**
 * `changerbench status` names the sense of a command that failed as every message of the project does
 * (describeSense: `NOT READY: MEDIUM NOT PRESENT (3Ah/00h)`), never as bare numbers (`sense 2/3a/00`): a simulator
 * behind an iSCSI target, its next READ ELEMENT STATUS armed to fail through the control API.
 * Spec: cli/status-command.ts; scsi/codec/sense.ts describeSense; docs/smc-reference.md 1.7.
 */
import { expect } from 'chai';
import { Readable } from 'node:stream';
import { runCli } from '../../cli/build-cli.js';
import type { CliIo } from '../../cli/cli-io.js';
import { VirtualClock } from '../../common/clock/clock.js';
import { Opcode } from '../../scsi/codec/index.js';
import { IscsiTarget } from '../../scsi/transport/iscsi/target/iscsi-target.js';
import { loadPersonality } from '../../sim/personality/index.js';
import { createInProcessTarget } from '../../sim/changer/in-process-target.js';

const TARGET_NAME = 'iqn.2026-12.dev.changerbench:status-errors';

describe('changerbench status: errors name the sense', function () {
  this.timeout(30_000);

  it('a READ ELEMENT STATUS answered NOT READY 3A/00: exit 1 and the sense named', async () => {
    const { changer, target } = createInProcessTarget(loadPersonality('ibm-ts3100'), {
      clock: new VirtualClock(),
      startReady: true,
    });
    const iscsi = await IscsiTarget.listen({ host: '127.0.0.1', port: 0, targetName: TARGET_NAME, backend: target });
    try {
      expect(
        changer.control.failNextCommand({ opcode: Opcode.READ_ELEMENT_STATUS, key: 0x2, asc: 0x3a, ascq: 0x00 }),
      ).to.deep.equal({ ok: true, value: null });
      let err = '';
      const io: CliIo = { out: () => undefined, err: (t) => (err += t), stdin: Readable.from([]), exitCode: 0 };
      const code = await runCli(
        ['status', '--target', `iscsi://127.0.0.1:${iscsi.address().port}/${TARGET_NAME}/0`],
        io,
      );
      expect(code, err).to.equal(1);
      expect(err.trim().split('\n'), 'one line').to.have.length(1);
      expect(err)
        .to.contain('READ ELEMENT STATUS type 2 from')
        .and.to.contain('failed: NOT READY: MEDIUM NOT PRESENT (3Ah/00h)');
      expect(err).to.not.match(/sense [0-9a-f]+\/[0-9a-f]+/i);
    } finally {
      await iscsi.close();
      changer.close();
    }
  });
});
