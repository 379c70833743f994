/** The components a generation yields, under the one naming scheme every face of witbus uses. */
import { basename, join } from 'node:path';
import type { Backend, ComponentSpec } from '../component/types.ts';
import { adapterComponentName, type AdapterRole } from '../naming/index.ts';
import type { TargetOutput } from './generate.ts';

const ROLES: AdapterRole[] = ['sender', 'receiver'];

/** Every contract's sender and receiver, built from a generation written into `generatedDir`. */
export function adapterComponents(output: TargetOutput, generatedDir: string, backend: Backend): ComponentSpec[] {
  return output.adapters.flatMap((a) =>
    ROLES.map((role) => ({
      name: adapterComponentName(a.dir, role),
      sourcePath: join(generatedDir, a[role]),
      witPath: join(generatedDir, a.witDir),
      world: role,
      backend,
      contractId: a.contractId,
      ...(role === 'sender' && a.linkName !== undefined ? { linkName: a.linkName } : {}),
    })),
  );
}

/** The business logic's component: named after its file, for its world in `witPath`. */
export function appComponent(sourcePath: string, witPath: string, backend: Backend, world?: string): ComponentSpec {
  const name = basename(sourcePath).replace(/\.[cm]?[jt]s$/, '');
  return { name, sourcePath, witPath, world: world ?? name, backend };
}
