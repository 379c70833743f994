/**
 * Adapter components from installed contract packages (the ones `witbus pack` writes): their
 * package.json's `"witbus"` field names the contract they pack and, per backend and role, the
 * folder of the built component. `build --app` takes the adapters of the contracts its WIT found in
 * node_modules from there instead of building them, and `compose` takes them by npm name.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { readManifest } from '../component/build.ts';
import type { Backend, ComponentManifest } from '../component/types.ts';
import { interfaceWitId } from '../contract/identity.ts';
import { unversioned } from '../host/actor.ts';
import type { AdapterRole } from '../naming/index.ts';
import { installedPackages, nodeModulesDirs } from '../node/node-modules.ts';
import { printWit } from '../wit/print/index.ts';
import type { InterfaceId, Resolve, World, WorldEntry } from '../wit/model.ts';
import { UserError } from './errors.ts';
import { loadWitPackage } from './wit.ts';

/** An installed package whose `"witbus"` field packs a contract. */
export interface ContractPackage {
  npm: string;
  version: string;
  dir: string;
  /** The interface it packs, versioned: `wasmcloud:keyvalue/key-value@0.1.0`. */
  contract: string;
  /** The package's WIT folder. */
  wit: string;
  /** Backend → role → component folder, relative to `dir`. */
  components: Partial<Record<Backend, Partial<Record<AdapterRole, string>>>>;
}

/** One adapter component taken from a contract package. */
export interface InstalledAdapter {
  from: ContractPackage;
  role: AdapterRole;
  /** The component folder inside the package. */
  dir: string;
  manifest: ComponentManifest;
}

/** `@wasmcloud/keyvalue-key-value 0.1.0`: how messages name a package. */
export const packageLabel = (p: Pick<ContractPackage, 'npm' | 'version'>): string => `${p.npm} ${p.version}`;

/** The contract package in `dir`, or undefined when its package.json packs no contract. */
function readContractPackage(npm: string, dir: string): ContractPackage | undefined {
  let manifest: { version?: unknown; witbus?: { contract?: unknown; wit?: unknown; components?: unknown } };
  try {
    manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as typeof manifest;
  } catch {
    return undefined;
  }
  const field = manifest.witbus;
  if (typeof field?.contract !== 'string' || typeof field.components !== 'object' || field.components === null)
    return undefined;
  return {
    npm,
    version: String(manifest.version),
    dir,
    contract: field.contract,
    wit: join(dir, typeof field.wit === 'string' ? field.wit : 'wit'),
    components: field.components as ContractPackage['components'],
  };
}

/**
 * Every installed contract package Node's resolution would reach from `fromDir`, nearest first; a
 * nearer install of a name hides the ones further up, as it does for `import`.
 */
function installedContractPackages(fromDir: string): ContractPackage[] {
  const seen = new Set<string>();
  return nodeModulesDirs(fromDir).flatMap((nodeModules) =>
    installedPackages(nodeModules).flatMap(({ npm, dir }) => {
      if (seen.has(npm)) return [];
      seen.add(npm);
      return readContractPackage(npm, dir) ?? [];
    }),
  );
}

/** The contract package `npm` names, resolved from `fromDir` as Node resolves it; undefined if not installed. */
export function contractPackageNamed(npm: string, fromDir: string): ContractPackage | undefined {
  let manifestPath: string;
  try {
    manifestPath = createRequire(join(fromDir, 'noop.js')).resolve(`${npm}/package.json`);
  } catch {
    return undefined;
  }
  const found = readContractPackage(npm, join(manifestPath, '..'));
  if (found === undefined)
    throw new UserError(
      `error: the installed package ${npm} is not a contract package (its package.json has no "witbus" components)`,
    );
  return found;
}

/** The backends a package has components for, in its own order. */
export const packageBackends = (p: ContractPackage): Backend[] => Object.keys(p.components) as Backend[];

/**
 * The package's `role` component for `backend`, checked against its manifest: built for that
 * engine, and the sender exporting (the receiver importing) the contract the package packs.
 */
export async function packagedAdapter(
  p: ContractPackage,
  backend: Backend,
  role: AdapterRole,
): Promise<InstalledAdapter> {
  const path = p.components[backend]?.[role];
  if (path === undefined) {
    throw new UserError(
      `error: ${packageLabel(p)} has no ${role} component for the ${backend} backend (it has ${packageBackends(p).join(', ') || 'none'}): pack it with --backend ${backend}, or use --backend ${packageBackends(p)[0] ?? backend}`,
    );
  }
  const dir = join(p.dir, path);
  const manifest = await readManifest(dir);
  const problem =
    manifest === undefined
      ? `its ${path} holds no component folder`
      : manifest.backend !== backend
        ? `its ${path} was built for ${manifest.backend}`
        : role === 'sender' && (manifest.wasmbus.sender === undefined || !manifest.exports.includes(p.contract))
          ? `its ${path} does not export ${p.contract} to a wasmbus sender`
          : role === 'receiver' &&
              (manifest.wasmbus.receiver === undefined || !manifest.imports.includes(unversioned(p.contract)))
            ? `its ${path} does not take ${p.contract} from a wasmbus receiver`
            : undefined;
  if (problem !== undefined) throw new UserError(`error: ${packageLabel(p)} is damaged: ${problem}; install it again`);
  return { from: p, role, dir, manifest: manifest! };
}

/** Whether the package's WIT defines the contract's package exactly as `resolve` has it. */
async function sameWit(p: ContractPackage, resolve: Resolve, iface: InterfaceId): Promise<boolean> {
  const own = await loadWitPackage(p.wit, { nodeModules: false });
  return printWit(resolve, resolve.interfaces[iface]!.package!) === printWit(own.resolve, own.packages[0]!);
}

/**
 * The installed adapters an app's world needs: for each named interface it imports (a sender) or
 * exports (a receiver) that is not one of `ownContracts` (the input's, which the build makes), the
 * component of the contract package that packs it, if one is installed. The package must pack that
 * very interface and version, with the WIT the app was resolved against: anything else is an error
 * naming the package, not a silent fallback, since witbus builds adapters only from its input.
 */
export async function appAdapters(
  resolve: Resolve,
  world: World,
  ownContracts: Set<string>,
  backend: Backend,
  fromDir: string,
): Promise<InstalledAdapter[]> {
  let installed: ContractPackage[] | undefined;
  const found: InstalledAdapter[] = [];
  const sides: [Map<string, WorldEntry>, AdapterRole][] = [
    [world.imports, 'sender'],
    [world.exports, 'receiver'],
  ];
  for (const [entries, role] of sides) {
    for (const { item } of entries.values()) {
      if (item.kind !== 'interface' || resolve.interfaces[item.id]!.name === null) continue;
      const witId = interfaceWitId(resolve, item.id);
      if (ownContracts.has(witId)) continue;
      installed ??= installedContractPackages(fromDir);
      const same = installed.filter((p) => unversioned(p.contract) === unversioned(witId));
      const p = same.find((q) => q.contract === witId);
      if (p === undefined) {
        if (same.length === 0) continue;
        throw new UserError(
          `error: world ${world.name} uses ${witId}, but the installed ${same.map(packageLabel).join(', ')} packs ${same[0]!.contract}`,
        );
      }
      if (!(await sameWit(p, resolve, item.id))) {
        throw new UserError(
          `error: ${packageLabel(p)} packs ${witId} from other WIT than world ${world.name} was resolved against: install the package that provides its WIT, or pack it again`,
        );
      }
      found.push(await packagedAdapter(p, backend, role));
    }
  }
  return found;
}
