/**
 * `witbusHost()`: a Vite plugin that runs the app's business logic in a witbus host beside the dev
 * server, built as `witbus build --app` builds it (service/build.ts) and served as `witbus serve`
 * serves it (service/serve.ts), on its own port. When the logic or its WIT changes, the app is
 * built again and every component whose build changed is swapped into the running host with
 * `RunningHost.replace`: requests in flight finish on the old build, the next one runs the new.
 */
import { cpSync, rmSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import type { Plugin, ViteDevServer } from 'vite';
import type { Backend, BuildReport } from '../component/types.ts';
import { messageEndpoint } from '../host/providers/message-endpoint.ts';
import { appLinks, type AppLinks } from '../service/serve-app.ts';
import type { RunningServe } from '../service/serve.ts';
import { overlayError, type OverlayError } from './dev-overlay.ts';

export interface DevHostOptions {
  /** The business-logic module, relative to Vite's root. */
  app: string;
  /** The WIT file or folder with the app's world (relative to the root). Default `wit`. */
  wit?: string;
  /** The app's world in `wit` (default: the app file's name). */
  world?: string;
  /** The engine: `sm` (StarlingMonkey, the default) or `quickjs` (builds in about a second). */
  backend?: Backend;
  /** The keyvalue store: `memory` (the default), `sqlite:<file>` or a `redis://` URL. */
  kv?: string;
  /** The host's HTTP port on 127.0.0.1; 0 (the default) picks a free one. */
  port?: number;
  /** Worker threads running the app; 0 runs it on the main thread. Default: one per core. */
  workers?: number;
  /** Where the components are built (relative to the root). Default `<Vite cacheDir>/witbus-host`. */
  out?: string;
  /**
   * A path of the dev server (`/wasmbus`) where the host's message endpoint answers, so that the
   * page's fetch transport reaches the host's providers on the page's own origin.
   */
  endpoint?: string;
}

export interface DevHostApi {
  /** The host's URL (`http://127.0.0.1:<port>`), once it runs. */
  readonly url: string | undefined;
}

const SCRIPT = /\.[cm]?[jt]sx?$/;
/** The folder under `out` of the builds swapped in (see `swapped`). */
const SWAPS = '.swaps';

const within = (dir: string, file: string) => file === dir || file.startsWith(dir + sep);

const linkedNames = (links: AppLinks) => links.components.map((c) => c.name).join(', ');

/** The builds to swap in, in linking order: what the app imports, the app, what imports the app. */
function swapOrder(reports: BuildReport[], links: AppLinks): BuildReport[] {
  const receivers = new Set(Object.values(links.receivers));
  const rank = (name: string) => (name === links.app ? 1 : receivers.has(name) ? 2 : 0);
  const running = new Set(links.components.map((c) => c.name));
  return reports
    .filter((r) => !r.cached && running.has(r.manifest.name))
    .sort((a, b) => rank(a.manifest.name) - rank(b.manifest.name));
}

export function witbusHost(options: DevHostOptions): Plugin<DevHostApi> & { api: DevHostApi } {
  let running: RunningServe | undefined;
  let closed = false;

  return {
    name: 'witbus:host',
    apply: 'serve',
    api: {
      get url() {
        return running?.url;
      },
    },
    async configureServer(server: ViteDevServer) {
      // Vite restarts a server (a config change) with the same plugin objects.
      closed = false;
      const root = server.config.root;
      const app = resolve(root, options.app);
      const wit = resolve(root, options.wit ?? 'wit');
      const out = resolve(root, options.out ?? join(server.config.cacheDir, 'witbus-host'));
      const logger = server.config.logger;
      // Loaded here: every user of witbus/vite imports this module, and only this plugin builds and serves.
      const [{ buildProject }, { serve }] = await Promise.all([
        import('../service/build.ts'),
        import('../service/serve.ts'),
      ]);
      const build = () =>
        buildProject({
          wit,
          out,
          app,
          backend: options.backend ?? 'sm',
          ...(options.world === undefined ? {} : { world: options.world }),
        });

      let failed = false;
      /** Shows a failed build or swap in the terminal and the browser's overlay; the host keeps its last build. */
      const report = (e: unknown) => {
        failed = true;
        const err = overlayError(e, 'witbus:host') as OverlayError;
        logger.error(`witbus host: ${err.message}${err.frame ? `\n${err.frame}` : ''}`, { timestamp: true });
        server.environments.client.hot.send({
          type: 'error',
          err: {
            message: err.message,
            stack: '',
            plugin: 'witbus:host',
            ...(err.id === undefined ? {} : { id: err.id }),
            ...(err.frame === undefined ? {} : { frame: err.frame }),
            ...(err.loc === undefined ? {} : { loc: err.loc }),
          },
        });
      };

      /**
       * The folder each swapped component runs from. The build folder is rebuilt in place, and a
       * worker that restarts loads its folder again, so it must never see a half-written or
       * not-yet-swapped build: every swap gets a copy of its own, removed once the next replaces it.
       */
      const swapped = new Map<string, string>();
      /** The components the running host linked: a swap cannot link others. */
      let linked = '';

      const start = async () => {
        await build();
        running = await serve({
          app: out,
          kv: options.kv ?? 'memory',
          port: options.port ?? 0,
          ...(options.workers === undefined ? {} : { workers: options.workers }),
        });
        linked = linkedNames(await appLinks(out));
        if (closed) {
          await running.close();
          running = undefined;
        } else logger.info(`witbus host: serving ${running.app} at ${running.url}`, { timestamp: true });
      };

      const swap = async () => {
        if (running === undefined) return start();
        const reports = await build();
        const links = await appLinks(out);
        const now = linkedNames(links);
        if (now !== linked)
          throw new Error(`the app now links ${now} instead of ${linked}: restart the dev server to run it`);
        const changed = swapOrder(reports, links);
        for (const r of changed) {
          const name = r.manifest.name;
          const dir = join(out, SWAPS, `${name}-${r.manifest.key.slice(0, 16)}`);
          cpSync(r.outDir, dir, { recursive: true });
          try {
            await running.host.replace(name, dir);
          } catch (e) {
            rmSync(dir, { recursive: true, force: true });
            throw e;
          }
          const previous = swapped.get(name);
          swapped.set(name, dir);
          if (previous !== undefined && previous !== dir) rmSync(previous, { recursive: true, force: true });
        }
        if (changed.length > 0)
          logger.info(`witbus host: swapped in ${changed.map((r) => r.manifest.name).join(', ')}`, { timestamp: true });
      };

      // One build at a time; changes during a build are picked up by one more after it.
      let work = Promise.resolve();
      let queued = false;
      const schedule = () => {
        if (queued) return;
        queued = true;
        work = work.then(async () => {
          queued = false;
          if (closed) return;
          try {
            await swap();
            if (failed) {
              failed = false;
              // Clears the overlay of the failure this build fixed.
              server.environments.client.hot.send({ type: 'full-reload', path: '*' });
            }
          } catch (e) {
            report(e);
          }
        });
      };

      // The logic's folder (it may import other modules there) and the WIT's (its deps are there).
      const appDir = dirname(app);
      const witDir = wit.endsWith('.wit') ? dirname(wit) : wit;
      const relevant = (file: string) =>
        !within(out, file) &&
        ((within(witDir, file) && file.endsWith('.wit')) || (within(appDir, file) && SCRIPT.test(file)));
      // Vite watches its root; the logic and its WIT may be outside it.
      server.watcher.add([witDir, appDir].filter((p) => relative(root, p).startsWith('..')));
      for (const event of ['add', 'change', 'unlink'] as const)
        server.watcher.on(event, (file: string) => {
          if (relevant(resolve(file))) schedule();
        });

      if (options.endpoint !== undefined) {
        server.middlewares.use(options.endpoint, (req, res) => {
          if (running === undefined) res.writeHead(503).end('the witbus host is not running\n');
          else void messageEndpoint(running.host.bus)(req, res);
        });
      }

      // The first build starts the host; if it fails, the dev server runs on and a fix starts it.
      schedule();
      await work;
    },
    async closeBundle() {
      closed = true;
      await running?.close();
      running = undefined;
    },
  };
}
