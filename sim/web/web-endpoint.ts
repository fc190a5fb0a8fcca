/**
 * Opens the lab view as one of `sim serve`'s endpoints (stdout line `web URL`): the SCSI log and the live feed
 * watch the target (every transport goes through it), the page's actions run on the in-process control API.
 * Design: docs/lab-view.md; sim/service/endpoints.ts (the other endpoints).
 */
import type { Clock } from '../../common/clock/clock.js';
import type { ControlClient } from '../control/control-client.js';
import { EndpointStartError, startFailure, type Endpoint } from '../service/endpoints.js';
import { formatHostPort, type HostPort } from '../service/host-port.js';
import type { SimulatedTarget } from '../changer/simulated-target.js';
import { LiveFeed } from './live-feed.js';
import { ScsiLog } from './scsi-log.js';
import { LabWebServer } from './web-server.js';
import type { Logger } from '../../common/logger.js';

/** Options of the web endpoint. */
export interface WebEndpointOptions {
  readonly address: HostPort;
  readonly allowRemote?: boolean | undefined;
}

/** Starts the lab view on `target`'s library. */
export async function startWebEndpoint(
  options: WebEndpointOptions,
  target: SimulatedTarget,
  control: ControlClient,
  clock: Clock,
  logger: Logger,
): Promise<Endpoint> {
  const feed = new LiveFeed(target.changer.core, { clock });
  const log = new ScsiLog({ clock });
  const stopWatching = target.observe((record) => {
    log.record(record);
    feed.poke();
  });
  let server: LabWebServer;
  try {
    server = await LabWebServer.listen({
      feed,
      log,
      control,
      host: options.address.host,
      port: options.address.port,
      allowRemote: options.allowRemote,
      logger,
    });
  } catch (err) {
    stopWatching();
    throw new EndpointStartError(`web: cannot listen on ${formatHostPort(options.address)}: ${startFailure(err)}`);
  }
  return {
    kind: 'web',
    line: `web ${server.url}/`,
    url: server.url,
    close: async () => {
      stopWatching();
      feed.stop();
      log.stop();
      await server.close();
    },
  };
}
