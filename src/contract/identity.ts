/** How interfaces are named in WIT import specifiers and in config keys. */
import type { InterfaceId, Resolve } from '../wit/model.ts';

/** `ns:pkg/iface@1.0.0`: the specifier componentize-js and jco use for an interface. */
export function interfaceWitId(resolve: Resolve, id: InterfaceId): string {
  const iface = resolve.interfaces[id]!;
  const name = iface.name ?? `interface-${id}`;
  if (iface.package === null) return name;
  const pkg = resolve.packages[iface.package]!.name;
  const base = `${pkg.namespace}:${pkg.name}/${name}`;
  return pkg.version === undefined ? base : `${base}@${pkg.version}`;
}

/** The keys a config may use for an interface, most specific first. */
export function interfaceKeys(resolve: Resolve, id: InterfaceId): string[] {
  const iface = resolve.interfaces[id]!;
  const name = iface.name ?? `interface-${id}`;
  if (iface.package === null) return [name];
  const pkg = resolve.packages[iface.package]!.name;
  const full = interfaceWitId(resolve, id);
  const unversioned = `${pkg.namespace}:${pkg.name}/${name}`;
  return [...new Set([full, unversioned, name])];
}

/** `ns:pkg`: the default contract id of every interface in a package. */
export function packageContractId(resolve: Resolve, id: InterfaceId): string | undefined {
  const pkg = resolve.interfaces[id]!.package;
  if (pkg === null) return undefined;
  const name = resolve.packages[pkg]!.name;
  return `${name.namespace}:${name.name}`;
}
