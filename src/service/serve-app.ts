/**
 * What `witbus serve` links from a folder written by `witbus build --app`: the app (the one
 * component with no wasmbus interface), the senders exporting what it imports and the receivers
 * importing what it exports, read from each component's manifest. The build writes every
 * contract's adapters; the ones the app does not use are left out.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { readManifest } from '../component/build.ts';
import type { ComponentManifest } from '../component/types.ts';
import { unversioned } from '../host/actor.ts';
import type { ComponentRef } from '../host/host.ts';
import { UserError } from './errors.ts';

export interface AppLinks {
  app: string;
  components: ComponentRef[];
  /** Contract id (`wasmcloud:httpserver`) → the receiver component that takes its messages. */
  receivers: Record<string, string>;
  /** The contracts the senders send on, e.g. `wasmcloud:keyvalue`: each needs a provider. */
  sends: string[];
}

/**
 * `wasmcloud:keyvalue/key-value@0.1.0` → `wasmcloud:keyvalue`, the contract id the bus routes by
 * when the manifest does not record one (a component built by an older witbus).
 */
export const contractOf = (iface: string): string => unversioned(iface).split('/')[0]!;

async function readManifests(dir: string): Promise<{ dir: string; manifest: ComponentManifest }[]> {
  if (!existsSync(dir) || !statSync(dir).isDirectory())
    throw new UserError(`error: ${dir} is not a folder (expected one written by witbus build --app)`);
  const found = [];
  for (const name of readdirSync(dir).sort()) {
    const manifest = statSync(join(dir, name)).isDirectory() ? await readManifest(join(dir, name)) : undefined;
    if (manifest !== undefined) found.push({ dir: join(dir, name), manifest });
  }
  return found;
}

export async function appLinks(dir: string): Promise<AppLinks> {
  const all = await readManifests(dir);
  if (all.length === 0)
    throw new UserError(`error: ${dir} holds no built components (build it with witbus build --app)`);
  const apps = all.filter(
    ({ manifest }) => manifest.wasmbus.sender === undefined && manifest.wasmbus.receiver === undefined,
  );
  if (apps.length !== 1) {
    const found = apps.length === 0 ? 'none' : apps.map((a) => a.manifest.name).join(', ');
    throw new UserError(
      `error: ${dir} must hold exactly one app component (one with no wasmbus interface), found ${found}`,
    );
  }
  const app = apps[0]!.manifest;
  const ref = ({ dir: d, manifest }: { dir: string; manifest: ComponentManifest }): ComponentRef => ({
    name: manifest.name,
    dir: d,
  });

  const senders = app.imports.map((iface) => {
    const exporting = all.filter(
      ({ manifest }) => manifest.wasmbus.sender !== undefined && manifest.exports.some((e) => unversioned(e) === iface),
    );
    if (exporting.length !== 1) {
      const why =
        exporting.length === 0
          ? 'no sender in it exports it'
          : `${exporting.map((s) => s.manifest.name).join(' and ')} both export it`;
      throw new UserError(`error: ${app.name} imports ${iface}, but ${why}`);
    }
    return exporting[0]!;
  });
  const exported = new Set(app.exports.map(unversioned));
  const receivers = all.filter(
    ({ manifest }) =>
      manifest.wasmbus.receiver !== undefined &&
      manifest.imports.some((i) => i !== manifest.wasmbus.sender && exported.has(i)),
  );
  return {
    app: app.name,
    components: [ref(apps[0]!), ...senders.map(ref), ...receivers.map(ref)],
    receivers: Object.fromEntries(
      receivers.flatMap(({ manifest }) =>
        manifest.imports.filter((i) => exported.has(i)).map((i) => [manifest.contract ?? contractOf(i), manifest.name]),
      ),
    ),
    sends: [
      ...new Set(
        senders.flatMap(({ manifest }) => (manifest.contract ? [manifest.contract] : manifest.exports.map(contractOf))),
      ),
    ].sort(),
  };
}
