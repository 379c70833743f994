/**
 * Which of a component's imports is the wasmbus sender and which export the receiver, found by
 * shape in its world (as the contract model finds them), so that a host can link components built
 * from any package's bus interfaces: `wasmcloud:wasmbus`, or the seed's own `wasmbus-sender`.
 */
import { wasmbusRole } from '../contract/bus.ts';
import { loadWitFromDisk } from '../node/wit-fs.ts';
import type { InterfaceId, Resolve } from '../wit/index.ts';
import type { WasmbusInterfaces } from './types.ts';

/** `ns:pkg/name`, without the version: how jco keys imports and the host compares interfaces. */
function unversionedId(resolve: Resolve, id: InterfaceId): string | undefined {
  const iface = resolve.interfaces[id]!;
  if (iface.package === null || iface.name === null) return undefined;
  const pkg = resolve.packages[iface.package]!.name;
  return `${pkg.namespace}:${pkg.name}/${iface.name}`;
}

export async function wasmbusInterfaces(witPath: string, worldName: string): Promise<WasmbusInterfaces> {
  const { resolve, packages } = await loadWitFromDisk(witPath);
  const world = resolve.worlds.find((w) => w.name === worldName && w.package === packages[0]);
  if (world === undefined) return {};
  const found: WasmbusInterfaces = {};
  for (const [entries, role] of [
    [world.imports, 'sender'],
    [world.exports, 'receiver'],
  ] as const) {
    for (const entry of entries.values()) {
      if (entry.item.kind !== 'interface' || wasmbusRole(resolve, entry.item.id) !== role) continue;
      const id = unversionedId(resolve, entry.item.id);
      if (id !== undefined) found[role] = id;
    }
  }
  return found;
}
