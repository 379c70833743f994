/**
 * The components of the kvcounter application: the business logic, the keyvalue sender adapter
 * and the httpserver receiver adapter, the last two from witbus's generated code.
 */
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Backend, ComponentSpec } from '../../src/component/types.ts';

export const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** `generated/<package>/<interface>`, as the generator lays contracts out. */
const KEYVALUE_DIR = 'wasmcloud-keyvalue/key-value';
const HTTPSERVER_DIR = 'wasmcloud-httpserver/http-server';

export const KVCOUNTER = 'kvcounter';
export const KEYVALUE_SENDER = 'keyvalue-sender';
export const HTTPSERVER_RECEIVER = 'httpserver-receiver';

export function kvcounterComponents(generatedDir: string, backend: Backend): ComponentSpec[] {
  return [
    {
      name: KVCOUNTER,
      sourcePath: join(REPO_ROOT, 'examples/kvcounter/kvcounter.ts'),
      witPath: join(REPO_ROOT, 'wit'),
      world: 'kvcounter',
      backend,
    },
    {
      name: KEYVALUE_SENDER,
      sourcePath: join(generatedDir, KEYVALUE_DIR, 'sender.ts'),
      witPath: join(generatedDir, KEYVALUE_DIR, 'wit'),
      world: 'sender',
      backend,
    },
    {
      name: HTTPSERVER_RECEIVER,
      sourcePath: join(generatedDir, HTTPSERVER_DIR, 'receiver.ts'),
      witPath: join(generatedDir, HTTPSERVER_DIR, 'wit'),
      world: 'receiver',
      backend,
    },
  ];
}
