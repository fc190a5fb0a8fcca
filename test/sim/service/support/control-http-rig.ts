/**
 * The shared setup of the HTTP control endpoint specs: a fresh in-process simulator (the test library on a
 * VirtualClock) and a ControlHttpServer over it for each test, closed after it, with the request helpers the specs use.
 */
import { expect } from 'chai';
import { localControlClient } from '../../../../sim/control/control-client.js';
import type { StatusView } from '../../../../sim/control/control-types.js';
import { ControlHttpServer } from '../../../../sim/service/control-http-server.js';
import { Bench } from '../../helpers/bench.js';
import { rawRequest, type RawAnswer } from './http.js';

/** What a test reaches of the current rig; valid inside a test (the fields are replaced before each). */
export interface ControlHttpRig {
  readonly bench: Bench;
  readonly server: ControlHttpServer;
  readonly port: number;
  /** POST /v1/NAME with a JSON body. */
  post(name: string, body?: object): Promise<RawAnswer>;
  /** GET /v1/status. */
  status(): Promise<StatusView>;
}

/** Expects 200 {ok:true} and returns its value. */
export function expectOk(a: RawAnswer): unknown {
  expect(a.status, a.text).to.equal(200);
  expect((a.json as { ok: boolean }).ok, a.text).to.equal(true);
  return (a.json as { value: unknown }).value;
}

/** Registers beforeEach/afterEach in the calling describe: a server per test (body limit 4096 bytes). */
export function useControlHttpRig(): ControlHttpRig {
  const rig = {} as { bench: Bench; server: ControlHttpServer; port: number } & ControlHttpRig;
  rig.post = (name: string, body: object = {}) => rawRequest(rig.port, { path: `/v1/${name}`, body });
  rig.status = async (): Promise<StatusView> => (await rawRequest(rig.port, { path: '/v1/status' })).json as StatusView;

  beforeEach(async () => {
    rig.bench = new Bench();
    rig.server = await ControlHttpServer.listen({
      control: localControlClient(rig.bench.control),
      personality: 'test-library',
      maxBodyBytes: 4096,
    });
    rig.port = rig.server.address().port;
  });

  afterEach(async () => {
    await rig.server.close();
    rig.bench.close();
  });
  return rig;
}
