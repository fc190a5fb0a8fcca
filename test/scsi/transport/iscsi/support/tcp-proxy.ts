/**
 * A loopback TCP relay between an initiator and the target, so a test can cut one connection (connection loss)
 * without touching the others.
 */
import { createServer, connect, type Server, type Socket } from 'node:net';

export class TcpProxy {
  private readonly pairs: [Socket, Socket][] = [];

  private constructor(private readonly server: Server) {}

  static start(targetPort: number): Promise<TcpProxy> {
    const server = createServer((client) => {
      const upstream = connect({ host: '127.0.0.1', port: targetPort });
      proxy.pairs.push([client, upstream]);
      client.pipe(upstream);
      upstream.pipe(client);
      client.on('error', () => upstream.destroy());
      upstream.on('error', () => client.destroy());
      client.on('close', () => upstream.destroy());
      upstream.on('close', () => client.destroy());
    });
    const proxy = new TcpProxy(server);
    return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(proxy)));
  }

  get port(): number {
    const address = this.server.address();
    if (address === null || typeof address === 'string') throw new Error('not listening');
    return address.port;
  }

  /** Resets every relayed connection, as a pulled cable would. */
  cut(): void {
    for (const [client, upstream] of this.pairs.splice(0)) {
      client.resetAndDestroy();
      upstream.destroy();
    }
  }

  close(): Promise<void> {
    this.cut();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}
