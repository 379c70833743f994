/** Where each generated file of a contract goes, relative to the output directory. */
import type { Contract } from '../contract/contract.ts';
import type { PackageId, Resolve } from '../wit/model.ts';

export interface ContractLayout {
  dir: string;
  /** The contract's wasmbus id, which its adapters send or receive on. */
  contractId: string;
  /** The link its sender sends on, when config names one (else the host's `default`). */
  linkName?: string;
  types: string;
  codec: string;
  /** The module specifier of the shared codec runtime, from the contract folder. */
  codecRuntimeImport: string;
  sender: string;
  receiver: string;
  /** Ambient declarations of the WIT modules the adapters import. */
  modules: string;
  /** The adapter worlds' WIT folder, ready for componentize-js. */
  witDir: string;
  worlds: string;
}

/** The codec runtime, copied verbatim once per output folder and shared by every contract's codec. */
export const CODEC_RUNTIME = 'codec-runtime.ts';

/** `wasmcloud-keyvalue/key-value`: one folder per contract interface. */
export function contractLayout(resolve: Resolve, contract: Contract): ContractLayout {
  const iface = resolve.interfaces[contract.interface]!;
  const pkg = iface.package === null ? undefined : resolve.packages[iface.package]!.name;
  const dir = `${pkg ? `${pkg.namespace}-${pkg.name}/` : ''}${iface.name ?? `interface-${contract.interface}`}`;
  return {
    dir,
    contractId: contract.contractId,
    ...(contract.linkName === undefined ? {} : { linkName: contract.linkName }),
    types: `${dir}/types.ts`,
    codec: `${dir}/codec.ts`,
    codecRuntimeImport: `${'../'.repeat(dir.split('/').length)}${CODEC_RUNTIME.replace(/\.ts$/, '.js')}`,
    sender: `${dir}/sender.ts`,
    receiver: `${dir}/receiver.ts`,
    modules: `${dir}/modules.d.ts`,
    witDir: `${dir}/wit`,
    worlds: `${dir}/wit/adapters.wit`,
  };
}

/** `deps/wasmcloud-wasmbus@0.1.0.wit`, relative to the WIT folder. */
export function depFile(resolve: Resolve, pkg: PackageId): string {
  const n = resolve.packages[pkg]!.name;
  return `deps/${n.namespace}-${n.name}${n.version === undefined ? '' : `@${n.version}`}.wit`;
}

/** A module specifier from one generated file to another in the same folder. */
export function siblingSpecifier(path: string): string {
  return `./${path.slice(path.lastIndexOf('/') + 1).replace(/\.ts$/, '.js')}`;
}
