/**
 * Plain JS adapters: a contract's generated sender, receiver and codec compiled into ES modules
 * that run without Wasm. Each module is one esbuild bundle whose WIT imports are wired to
 * functions the app hands over (plain-binding.ts) instead of component imports, so the generated
 * code runs exactly as it does inside a component:
 *
 * - `createSender(send)` returns the typed contract; each call goes out through the app's
 *   `send(msg, contractName, linkName)`;
 * - `createReceiver(impl)` returns `{ receive(msg) }`, which calls the app's implementation.
 *
 * `witbus pack` ships them; anything else that runs generated adapters in plain JS uses
 * `bundleWithWitImports`.
 */
import { build, type Plugin } from 'esbuild';
import { readFileSync } from 'node:fs';
import { extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Contract } from '../contract/contract.ts';
import { interfaceWitId } from '../contract/identity.ts';
import { jsName } from '../naming/index.ts';
import { declarationsOf } from '../pack/declarations.ts';
import type { Resolve } from '../wit/model.ts';
import type { OutputFile } from './output.ts';

/** What the plain modules of one contract need to know about it. */
export interface PlainContract {
  /** `wasmcloud:keyvalue/key-value@0.1.0`: the module the receiver imports the contract from. */
  witId: string;
  /** `wasmcloud:keyvalue`. */
  contractId: string;
  /** `wasmcloud:wasmbus/sender@0.1.0`: the module the sender imports `send` from. */
  senderModule: string;
  /** The sender module's export holding the typed contract (`keyValue`). */
  senderExport: string;
  /** The contract's interface in types.ts (`KeyValue`). */
  interfaceType: string;
  /** The contract's functions as JS names, in WIT order. */
  functions: string[];
}

export function plainContract(resolve: Resolve, c: Contract): PlainContract {
  const iface = resolve.interfaces[c.interface]!;
  return {
    witId: c.witId,
    contractId: c.contractId,
    senderModule: interfaceWitId(resolve, c.bus.sender),
    senderExport: jsName(iface.name ?? c.witId, 'interface-export'),
    interfaceType: jsName(iface.name ?? 'contract', 'interface'),
    functions: c.functions.map((f) => jsName(f.func.name, 'function')),
  };
}

/** The binding module's source: beside this module, TypeScript in the sources, JavaScript in the build. */
const BINDING_FILE = fileURLToPath(
  new URL(`./plain-binding${extname(fileURLToPath(import.meta.url))}`, import.meta.url),
);
const BINDING_SPECIFIER = 'witbus-plain-binding';

/** Anything shaped like a WIT interface id is a component import (as in compile-ts.ts). */
const WIT_SPECIFIER = /^[a-z][a-z0-9-]*:[a-z]/;

/** WIT import specifiers as modules whose functions call the binding in effect; `external` modules stay imports. */
function witImportsPlugin(witImports: Record<string, string[]>, external: Record<string, string>): Plugin {
  return {
    name: 'witbus-plain-imports',
    setup(b) {
      if (Object.keys(external).length > 0) {
        b.onResolve({ filter: /^\.\.?\// }, (args) => {
          const specifier = external[join(args.resolveDir, args.path).replace(/\.[jt]s$/, '')];
          return specifier === undefined ? undefined : { path: specifier, external: true };
        });
      }
      b.onResolve({ filter: new RegExp(`^${BINDING_SPECIFIER}$`) }, () => ({
        path: 'binding',
        namespace: 'witbus-plain',
      }));
      b.onResolve({ filter: WIT_SPECIFIER }, (args) => ({ path: args.path, namespace: 'wit' }));
      b.onLoad({ filter: /.*/, namespace: 'witbus-plain' }, () => ({
        contents: readFileSync(BINDING_FILE, 'utf8'),
        loader: BINDING_FILE.endsWith('.ts') ? 'ts' : 'js',
      }));
      b.onLoad({ filter: /.*/, namespace: 'wit' }, (args) => {
        const names = witImports[args.path];
        if (names === undefined) return { errors: [{ text: `no binding for the WIT import ${args.path}` }] };
        const spec = JSON.stringify(args.path);
        const fns = names.map(
          (n) => `export function ${n}(...args) {\n  return callImport(${spec}, ${JSON.stringify(n)}, args);\n}`,
        );
        return { contents: [`import { callImport } from '${BINDING_SPECIFIER}';`, ...fns].join('\n'), loader: 'js' };
      });
    },
  };
}

/** An entry module: a file, or source text whose relative imports resolve from `resolveDir`. */
export type BundleEntry = { path: string } | { contents: string; resolveDir: string; name: string };

/**
 * Bundles `entry` into one ES module. Each WIT import specifier becomes a module exporting the
 * functions `witImports` lists for it, which call what is bound (`bind`/`withBinding` of the
 * module `witbus-plain-binding`, which the entry may import). Paths in the bundle's comments are
 * relative to the entry's folder, so the text does not depend on where the sources are.
 * `external` keeps modules out of the bundle: their path without extension → the specifier the
 * bundle imports them by.
 */
export async function bundleWithWitImports(
  entry: BundleEntry,
  witImports: Record<string, string[]>,
  external: Record<string, string> = {},
): Promise<string> {
  const dir = 'path' in entry ? join(entry.path, '..') : entry.resolveDir;
  const result = await build({
    ...('path' in entry
      ? { entryPoints: [entry.path] }
      : {
          stdin: {
            contents: entry.contents,
            resolveDir: entry.resolveDir,
            sourcefile: entry.name,
            loader: 'js' as const,
          },
        }),
    absWorkingDir: dir,
    bundle: true,
    format: 'esm',
    target: 'es2022',
    platform: 'neutral',
    write: false,
    legalComments: 'none',
    logLevel: 'silent',
    plugins: [witImportsPlugin(witImports, external)],
  });
  return result.outputFiles[0]!.text;
}

function senderEntry(c: PlainContract): string {
  return `import { asImport, withBinding } from '${BINDING_SPECIFIER}';
import { ${c.senderExport} as contract } from './sender.js';

/** The typed contract; each call is sent through \`send(msg, contractName, linkName)\`. */
export function createSender(send) {
  if (typeof send !== 'function') throw new TypeError('createSender(send): send must be a function (msg, contractName, linkName) => Uint8Array');
  const binding = { ${JSON.stringify(c.senderModule)}: { send: asImport(send) } };
  const sender = {};
  for (const [name, call] of Object.entries(contract)) sender[name] = (...args) => withBinding(binding, () => call(...args));
  return Object.freeze(sender);
}
`;
}

/** The entry of a receiver module, bundled from the folder of the contract's generated files. */
export function receiverEntry(c: PlainContract): string {
  return `import { asImport, withBinding } from '${BINDING_SPECIFIER}';
import { receiver } from './receiver.js';

const FUNCTIONS = ${JSON.stringify(c.functions)};

/**
 * Decodes wasmbus messages, calls \`impl\`, and encodes its results. An implementation answering
 * with a promise gets a promise of the reply; a synchronous one, the reply itself.
 */
export function createReceiver(impl) {
  const missing = FUNCTIONS.filter((f) => typeof impl?.[f] !== 'function');
  if (missing.length > 0) throw new TypeError(\`createReceiver(impl): impl has no function \${missing.join(', ')}\`);
  const binding = { ${JSON.stringify(c.witId)}: Object.fromEntries(FUNCTIONS.map((f) => [f, asImport((...args) => impl[f](...args))])) };
  return Object.freeze({ receive: (msg) => withBinding(binding, () => receiver.receive(msg)) });
}
`;
}

function indexModule(c: PlainContract): string {
  return `export { createSender } from './sender.js';
export { createReceiver } from './receiver.js';
export const contractId = ${JSON.stringify(c.contractId)};
export const witId = ${JSON.stringify(c.witId)};
`;
}

function indexDeclarations(c: PlainContract): string {
  return `import type { ${c.interfaceType} } from './types.js';
export * from './types.js';

/** A wasmbus message: the method (\`Service.Operation\`) and its JSON payload. */
export interface Message {
  method: string;
  arg: Uint8Array;
}

/** Delivers a message to the contract's receiver: returns the reply's payload, or throws the rpc-error. */
export type Send = (msg: Message, contractName: string, linkName: string | undefined) => Uint8Array;

/** A receiver: decodes a message, calls the implementation, and returns the encoded result (or throws the rpc-error). */
export interface Receiver {
  receive(msg: Message): Uint8Array;
}

/** An implementation whose functions may answer with promises. */
export type Awaitable<T> = {
  [K in keyof T]: T[K] extends (...args: infer A) => infer R ? (...args: A) => R | PromiseLike<R> : T[K];
};

/** The receiver of an implementation answering with promises: \`receive\` answers with one when the function called did. */
export interface AsyncReceiver {
  receive(msg: Message): Uint8Array | Promise<Uint8Array>;
}

/** The contract id on wasmbus. */
export declare const contractId: ${JSON.stringify(c.contractId)};
/** The WIT interface. */
export declare const witId: ${JSON.stringify(c.witId)};

/** The typed contract: each call becomes a message to \`send\`; a failed call throws its rpc-error as a plain value. */
export declare function createSender(send: Send): ${c.interfaceType};

/** A receiver calling \`impl\`; what \`impl\` throws goes back as the call's error. */
export declare function createReceiver(impl: ${c.interfaceType}): Receiver;
export declare function createReceiver(impl: Awaitable<${c.interfaceType}>): AsyncReceiver;
`;
}

/**
 * The plain modules of one contract, from the folder its generated files were written to:
 * `index.js` (the factories), `sender.js`, `receiver.js`, `codec.js`, and their declarations.
 */
export async function plainAdapterFiles(contractDir: string, c: PlainContract): Promise<OutputFile[]> {
  const entry = (name: string, contents: string): BundleEntry => ({ contents, resolveDir: contractDir, name });
  const [sender, receiver, codec] = await Promise.all([
    bundleWithWitImports(entry('sender.entry.js', senderEntry(c)), { [c.senderModule]: ['send'] }),
    bundleWithWitImports(entry('receiver.entry.js', receiverEntry(c)), { [c.witId]: c.functions }),
    bundleWithWitImports({ path: join(contractDir, 'codec.ts') }, {}),
  ]);
  return [
    { path: 'codec.d.ts', content: declarationsOf(readFileSync(join(contractDir, 'codec.ts'), 'utf8')) },
    { path: 'codec.js', content: codec },
    { path: 'index.d.ts', content: indexDeclarations(c) },
    { path: 'index.js', content: indexModule(c) },
    { path: 'receiver.js', content: receiver },
    { path: 'sender.js', content: sender },
    // types.ts holds only type declarations, which a declaration file takes as they are.
    { path: 'types.d.ts', content: readFileSync(join(contractDir, 'types.ts'), 'utf8') },
  ];
}
