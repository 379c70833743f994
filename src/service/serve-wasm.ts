/**
 * What `witbus serve <file.wasm>` links: one component that holds the app and its adapters, as
 * `witbus build --compose` or `--fuse` writes it. The host loads a transpiled folder with a
 * manifest; the folder that build writes beside the file is used when it holds this very binary,
 * and any other binary is transpiled once into a folder under the OS temp folder, kept by its
 * content hash.
 *
 * Its wasmbus interfaces are found by shape: the sender is the import exporting
 * `send(msg, contract-name: string, link-name: option<string>) -> result<_, _>`, and the receiver
 * the one export of that same package (as `wasmcloud:wasmbus` and the seed's own package lay them
 * out). A binary's exports carry no types that can be read here, so the sender's package is what
 * tells the receiver apart, and a component with no sender import is refused.
 */
import { createHash } from 'node:crypto';
import { existsSync, lstatSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { readManifest, writeBinaryComponent } from '../component/build.ts';
import type { ComponentManifest, WasmbusInterfaces } from '../component/types.ts';
import { ComposeError } from '../compose/errors.ts';
import type { ImportType, ValType } from '../compose/model.ts';
import { readInterface, type ComponentInterface } from '../compose/read.ts';
import { unversioned } from '../host/actor.ts';
import { HTTPSERVER_CONTRACT } from '../host/providers/httpserver.ts';
import { UserError } from './errors.ts';
import { contractOf, type AppLinks } from './serve-app.ts';

const STRING = 0x73;
const isString = (t: ValType): boolean => t.kind === 'prim' && t.code === STRING;

/** `send: func(msg: message, contract-name: string, link-name: option<string>) -> result<payload, rpc-error>`. */
function isSender(type: ImportType): boolean {
  if (type.sort !== 'instance') return false;
  const send = type.exports.get('send');
  if (send?.sort !== 'func') return false;
  const [msg, contract, link] = send.type.params.map(([, t]) => t);
  return (
    send.type.params.length === 3 &&
    msg !== undefined &&
    (msg.kind === 'named' || msg.kind === 'record') &&
    contract !== undefined &&
    isString(contract) &&
    link?.kind === 'option' &&
    isString(link.of) &&
    send.type.result?.kind === 'result'
  );
}

/** `ns:pkg/name@1.0.0` → `ns:pkg`. */
const packageOf = contractOf;

/** The component's wasmbus sender import and receiver export, found by shape (see above). */
function wasmbusByShape(file: string, iface: ComponentInterface): WasmbusInterfaces {
  const senders = iface.imports.filter((i) => isSender(i.type)).map((i) => unversioned(i.name));
  if (senders.length > 1) throw new UserError(`error: ${file} imports several wasmbus senders: ${senders.join(', ')}`);
  const sender = senders[0];
  if (sender === undefined) {
    throw new UserError(
      `error: ${file} imports no wasmbus sender (send: func(msg, contract-name: string, link-name: option<string>)), ` +
        'so its wasmbus receiver cannot be told apart: serve the folder witbus build --app wrote instead',
    );
  }
  const receivers = iface.exports
    .filter((e) => e.sort === 'instance' && packageOf(e.name) === packageOf(sender) && unversioned(e.name) !== sender)
    .map((e) => e.name);
  if (receivers.length !== 1) {
    const found = receivers.length === 0 ? 'none' : receivers.join(', ');
    throw new UserError(`error: ${file} must export one wasmbus receiver from ${packageOf(sender)}, found ${found}`);
  }
  return { sender, receiver: unversioned(receivers[0]!) };
}

/**
 * This user's transpile cache under the OS temp folder. The code in it is run, and its folders are
 * found by a hash anyone can compute, so it must be this user's alone: created 0700, and refused
 * when it is a link, someone else's, or open to others.
 */
function privateCache(): string {
  const uid = process.getuid?.();
  const dir = join(tmpdir(), uid === undefined ? 'witbus-serve' : `witbus-serve-${uid}`);
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const st = lstatSync(dir);
  if (!st.isDirectory() || (uid !== undefined && (st.uid !== uid || (st.mode & 0o077) !== 0)))
    throw new UserError(
      `error: ${dir} is not a private folder of this user: remove it, or serve the folder witbus build wrote`,
    );
  return dir;
}

/** The folder `witbus build` wrote beside `file` for this same binary, if there is one. */
async function folderBeside(file: string, bytes: Uint8Array): Promise<ComponentManifest | undefined> {
  const dir = join(dirname(file), basename(file, '.wasm'));
  const manifest = await readManifest(dir).catch(() => undefined);
  const built = manifest === undefined ? undefined : join(dir, manifest.component);
  if (built === undefined || !existsSync(built) || statSync(built).size !== bytes.byteLength) return undefined;
  return Buffer.compare(readFileSync(built), bytes) === 0 ? manifest : undefined;
}

export async function wasmAppLinks(file: string): Promise<AppLinks> {
  if (!existsSync(file) || !statSync(file).isFile()) throw new UserError(`error: ${file} is not a file`);
  const bytes = new Uint8Array(readFileSync(file));
  let iface: ComponentInterface;
  try {
    iface = readInterface(bytes);
  } catch (e) {
    if (e instanceof ComposeError) throw new UserError(`error: ${file}: ${e.message}`, { cause: e });
    throw e;
  }
  const wasmbus = wasmbusByShape(file, iface);
  const name = basename(file, '.wasm');
  const beside = await folderBeside(file, bytes);
  let dir: string;
  if (beside !== undefined) dir = join(dirname(file), basename(file, '.wasm'));
  else {
    const key = createHash('sha256').update(bytes).digest('hex');
    const cache = privateCache();
    // jco writes ES modules as .js: outside any package, Node would read them as CommonJS.
    if (!existsSync(join(cache, 'package.json'))) writeFileSync(join(cache, 'package.json'), '{ "type": "module" }\n');
    const root = join(cache, key.slice(0, 32));
    // A binary does not say which engine built it; the host does not need to know.
    await writeBinaryComponent(root, bytes, { name, world: 'root', backend: 'sm', key, wasmbus });
    dir = join(root, name);
  }
  return {
    app: name,
    components: [{ name, dir }],
    receivers: { [HTTPSERVER_CONTRACT]: name },
    // The contracts it sends on are inside the binary, out of sight: none can be reported unserved.
    sends: [],
  };
}
