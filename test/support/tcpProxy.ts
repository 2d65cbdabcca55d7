/**
 * A TCP proxy on 127.0.0.1 in front of a server (PostgreSQL), that a test can cut and restore:
 * cut closes every connection and refuses new ones (as a stopped server does), restore listens
 * again on the same port. The shared test PostgreSQL itself is never stopped.
 */
import { createConnection, createServer, type Server, type Socket } from "node:net";
import type { AddressInfo } from "node:net";

export interface TcpProxy {
  readonly port: number;
  cut(): Promise<void>;
  restore(): Promise<void>;
  close(): Promise<void>;
}

export async function startTcpProxy(target: { host: string; port: number }): Promise<TcpProxy> {
  const sockets = new Set<Socket>();
  const keep = (s: Socket) => {
    sockets.add(s);
    s.on("close", () => sockets.delete(s));
    s.on("error", () => s.destroy());
  };
  const makeServer = (): Server =>
    createServer((client) => {
      const upstream = createConnection(target);
      keep(client);
      keep(upstream);
      client.pipe(upstream);
      upstream.pipe(client);
      client.on("close", () => upstream.destroy());
      upstream.on("close", () => client.destroy());
    });
  const listen = (s: Server, port: number) =>
    new Promise<void>((resolve, reject) => {
      s.once("error", reject);
      s.listen(port, "127.0.0.1", () => resolve());
    });
  let server: Server | null = makeServer();
  await listen(server, 0);
  const port = (server.address() as AddressInfo).port;
  const stop = async () => {
    const s = server;
    server = null;
    sockets.forEach((sock) => sock.destroy());
    if (s) await new Promise<void>((r) => s.close(() => r()));
  };
  return {
    port,
    cut: stop,
    async restore() {
      if (server) return;
      server = makeServer();
      await listen(server, port);
    },
    close: stop,
  };
}
