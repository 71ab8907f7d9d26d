// A TCP proxy the e2e tests put between the console and a server, to cut
// the connection (the server "stops") and bring it back on the same port.

import net from 'node:net';

export class TcpProxy {
  /** @param {number} targetPort the server's port on 127.0.0.1 */
  constructor(targetPort) {
    this.targetPort = targetPort;
    this.port = 0;
    this.server = undefined;
    this.sockets = new Set();
  }

  /** Listens (on the same port as before, after a `stop`); resolves with the URL. */
  async start() {
    const server = net.createServer((client) => {
      const upstream = net.connect(this.targetPort, '127.0.0.1');
      for (const s of [client, upstream]) {
        this.sockets.add(s);
        s.on('close', () => this.sockets.delete(s));
        s.on('error', () => {
          client.destroy();
          upstream.destroy();
        });
      }
      client.pipe(upstream);
      upstream.pipe(client);
    });
    await new Promise((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.port, '127.0.0.1', resolve);
    });
    this.server = server;
    this.port = server.address().port;
    return this.url;
  }

  get url() {
    return `http://127.0.0.1:${this.port}`;
  }

  /** Refuses new connections and resets the open ones: the server is gone. */
  async stop() {
    const server = this.server;
    this.server = undefined;
    for (const s of this.sockets) s.resetAndDestroy?.() ?? s.destroy();
    this.sockets.clear();
    if (server) await new Promise((resolve) => server.close(() => resolve()));
  }
}
