/**
 * `witbusHost()`: a Vite plugin that runs the app's business logic in a witbus host beside the dev
 * server, built as `witbus build --app` builds it (service/build.ts) and served as `witbus serve`
 * serves it (service/serve.ts), on its own port. When the logic or its WIT changes, the app is
 * built again and every component whose build differs from the one running is swapped into the
 * host with `RunningHost.replace`: requests in flight finish on the old build, the next one runs
 * the new.
 *
 * Each dev server has a host of its own, closed with that server: Vite restarts a server (a config
 * change) by making a new one, with the same plugin objects or new ones loaded from the config file
 * again, and then closing the old one.
 *
 * A host runs private copies of its builds (its snapshots), never the build folder: every build
 * replaces that folder in place, and a worker that restarts loads its component's folder again, so
 * it must find the build the host runs, whatever was built since.
 */
import { cpSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import type { Environment, Plugin, ViteDevServer } from 'vite';
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
  /**
   * The URL (`http://127.0.0.1:<port>`) of the newest dev server's host that runs: on a restart, the
   * old server's until it closes, then the new server's once it runs.
   */
  readonly url: string | undefined;
}

const SCRIPT = /\.[cm]?[jt]sx?$/;
/** The folder under `out` of the hosts' snapshots: one folder `<pid>-<random>` per host. */
const SNAPSHOTS = '.swaps';
const SNAPSHOT_FOLDER = /^(\d+)-\w{6}$/;

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
};

/**
 * Removes the snapshots of hosts whose process is gone (it crashed or was killed before closing
 * them), and whatever else is there (older witbus versions kept swaps there one by one).
 */
function removeStaleSnapshots(root: string): void {
  let names: string[];
  try {
    names = readdirSync(root);
  } catch {
    return;
  }
  for (const name of names) {
    const pid = SNAPSHOT_FOLDER.exec(name)?.[1];
    if (pid === undefined || !alive(Number(pid))) rmSync(join(root, name), { recursive: true, force: true });
  }
}

const within = (dir: string, file: string) => file === dir || file.startsWith(dir + sep);

const linkedNames = (links: AppLinks) => links.components.map((c) => c.name).join(', ');

/**
 * The builds to swap in, in linking order (what the app imports, the app, what imports the app):
 * those of running components whose build is not the one running (`keys`, by component). A swap
 * that failed leaves its component's key as it was, so the next build tries it again, cached or not.
 */
function swapOrder(reports: BuildReport[], links: AppLinks, keys: Map<string, string>): BuildReport[] {
  const receivers = new Set(Object.values(links.receivers));
  const rank = (name: string) => (name === links.app ? 1 : receivers.has(name) ? 2 : 0);
  const running = new Set(links.components.map((c) => c.name));
  return reports
    .filter((r) => running.has(r.manifest.name) && r.manifest.key !== keys.get(r.manifest.name))
    .sort((a, b) => rank(a.manifest.name) - rank(b.manifest.name));
}

/** The folder a dev server's host builds into. */
const buildFolder = (server: ViteDevServer, options: DevHostOptions) =>
  resolve(server.config.root, options.out ?? join(server.config.cacheDir, 'witbus-host'));

/** One dev server's host. */
interface ServerHost {
  /** Its build folder. */
  readonly out: string;
  readonly url: string | undefined;
  /** The first build and start (a failure is shown in the overlay, and a fix starts the host). */
  readonly started: Promise<void>;
  /** Resolves once `close` is done: the host is closed, and no build of it runs or writes any more. */
  readonly closed: Promise<void>;
  /** Whether it still waits for the earlier hosts to close: it has built and run nothing yet. */
  readonly waiting: boolean;
  /** Called once, when the server closes. */
  close(): Promise<void>;
}

/**
 * The host of `server`, built and started once `after` (the closing of earlier servers' hosts)
 * resolves, if it resolves to true: false says the server never finished starting, and the host
 * closes without building.
 */
function serverHost(server: ViteDevServer, options: DevHostOptions, after: Promise<boolean>): ServerHost {
  const root = server.config.root;
  const app = resolve(root, options.app);
  const wit = resolve(root, options.wit ?? 'wit');
  const out = buildFolder(server, options);
  const logger = server.config.logger;

  let running: RunningServe | undefined;
  /** The page's message endpoint on the running host. */
  let endpoint: ReturnType<typeof messageEndpoint> | undefined;
  /** The manifest key of each component the running host runs. */
  const keys = new Map<string, string>();
  /** The components the running host linked: a swap cannot link others. */
  let linked = '';
  /** The running host's snapshot folder, removed when the host closes. */
  let snapshots: string | undefined;
  /** The copy in `snapshots` each running component runs from; a swap's copy replaces it. */
  const runs = new Map<string, string>();
  let closed = false;
  let failed = false;

  const build = async () => {
    // Loaded here: every user of witbus/vite imports this module, and only this plugin builds.
    const { buildProject } = await import('../service/build.ts');
    return buildProject({
      wit,
      out,
      app,
      backend: options.backend ?? 'sm',
      ...(options.world === undefined ? {} : { world: options.world }),
    });
  };

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

  const start = async () => {
    const reports = await build();
    const links = await appLinks(out);
    const root = join(out, SNAPSHOTS);
    removeStaleSnapshots(root);
    mkdirSync(root, { recursive: true });
    // The host runs the app folder copied: what it links, each under the component's name.
    const dir = mkdtempSync(join(root, `${process.pid}-`));
    let started: RunningServe;
    try {
      for (const c of links.components) cpSync(c.dir, join(dir, c.name), { recursive: true });
      const { serve } = await import('../service/serve.ts');
      started = await serve({
        app: dir,
        kv: options.kv ?? 'memory',
        port: options.port ?? 0,
        ...(options.workers === undefined ? {} : { workers: options.workers }),
      });
    } catch (e) {
      rmSync(dir, { recursive: true, force: true });
      throw e;
    }
    if (closed) {
      await started.close();
      rmSync(dir, { recursive: true, force: true });
      return;
    }
    running = started;
    snapshots = dir;
    for (const c of links.components) runs.set(c.name, join(dir, c.name));
    endpoint = messageEndpoint(started.host.bus);
    linked = linkedNames(links);
    for (const r of reports) keys.set(r.manifest.name, r.manifest.key);
    logger.info(`witbus host: serving ${started.app} at ${started.url}`, { timestamp: true });
  };

  const swap = async (host: RunningServe, snapshots: string) => {
    const reports = await build();
    if (closed) return;
    const links = await appLinks(out);
    const now = linkedNames(links);
    if (now !== linked)
      throw new Error(`the app now links ${now} instead of ${linked}: restart the dev server to run it`);
    const changed = swapOrder(reports, links, keys);
    for (const r of changed) {
      const name = r.manifest.name;
      const dir = join(snapshots, `${name}-${r.manifest.key.slice(0, 16)}`);
      cpSync(r.outDir, dir, { recursive: true });
      try {
        await host.host.replace(name, dir);
      } catch (e) {
        rmSync(dir, { recursive: true, force: true });
        throw e;
      }
      keys.set(name, r.manifest.key);
      const previous = runs.get(name);
      runs.set(name, dir);
      if (previous !== undefined) rmSync(previous, { recursive: true, force: true });
    }
    if (changed.length > 0)
      logger.info(`witbus host: swapped in ${changed.map((r) => r.manifest.name).join(', ')}`, { timestamp: true });
  };

  let closedNow!: () => void;
  const closedPromise = new Promise<void>((resolve) => (closedNow = resolve));
  // One build at a time, after the earlier hosts closed; changes during a build are picked up by one more after it.
  let waiting = true;
  let work: Promise<void> = after.then((go) => {
    waiting = false;
    if (!go) {
      closed = true;
      closedNow();
    }
  });
  let queued = false;
  const schedule = () => {
    if (queued || closed) return;
    queued = true;
    work = work.then(async () => {
      queued = false;
      if (closed) return;
      try {
        await (running === undefined ? start() : swap(running, snapshots!));
        if (failed) {
          failed = false;
          // Clears the overlay of the failure this build fixed.
          server.environments.client.hot.send({ type: 'full-reload', path: '*' });
        }
      } catch (e) {
        if (!closed) report(e);
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
      if (endpoint === undefined) res.writeHead(503).end('the witbus host is not running\n');
      else void endpoint(req, res);
    });
  }

  // The first build starts the host; if it fails, the dev server runs on and a fix starts it.
  schedule();
  const started = work;
  return {
    out,
    get url() {
      return running?.url;
    },
    started,
    closed: closedPromise,
    get waiting() {
      return waiting;
    },
    async close() {
      closed = true;
      const host = running;
      running = undefined;
      endpoint = undefined;
      try {
        await host?.close();
        // A build or start under way ends first (a start then closes what it started); a host
        // still waiting has none, and may wait for good.
        if (!waiting) await work;
        if (snapshots !== undefined) rmSync(snapshots, { recursive: true, force: true });
      } finally {
        closedNow();
      }
    },
  };
}

/**
 * The open dev servers' hosts, oldest first, of all plugin objects: a host waits for the earlier
 * ones building into its folder, and Vite restarts a server whose config is a file with new plugin
 * objects, loaded from that file again, whose host must still wait for the old one.
 */
const open = new Set<ServerHost>();

export function witbusHost(options: DevHostOptions): Plugin<DevHostApi> & { api: DevHostApi } {
  /**
   * This plugin's hosts, by their server's client environment (what `closeBundle` is told): other
   * witbusHost plugins in the same server have hosts of their own for that environment.
   */
  const hosts = new Map<Environment, ServerHost>();

  return {
    name: 'witbus:host',
    apply: 'serve',
    api: {
      get url() {
        return [...hosts.values()].reverse().find((h) => h.url !== undefined)?.url;
      },
    },
    async configureServer(server: ViteDevServer) {
      const environment = server.environments.client;
      const out = buildFolder(server, options);
      // A new host builds into the same folder and may take the same port: it starts once the
      // earlier hosts building there closed (their servers run one host at a time). On a restart
      // the old server closes only after this hook returns, so the start is not awaited.
      // A host still waiting belongs to a server that never took over: Vite keeps the old server
      // and never closes a new one whose start failed after this hook, so that host is dropped
      // here, or it would start once the old one closed and hold up every later host for good.
      for (const h of open)
        if (h.out === out && h.waiting) {
          open.delete(h);
          await h.close();
        }
      const earlier = [...open].filter((h) => h.out === out);
      // Vite runs the post hook this returns once every plugin configured the server, which one
      // that fails to start (a later plugin's hook threw) never does: when its turn comes, its
      // host does not start, though no later server drops it (the old one just closed for good).
      let configured = false;
      const turn =
        earlier.length === 0 ? Promise.resolve(true) : Promise.all(earlier.map((h) => h.closed)).then(() => configured);
      const host = serverHost(server, options, turn);
      open.add(host);
      hosts.set(environment, host);
      void host.closed.then(() => {
        open.delete(host);
        if (hosts.get(environment) === host) hosts.delete(environment);
      });
      if (earlier.length === 0) await host.started;
      return () => void (configured = true);
    },
    // Called as each environment of a closing server closes: the client's closes this plugin's host of that server.
    async closeBundle() {
      const host = hosts.get(this.environment);
      if (host === undefined) return;
      hosts.delete(this.environment);
      await host.close();
    },
  };
}
