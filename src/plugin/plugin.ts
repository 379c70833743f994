/**
 * The witbus bundler plugin, one implementation for every bundler through unplugin: imports of
 * `.wit` files and `virtual:witbus/...` ids become the contracts' plain JS adapters (module-code.ts),
 * and `.wit?component=...` imports their built adapter components as assets (component-assets.ts).
 */
import { readFileSync } from 'node:fs';
import { join, resolve, sep } from 'node:path';
import { createUnplugin, type UnpluginInstance } from 'unplugin';
import type { GenerateTarget } from '../config/config.ts';
import { findConfig, loadConfig } from '../service/config-file.ts';
import { buildAdapterAsset, type AdapterAsset } from '../service/adapter-assets.ts';
import { UserError } from '../service/errors.ts';
import { namesContract } from '../service/select-contract.ts';
import { assetFileName, componentInstanceModule, componentUrlModule } from './component-assets.ts';
import { writeDeclarations } from './declarations.ts';
import { interfaceModule, receiverModule, senderModule } from './module-code.ts';
import { componentId, parseId, resolveImport, type ComponentRequest } from './module-ids.ts';
import type { WitbusPluginOptions } from './options.ts';
import { plainPackage, type PlainPackage, type Reuse } from './plain-package.ts';
import type { PlainContract } from '../service/plain-adapters.ts';

const str = JSON.stringify;

/** What a contract's adapters are named and shaped by, apart from its files' text. */
const contractKey = (c: PlainContract): string =>
  str([c.witId, c.contractId, c.senderModule, c.senderExport, c.interfaceType, c.functions]);

interface ProjectConfig {
  file?: string;
  targets: GenerateTarget[];
}

/** Whether `file` is the target's WIT input or inside its folder. */
const inTarget = (t: GenerateTarget, file: string) => file === t.wit || file.startsWith(t.wit + sep);

export const witbus: UnpluginInstance<WitbusPluginOptions | undefined, false> = createUnplugin((options = {}, meta) => {
  /** The project root (the bundler's, or the working folder): config lookup and ids are relative to it. */
  let root = process.cwd();
  /** Vite's dev server serves files; it emits no assets. */
  let viteServe = false;

  let config: Promise<ProjectConfig> | undefined;
  const packages = new Map<string, Promise<PlainPackage>>();
  /**
   * Each input's last generation, and the files changed since (watchChange): its next generation
   * keeps the adapters of the contracts that read none of them.
   */
  const lastGenerated = new Map<string, { pkg: PlainPackage; changed: Set<string> }>();
  let configFileSeen: string | undefined;

  const projectConfig = () =>
    (config ??= (async () => {
      if (options.config === false) return { targets: [] };
      const file = options.config === undefined ? findConfig(root) : resolve(root, options.config);
      configFileSeen = file;
      if (file === undefined) return { targets: [] };
      return { file, targets: (await loadConfig(file)).generate };
    })());

  /** One WIT input's generation options: its config target's, under the plugin's. */
  const targetOf = async (file: string): Promise<Omit<GenerateTarget, 'out'>> => {
    const { targets } = await projectConfig();
    const { out: _out, ...fromConfig } = targets.find((t) => inTarget(t, file)) ?? { out: '' };
    const { config: _config, declarations: _declarations, backend: _backend, cacheDir: _cacheDir, ...own } = options;
    return { ...fromConfig, ...own, wit: file };
  };

  /** The generated package of one WIT input. */
  const packageOf = (file: string): Promise<PlainPackage> => {
    let pkg = packages.get(file);
    if (pkg === undefined) {
      const last = lastGenerated.get(file);
      const reuse: Reuse = (contract, sources) => {
        const kept = last?.pkg.interfaces.find((i) => i.witId === contract.witId);
        if (kept === undefined || sources.some((s) => last!.changed.has(s))) return undefined;
        return contractKey(kept) === contractKey(contract) && String(kept.sources) === String(sources)
          ? kept
          : undefined;
      };
      const current = targetOf(file).then((target) => plainPackage(target, reuse));
      current.then(
        // Unless a change came in meanwhile: then the next generation must see it.
        (p) => packages.get(file) === current && lastGenerated.set(file, { pkg: p, changed: new Set() }),
        () => undefined,
      );
      pkg = current;
      packages.set(file, pkg);
      // A failed generation is not kept: the next build tries again (after the fix).
      pkg.catch(() => packages.delete(file));
    }
    return pkg;
  };

  /** The WIT input holding `virtual:witbus/<name>`: one of the config's targets. */
  const findInterface = async (name: string) => {
    const { targets, file } = await projectConfig();
    for (const t of targets) {
      const pkg = await packageOf(t.wit);
      const found = pkg.interfaces.find((i) => namesContract(i.witId, name));
      if (found) return { file: t.wit, found };
    }
    const where = file === undefined ? 'there is no witbus.config.*' : `no target of ${file} has it`;
    throw new UserError(`error: virtual:witbus/${name}: no such contract interface (${where})`);
  };

  /** The transpiled modules of the components built: the plugin resolves and loads them for esbuild. */
  const transpiledModules = new Set<string>();
  const buildAsset = async (request: ComponentRequest): Promise<AdapterAsset> => {
    const asset = await buildAdapterAsset({
      target: await targetOf(request.file),
      role: request.role,
      ...(request.interface === undefined ? {} : { interface: request.interface }),
      backend: options.backend ?? 'sm',
      cacheDir: resolve(root, options.cacheDir ?? 'node_modules/.cache/witbus'),
    });
    transpiledModules.add(join(asset.dir, asset.manifest.module));
    return asset;
  };
  /**
   * This build's component assets, by the id of their URL module: `?component=…` and its
   * `&instance` (which imports the URL module) share one generation and build.
   */
  const assets = new Map<string, Promise<AdapterAsset>>();
  const assetOf = (request: ComponentRequest): Promise<AdapterAsset> => {
    const key = componentId(root, { ...request, instance: false });
    let asset = assets.get(key);
    if (asset === undefined) {
      const building = buildAsset(request);
      // A failed build is not kept: the next import tries again (after the fix).
      building.catch(() => assets.get(key) === building && assets.delete(key));
      assets.set(key, building);
      asset = building;
    }
    return asset;
  };

  return {
    name: 'witbus',
    enforce: 'pre',
    resolveId(source, importer) {
      // esbuild resolves no path that a plugin's module imports: a component module's transpiled module.
      if (meta.framework === 'esbuild' && transpiledModules.has(source)) return source;
      return resolveImport(source, importer, root) ?? null;
    },
    buildStart() {
      assets.clear();
    },
    loadInclude: (id) => parseId(id, root) !== undefined || (meta.framework === 'esbuild' && transpiledModules.has(id)),
    async load(id) {
      if (meta.framework === 'esbuild' && transpiledModules.has(id)) return readFileSync(id, 'utf8');
      const request = parseId(id, root);
      if (request === undefined) return null;
      const { file: configFile } = await projectConfig();
      if (configFile !== undefined) this.addWatchFile(configFile);
      try {
        // The modules of one contract watch only its files, so a change to another leaves them be.
        if (request.kind === 'interface') {
          const { file, found } = await findInterface(request.name);
          for (const s of found.sources) this.addWatchFile(s);
          return interfaceModule(root, file, found);
        }
        if (request.kind === 'plain') {
          const pkg = await packageOf(request.file);
          const i = pkg.interfaces.find((x) => x.witId === request.witId);
          if (i === undefined) throw new UserError(`error: ${request.file} no longer has ${request.witId}`);
          for (const s of i.sources) this.addWatchFile(s);
          return i[request.role];
        }
        // Watched before generating, so that fixing a broken WIT rebuilds.
        this.addWatchFile(request.file);
        if (request.kind === 'component') {
          const asset = await assetOf(request);
          for (const s of asset.sources) this.addWatchFile(s);
          if (options.declarations !== false)
            writeDeclarations(request.file, await packageOf(request.file), options.declarations, root);
          if (request.instance)
            return componentInstanceModule(asset, componentId(root, { ...request, instance: false }));
          return componentUrlModule(asset, (file) => {
            const path = join(asset.dir, file);
            if (viteServe) return str(`/@fs${path}`);
            // webpack and rspack emit a `new URL(file, import.meta.url)` as an asset themselves.
            if (meta.framework === 'webpack' || meta.framework === 'rspack')
              return `new URL(${str(path)}, import.meta.url).href`;
            const fileName = assetFileName(asset, file);
            const ref = this.emitFile({ type: 'asset', fileName, source: readFileSync(path) });
            // esbuild writes emitted files into `outdir`: beside a bundle written there.
            if (meta.framework === 'esbuild') return `new URL(${str(`./${fileName}`)}, import.meta.url).href`;
            return `import.meta.ROLLUP_FILE_URL_${ref}`;
          });
        }
        const pkg = await packageOf(request.file);
        for (const s of pkg.sources) this.addWatchFile(s);
        if (options.declarations !== false) writeDeclarations(request.file, pkg, options.declarations, root);
        return request.side === 'sender'
          ? senderModule(root, request.file, pkg.interfaces)
          : receiverModule(root, request.file, pkg.interfaces);
      } catch (e) {
        // The rendered message (file:line:col and a code frame) is what the bundler shows.
        if (e instanceof UserError) throw Object.assign(new Error(e.message), { stack: e.message });
        throw e;
      }
    },
    watchChange(id) {
      // A changed file may be one that any component was generated from (or the config).
      assets.clear();
      if (config !== undefined && id === configFileSeen) {
        // The options of every input may have changed.
        config = undefined;
        packages.clear();
        lastGenerated.clear();
      }
      for (const [file, { pkg, changed }] of lastGenerated) {
        if (file !== id && !pkg.sources.includes(id)) continue;
        packages.delete(file);
        changed.add(id);
      }
    },
    // The root is where config and relative ids are; bundlers that have one say it.
    vite: {
      configResolved(resolved) {
        root = resolved.root;
        viteServe = resolved.command === 'serve';
      },
    },
    rolldown: {
      options(input) {
        if (input.cwd !== undefined) root = input.cwd;
      },
    },
    webpack(compiler) {
      root = compiler.context;
    },
    rspack(compiler) {
      root = compiler.context;
    },
  };
});
