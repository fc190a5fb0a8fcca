/**
 * The lab view's server without a browser: the event stream (a full snapshot on connect, then a delta for a
 * change made elsewhere), the guards (Host, token, content type), actions answered with the control API's
 * results and refusals, and `sim serve`'s decoded debug line per SCSI command.
 */
import { expect } from 'chai';
import { request } from 'node:http';
import { VirtualClock } from '../../../common/clock/clock.js';
import { encodeMoveMediumCdb, encodeTestUnitReadyCdb } from '../../../scsi/codec/index.js';
import { SimulatorService } from '../../../sim/service/serve.js';
import type { FeedMessage } from '../../../sim/web/live-feed.js';

const LOOPBACK_0 = { host: '127.0.0.1', port: 0 };

interface Answer {
  status: number;
  body: string;
}

function http(
  url: string,
  options: { method?: string; headers?: Record<string, string>; body?: string } = {},
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: options.method ?? 'GET', headers: options.headers }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end(options.body);
  });
}

/** Reads SSE events until `done` says stop (bounded). */
function readEvents(
  url: string,
  done: (events: { event: string; data: unknown }[]) => boolean,
): Promise<{ event: string; data: unknown }[]> {
  return new Promise((resolve, reject) => {
    const events: { event: string; data: unknown }[] = [];
    const req = request(url, (res) => {
      let buffer = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        buffer += chunk;
        let end: number;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const event = /^event: (.*)$/m.exec(block)?.[1];
          const data = /^data: (.*)$/m.exec(block)?.[1];
          if (event && data) events.push({ event, data: JSON.parse(data) });
        }
        if (done(events)) {
          req.destroy();
          resolve(events);
        }
      });
    });
    req.on('error', (e) => (events.length ? resolve(events) : reject(e)));
    setTimeout(() => {
      req.destroy();
      resolve(events);
    }, 15_000).unref();
    req.end();
  });
}

describe('sim/web/web-server', () => {
  let service: SimulatorService;
  let url: string;
  let token: string;
  const debugLines: string[] = [];

  before(async () => {
    const logger = {
      debug: (_f: Record<string, unknown>, m: string) => debugLines.push(m),
      info: () => undefined,
      warn: () => undefined,
      error: () => undefined,
    };
    service = await SimulatorService.start({
      fixture: 'ibm-ts3100',
      clock: new VirtualClock(),
      startReady: true,
      web: { address: LOOPBACK_0 },
      logCommands: true,
      logger,
    });
    url = service.endpoint('web')?.url ?? '';
    expect(service.lines()).to.deep.equal([`web ${url}/`]);
    const page = await http(`${url}/`);
    token = /name="changerbench-token" content="([0-9a-f]+)"/.exec(page.body)?.[1] ?? '';
    expect(token).to.have.length(32);
  });

  after(() => service.close());

  const post = (op: string, body: string, headers: Record<string, string> = {}) =>
    http(`${url}/api/${op}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-Changerbench-Token': token, ...headers },
      body,
    });

  it('streams a snapshot on connect, then a delta for a change made through the control API', async () => {
    let opened = false;
    const events = await readEvents(`${url}/events`, (evs) => {
      if (!opened && evs.some((e) => e.event === 'snapshot')) {
        opened = true;
        expect(service.changer.control.openDoor().ok).to.equal(true);
      }
      return evs.some(
        (e) => e.event === 'delta' && (e.data as Extract<FeedMessage, { kind: 'delta' }>).snapshot.status.door.open,
      );
    });
    const snapshot = events.find((e) => e.event === 'snapshot')?.data as Extract<FeedMessage, { kind: 'snapshot' }>;
    expect(snapshot.snapshot.elements.filter((e) => e.type === 'storage')).to.have.length(23);
    expect(snapshot.snapshot.elements.find((e) => e.address === 4106)).to.include({
      state: 'cleaning',
      mtx: 11,
      usesRemaining: 47,
      volumeTag: 'CLN001L1',
    });
    const delta = events.find((e) => e.event === 'delta')?.data as Extract<FeedMessage, { kind: 'delta' }>;
    expect(delta.snapshot.readiness).to.equal('door open');
    expect(service.changer.control.closeDoor().ok).to.equal(true);
  });

  it('runs actions with their results and refusals, and refuses requests without the token, JSON or a loopback Host', async () => {
    expect(JSON.parse((await post('pullMagazine', '{"id":"nope"}')).body)).to.include({
      ok: false,
      code: 'NO_SUCH_MAGAZINE',
    });
    expect(JSON.parse((await post('setSlowMotion', '{"factor":2}')).body)).to.deep.equal({ ok: true, value: null });
    expect(service.changer.core.slowFactor).to.equal(2);
    expect((await post('setSlowMotion', '{"factor":"x"}')).status).to.equal(400);
    const noToken = await http(`${url}/api/powerCycle`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: '{}',
    });
    expect(noToken.status).to.equal(403);
    expect(JSON.parse(noToken.body).error.code).to.equal('FORBIDDEN_TOKEN');
    expect((await post('powerCycle', '{}', { 'Content-Type': 'text/plain' })).status).to.equal(415);
    expect((await http(`${url}/`, { headers: { Host: 'rebound.example' } })).status).to.equal(403);
    expect((await post('powerCycle', '{}', { Origin: 'http://elsewhere.example' })).status).to.equal(403);
    expect(service.changer.core.poweringOn, 'no power cycle got through').to.equal(false);
    expect((await post('noSuchThing', '{}')).status).to.equal(404);
    await post('setSlowMotion', '{"factor":1}');
  });

  it('logs every SCSI command decoded at debug level, and keeps it for the page', async () => {
    await service.target.execute('iqn.test:host', 0, encodeTestUnitReadyCdb());
    await service.target.execute(
      'iqn.test:host',
      0,
      encodeMoveMediumCdb({ transportAddress: 0, sourceAddress: 4104, destinationAddress: 256 }),
    );
    // The first command of a new nexus gets 29/00; the move waits behind the inventory started by the door closing.
    expect(debugLines).to.satisfy((ls: string[]) =>
      ls.some((l) =>
        /^iqn\.test:host: TEST UNIT READY: CHECK CONDITION 06\/29\/00 UNIT ATTENTION: POWER ON RESET OR BUS DEVICE RESET OCCURRED \(29h\/00h\) \([\d.]+ ms\)$/.test(
          l,
        ),
      ),
    );
    expect(debugLines).to.satisfy((ls: string[]) =>
      ls.some((l) =>
        /^iqn\.test:host: MOVE MEDIUM 4104 → 256: CHECK CONDITION 02\/04\/01 NOT READY: LOGICAL UNIT IS IN PROCESS OF BECOMING READY \(04h\/01h\) \([\d.]+ ms\)$/.test(
          l,
        ),
      ),
    );
    const log = JSON.parse((await http(`${url}/api/log`)).body) as { command: string; initiator: string }[];
    expect(log.map((l) => l.command)).to.include.members(['TEST UNIT READY', 'MOVE MEDIUM 4104 → 256']);
  });
});
