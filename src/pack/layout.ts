/**
 * The layout of one packed contract's npm package folder, from what the earlier stages produced:
 * pure, so every file's content is decided here and the service only writes it.
 *
 * ```text
 * package.json  README.md  node.js  node.d.ts  modules.d.ts (the WIT modules, for business logic)
 * plain/        index.js (createSender, createReceiver), sender.js, receiver.js, codec.js, *.d.ts
 * wit/          <package>.wit, deps/<ns>-<name>@<version>.wit
 * components/   <backend>/<role>/: the built component folders (copied, not text)
 * ```
 */
import type { Backend } from '../component/types.ts';
import type { Contract } from '../contract/contract.ts';
import type { AdapterRole } from '../naming/index.ts';
import type { OutputFile } from '../service/output.ts';
import type { Resolve } from '../wit/model.ts';
import { componentPath, nodeDeclarations, nodeModule, packageManifest, packageName, packageVersion, PackInputError } from './manifest.ts';
import { packReadme } from './readme.ts';
import { witFolder } from './wit-folder.ts';

export interface PackRequest {
  resolve: Resolve;
  contract: Contract;
  nameTemplate: string;
  /** Overrides the WIT package's version. */
  version: string | undefined;
  backends: Backend[];
}

export interface PackedComponent {
  backend: Backend;
  role: AdapterRole;
  /** The folder inside the package. */
  path: string;
}

export interface PackagePlan {
  /** The npm name and the folder it is written to (`@wasmcloud/keyvalue-key-value` → `wasmcloud-keyvalue-key-value`). */
  name: string;
  folder: string;
  version: string;
  /** Every text file but the plain adapters (which go under `plain/`). */
  files: OutputFile[];
  components: PackedComponent[];
}

const ROLES: AdapterRole[] = ['receiver', 'sender'];

export function planPackage(request: PackRequest): PackagePlan {
  const { resolve, contract: c } = request;
  const iface = resolve.interfaces[c.interface]!;
  if (iface.package === null || iface.name === null) throw new PackInputError(`${c.witId} is not a named interface of a package: only those can be packed`);
  const pkg = resolve.packages[iface.package]!;
  const name = packageName(request.nameTemplate, { namespace: pkg.name.namespace, package: pkg.name.name, interface: iface.name });
  const version = packageVersion(c.witId, pkg.name.version, request.version);
  const firstDocLine = (iface.docs.contents ?? pkg.docs.contents ?? '').trim().split('\n')[0]!;
  const description = firstDocLine === '' ? `The ${c.witId} wasmbus contract` : firstDocLine;
  const manifest = { name, version, description, witId: c.witId, contractId: c.contractId, backends: request.backends };
  const files: OutputFile[] = [
    { path: 'README.md', content: packReadme({ resolve, contract: c, name, backends: request.backends }) },
    { path: 'node.d.ts', content: nodeDeclarations(manifest) },
    { path: 'node.js', content: nodeModule(manifest) },
    { path: 'package.json', content: packageManifest(manifest) },
    ...witFolder(resolve, iface.package).map((f) => ({ ...f, path: `wit/${f.path}` })),
  ];
  return {
    name,
    folder: name.replace(/^@/, '').replace('/', '-'),
    version,
    files,
    components: request.backends.flatMap((backend) => ROLES.map((role) => ({ backend, role, path: componentPath(backend, role) }))),
  };
}
