/**
 * Both host-side users of the one READ ELEMENT STATUS reader (scsi/host/read-element-status.ts) get the same
 * elements from a tgt-like changer, whose every reply is 8 bytes short of its own byte count and which sends only
 * the whole descriptors that fit the allocation length: the RSM model's readElements (over a ChangerLink, 64 KiB
 * allocation, so a 6,000-slot library takes several chunks) and `status`'s (scsi/host/read-inventory.ts, over a
 * ScsiTransport). Spec: SMC-3 6.10; docs/smc-reference.md 1.3; docs/tgt-quirks.md.
 */
import { expect } from 'chai';
import { VirtualClock } from '../../../common/clock/clock.js';
import { encodeElementStatus, ElementType, type ElementDescriptor } from '../../../scsi/codec/index.js';
import { readElements as hostReadElements } from '../../../scsi/host/read-inventory.js';
import type { ScsiCommand, ScsiResult, ScsiTransport } from '../../../scsi/transport/scsi-transport.js';
import { ChangerLink } from '../../../rsm/changer/changer-link.js';
import { readElements } from '../../../rsm/changer/changer-commands.js';

const FIRST = 0x1000;

function storage(address: number): ElementDescriptor {
  return {
    elementType: ElementType.STORAGE,
    address,
    full: address % 2 === 0,
    except: false,
    access: true,
    asc: 0,
    ascq: 0,
    svalid: false,
    invert: false,
    ed: false,
    mediumType: 0,
    sourceAddress: 0,
  };
}

/** READ ELEMENT STATUS of storage elements FIRST.. as tgt answers it: 8 bytes short; whole descriptors when cut. */
function tgtLikeChanger(total: number, starts: number[]): ScsiTransport {
  return {
    description: 'tgt-like',
    close: async () => undefined,
    async execute(command: ScsiCommand): Promise<ScsiResult> {
      const cdb = Buffer.from(command.cdb);
      const start = cdb.readUInt16BE(2);
      starts.push(start);
      const end = Math.min(start + cdb.readUInt16BE(4), FIRST + total);
      const descriptors = Array.from({ length: Math.max(0, end - start) }, (_, i) => storage(start + i));
      const report = { pages: [{ elementType: ElementType.STORAGE, pvoltag: false, avoltag: false, descriptors }] };
      const whole = encodeElementStatus(report);
      // All of it fits: tgt sends 8 bytes less than it counts. Else the whole descriptors that fit.
      const sent =
        whole.length <= command.allocationLength
          ? whole.subarray(0, whole.length - 8)
          : encodeElementStatus(report, command.allocationLength);
      return { status: 0, dataIn: Buffer.from(sent) };
    },
  };
}

describe('rsm/changer readElements (the host reader over a ChangerLink)', () => {
  it('reads every element of a tgt-like changer, in chunks, the last descriptor of each short reply included', async () => {
    const starts: number[] = [];
    const link = new ChangerLink(tgtLikeChanger(6000, starts), new VirtualClock(), { lun: 0, unitAttentionRetries: 4 });
    const found = await readElements(link, ElementType.STORAGE, FIRST, 6000);
    expect(found.map((d) => d.address)).to.deep.equal(Array.from({ length: 6000 }, (_, i) => FIRST + i));
    expect(found.filter((d) => d.full).length).to.equal(3000);
    expect(starts.length, 'more than one chunk at 64 KiB').to.be.above(1);
    expect(starts[1], 'the second chunk starts after the last address of the first').to.equal(
      FIRST + Math.floor((0xffff - 16) / 12),
    );
  });

  it("gives the same elements as `status`'s reader (read-inventory.ts)", async () => {
    const link = new ChangerLink(tgtLikeChanger(40, []), new VirtualClock(), { lun: 0, unitAttentionRetries: 4 });
    const viaLink = await readElements(link, ElementType.STORAGE, FIRST, 40);
    const viaHost = await hostReadElements(tgtLikeChanger(40, []), ElementType.STORAGE, FIRST, 40, { voltag: false });
    expect(viaHost).to.deep.equal(viaLink);
    expect(viaHost.at(-1)?.address, 'the descriptor tgt cuts short').to.equal(FIRST + 39);
  });
});
