/**
 * Serial section of `npm run bench` (issue 4): SCSI over the project's serial framing (docs/serial-framing.md)
 * across a real PTY pair made by socat. Figures: payload bytes per second for a large transfer (READ ELEMENT STATUS
 * of the 20,000-slot library, about 1 MB), framing overhead (bytes on the line / payload bytes - 1; target < 5%),
 * TEST UNIT READY round trips per second, and one paced 115200 8N1 transfer against its theoretical line time.
 */
import { VirtualClock } from '../common/clock/clock.js';
import { encodeReadElementStatusCdb, encodeTestUnitReadyCdb, ScsiStatus } from '../scsi/codec/index.js';
import { SerialInitiator, SerialTarget } from '../scsi/transport/serial/index.js';
import { loadPersonality } from '../sim/personality/index.js';
import { PtyPair, socatUnavailable } from '../test/support/pty-pair.js';
import { fmt, rate, timeRounds, type Row } from './measure.js';
import { createInProcessTarget } from '../sim/changer/in-process-target.js';

const MB = 1024 * 1024;

async function withLine<T>(
  fixture: string,
  pace: boolean,
  baudRate: number,
  body: (initiator: SerialInitiator) => Promise<T>,
): Promise<T> {
  const { changer, target: backend } = createInProcessTarget(loadPersonality(fixture), {
    clock: new VirtualClock(),
    startReady: true,
  });
  const pair = await PtyPair.start();
  const target = await SerialTarget.open({ path: pair.b, baudRate, backend, pace });
  const initiator = await SerialInitiator.open({ path: pair.a, baudRate, initiatorName: 'bench', lun: 0, pace });
  try {
    await initiator.execute({ lun: 0, cdb: encodeTestUnitReadyCdb(), allocationLength: 0 }); // power-on UA
    return await body(initiator);
  } finally {
    await initiator.close();
    await target.close();
    await pair.stop();
    changer.close();
  }
}

export async function benchSerial(): Promise<Row[]> {
  const group = 'serial over a socat PTY pair';
  const missing = socatUnavailable();
  if (missing) return [{ group, name: 'all figures', value: 'n/a', note: missing }];
  const rows: Row[] = [];
  const res = encodeReadElementStatusCdb({
    voltag: true,
    elementType: 0,
    startingAddress: 0,
    numberOfElements: 0xffff,
    allocationLength: 0xffffff,
  });

  await withLine('large-library-20k', false, 115200, async (initiator) => {
    let payload = 0;
    let lineBytes = 0;
    const s = await timeRounds(7, 1, async () => {
      const before = initiator.stats().bytesIn;
      const r = await initiator.execute({ lun: 0, cdb: res, allocationLength: 0xffffff });
      if (r.status !== ScsiStatus.GOOD) throw new Error(`READ ELEMENT STATUS failed: ${r.status}`);
      payload = r.dataIn.length;
      lineBytes = initiator.stats().bytesIn - before;
    });
    rows.push({
      group,
      name: `READ ELEMENT STATUS large-library-20k (${fmt(payload)} bytes)`,
      value: `${fmt(payload / MB / (s.median / 1000), 1)} MB/s payload`,
      note: `${fmt(s.median, 0)} ms/call median of ${s.samples}; PTYs ignore the baud rate (unpaced)`,
    });
    rows.push({
      group,
      name: 'framing overhead, large transfer',
      value: `${fmt(((lineBytes - payload) / payload) * 100, 2)} %`,
      target: '< 5 %',
      note: `${fmt(lineBytes)} bytes on the line (frames, response header, ACKs not counted) for ${fmt(payload)} payload bytes`,
    });
    const tur = encodeTestUnitReadyCdb();
    const t = await rate(5, 300, () => initiator.execute({ lun: 0, cdb: tur, allocationLength: 0 }));
    rows.push({
      group,
      name: 'TEST UNIT READY round trips',
      value: `${fmt(t.median)} /s`,
      note: `median of ${t.samples} rounds of 300`,
    });
  });

  await withLine('ibm-ts3100', true, 115200, async (initiator) => {
    let payload = 0;
    let lineBytes = 0;
    const s = await timeRounds(3, 1, async () => {
      const before = initiator.stats().bytesIn;
      const r = await initiator.execute({ lun: 0, cdb: res, allocationLength: 0xffffff });
      payload = r.dataIn.length;
      lineBytes = initiator.stats().bytesIn - before;
    });
    const theoreticalMs = (lineBytes * 10 * 1000) / 115200;
    rows.push({
      group,
      name: `paced 115200 8N1: READ ELEMENT STATUS ibm-ts3100 (${fmt(payload)} bytes)`,
      value: `${fmt(s.median, 0)} ms/call`,
      note: `line time of its ${fmt(lineBytes)} bytes at 10 bits/byte: ${fmt(theoreticalMs, 0)} ms`,
    });
  });
  return rows;
}
