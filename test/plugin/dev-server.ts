/**
 * A Vite dev server for the plugin's dev tests: middleware mode behind a plain HTTP server on a
 * free loopback port, with HMR on but no websocket; what it would send its browser clients
 * (reloads, the error overlay's payloads) is recorded instead.
 */
import { writeFileSync } from 'node:fs';
import { createServer as createHttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createServer, type HotPayload, type InlineConfig, type ViteDevServer } from 'vite';

export interface DevServer {
  server: ViteDevServer;
  /** The dev server's origin. */
  base: string;
  /** What the dev server sent its browser clients. */
  sent: HotPayload[];
  /**
   * Writes `file` and tells the server's watcher (the current one, after a restart) that it
   * changed, as Vite's would: the test waits for no file system event.
   */
  edit(file: string, text: string): void;
  close(): Promise<void>;
}

export async function startDevServer(config: InlineConfig): Promise<DevServer> {
  const server = await createServer({
    configFile: false,
    logLevel: 'silent',
    ...config,
    server: { middlewareMode: true, ws: false, watch: null },
  });
  const sent: HotPayload[] = [];
  const hot = server.environments.client.hot;
  const send = hot.send.bind(hot) as (payload: HotPayload) => void;
  hot.send = ((payload: HotPayload) => {
    sent.push(payload);
    send(payload);
  }) as typeof hot.send;
  const http = createHttpServer(server.middlewares);
  await new Promise<void>((done) => http.listen(0, '127.0.0.1', done));
  return {
    server,
    base: `http://127.0.0.1:${(http.address() as AddressInfo).port}`,
    sent,
    edit: (file, text) => {
      writeFileSync(file, text);
      server.watcher.emit('change', file);
    },
    close: async () => {
      await new Promise((done) => http.close(done));
      await server.close();
    },
  };
}
