/**
 * A loopback TCP relay between one initiator and a target, so a test can pull the cable: cut() resets the
 * initiator's connection (RST) and drops the target's, as a failed network path would, without either end's
 * code being asked to help. Listens on an ephemeral 127.0.0.1 port.
 * Spec: RFC 9293 3.5.2 (reset generation); docs/iscsi.md 7.10; Node.js net (socket.resetAndDestroy sends RST).
 */
import { createConnection, createServer, type AddressInfo, type Server, type Socket } from 'node:net';

/** A relay from an ephemeral loopback port to `host:port`. */
export class TcpLinkProxy {
  private readonly sockets = new Set<Socket>();
  private stopped: Promise<void> | undefined;

  private constructor(
    private readonly server: Server,
    private readonly host: string,
    private readonly targetPort: number,
  ) {
    server.on('connection', (client) => this.relay(client));
  }

  /** Starts relaying to `host:port`; resolves once listening. */
  static async start(host: string, port: number): Promise<TcpLinkProxy> {
    const server = createServer({ noDelay: true });
    const proxy = new TcpLinkProxy(server, host, port);
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => {
        server.off('error', reject);
        resolve();
      });
    });
    return proxy;
  }

  /** The port initiators connect to. */
  get port(): number {
    return (this.server.address() as AddressInfo).port;
  }

  private relay(client: Socket): void {
    if (this.stopped !== undefined) {
      client.resetAndDestroy();
      return;
    }
    const upstream = createConnection({ host: this.host, port: this.targetPort, noDelay: true });
    for (const s of [client, upstream]) {
      this.sockets.add(s);
      s.on('error', () => undefined);
      s.once('close', () => this.sockets.delete(s));
    }
    client.setNoDelay(true);
    client.pipe(upstream);
    upstream.pipe(client);
    client.once('close', () => upstream.destroy());
    upstream.once('close', () => client.destroy());
  }

  /** Pulls the cable: every relayed connection is reset and no new one is accepted. Resolves when all are closed. */
  cut(): Promise<void> {
    this.stopped ??= new Promise<void>((resolve) => {
      this.server.close(() => resolve());
      // libuv refuses to reset a socket whose write side is shutting down (EINVAL) and Node then never closes
      // its handle, which keeps the process alive: such a socket is destroyed plainly
      for (const s of this.sockets) {
        if (s.writableEnded || s.destroyed) s.destroy();
        else s.resetAndDestroy();
      }
    });
    return this.stopped;
  }
}
