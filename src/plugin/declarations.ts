/**
 * The `.d.ts` files the plugin writes for an imported WIT file, so that `tsc` and editors type
 * the imports with no bundler running (see declarationsFor). Import specifiers with `?receiver`
 * or a `virtual:` scheme cannot be typed by a file beside them, hence ambient modules for those.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import type { PlainInterface, PlainPackage } from './plain-package.ts';

const str = JSON.stringify;
const indent = (text: string) => text.trimEnd().replace(/^(?=.)/gm, '  ');
const virtualId = (i: PlainInterface) => `virtual:witbus/${i.witId.replace(/@[^@]*$/, '')}`;

function interfaceDeclarations(i: PlainInterface): string {
  const body = `${i.types.replace(/^\/\/ @generated[^\n]*\n/, '')}
/** A wasmbus message: the method (\`Service.Operation\`) and its JSON payload. */
export interface Message {
  method: string;
  arg: Uint8Array;
}
/** Delivers a message to the contract's receiver: returns the reply's payload, or throws the rpc-error. */
export type Send = (msg: Message, contractName: string, linkName: string | undefined) => Uint8Array;
/** A receiver: decodes a message, calls the implementation, and returns the encoded result (or throws the rpc-error). */
export interface Receiver {
  readonly contractId: ${str(i.contractId)};
  receive(msg: Message): Uint8Array;
}
/** An implementation whose functions may answer with promises. */
export type Awaitable<T> = {
  [K in keyof T]: T[K] extends (...args: infer A) => infer R ? (...args: A) => R | PromiseLike<R> : T[K];
};
/** The receiver of an implementation answering with promises: \`receive\` answers with one when the function called did. */
export interface AsyncReceiver {
  readonly contractId: ${str(i.contractId)};
  receive(msg: Message): Uint8Array | Promise<Uint8Array>;
}
export const contractId: ${str(i.contractId)};
export const witId: ${str(i.witId)};
/** The typed contract: each call becomes a message to \`send\`; a failed call throws its rpc-error as a plain value. */
export function createSender(send: Send): ${i.interfaceType};
/** A receiver calling \`impl\`; what \`impl\` throws goes back as the call's error. */
export function createReceiver(impl: ${i.interfaceType}): Receiver;
export function createReceiver(impl: Awaitable<${i.interfaceType}>): AsyncReceiver;
`;
  return `declare module ${str(virtualId(i))} {\n${indent(body)}\n}\n`;
}

const imports = (i: PlainInterface, indent: string) =>
  `${indent}import type { ${i.interfaceType} as ${i.senderExport}Type, Receiver as ${i.senderExport}Receiver, AsyncReceiver as ${i.senderExport}AsyncReceiver, Awaitable as ${i.senderExport}Awaitable, Send as ${i.senderExport}Send } from ${str(virtualId(i))};`;

/** The sender form's exports, indented for an ambient module or not for a module file. */
function senderDeclarations(pkg: PlainPackage, indent: string): string {
  return pkg.interfaces
    .map(
      (i) =>
        `${imports(i, indent)}\n${indent}export function ${i.senderExport}(send: ${i.senderExport}Send): ${i.senderExport}Type;`,
    )
    .join('\n');
}

function receiverDeclarations(pkg: PlainPackage): string {
  const lines = pkg.interfaces.map(
    (i) =>
      `${imports(i, '  ')}\n  export function ${i.senderExport}(impl: ${i.senderExport}Type): ${i.senderExport}Receiver;\n  export function ${i.senderExport}(impl: ${i.senderExport}Awaitable<${i.senderExport}Type>): ${i.senderExport}AsyncReceiver;`,
  );
  if (pkg.interfaces.length === 1) lines.push(`  export const receiver: typeof ${pkg.interfaces[0]!.senderExport};`);
  return lines.join('\n');
}

const interfaceName = (i: PlainInterface) => i.witId.replace(/@[^@]*$/, '').replace(/^[^/]*\//, '');

/**
 * The `?component=` forms (component-assets.ts), for each role with and without `&instance`: with
 * `&interface=<name>` for each contract, and without when there is one. The sender's instance is
 * typed by its contract; the receiver's imports and exports are as jco names them.
 */
function componentDeclarations(name: string, pkg: PlainPackage): string[] {
  const forms = pkg.interfaces.flatMap((i) => [
    ...(pkg.interfaces.length === 1 ? [{ query: '', i }] : []),
    { query: `&interface=${interfaceName(i)}`, i },
  ]);
  return forms.flatMap(({ query, i }) =>
    (['sender', 'receiver'] as const).flatMap((role) => {
      const id = `*/${name}?component=${role}${query}`;
      const assets = `declare module ${str(id)} {
  /** The URL of the component binary. */
  const component: string;
  export default component;
  /** The URL of its jco-transpiled ES module, and of that module's core modules by file name. */
  export const transpiled: string;
  export const coreModules: Record<string, string>;
}
`;
      const instance =
        role === 'sender'
          ? `  import type { ${i.interfaceType}, Send } from ${str(virtualId(i))};
  /** The component's exports: the contract, whose calls go out through \`send\`. */
  export function instantiate(imports: { ${str(i.senderModule.replace(/@[^@]*$/, ''))}: { send: Send } }): Promise<{ ${str(i.witId)}: ${i.interfaceType} }>;`
          : `  /** The component's exports (\`wasmcloud:wasmbus/receiver@...\`), given its imports as jco names them: the contract's implementation. */
  export function instantiate(imports: Record<string, object>): Promise<Record<string, object>>;`;
      return [assets, `declare module ${str(`${id}&instance`)} {\n${instance}\n}\n`];
    }),
  );
}

export interface DeclarationFile {
  path: string;
  text: string;
}

/**
 * The declaration files of the WIT `file`, beside it or in `folder` (relative to `root`):
 * `keyvalue.wit.d.ts`, a module, which TypeScript finds for `./keyvalue.wit` itself, and
 * `keyvalue.wit.modules.d.ts`, the ambient modules (which a project includes, as any `.d.ts`):
 * the `virtual:` ids, `?receiver`, `?component=`, and the sender form again for a file that is not
 * beside the WIT.
 */
export function declarationsFor(
  file: string,
  pkg: PlainPackage,
  folder: string | undefined,
  root: string,
): DeclarationFile[] {
  const name = basename(file);
  const dir = folder === undefined ? dirname(file) : resolve(root, folder);
  const header = `// @generated by witbus's bundler plugin from ${name}. DO NOT EDIT: it is rewritten on each build.\n`;
  const ambient = [
    header,
    ...pkg.interfaces.map(interfaceDeclarations),
    `declare module ${str(`*/${name}`)} {\n${senderDeclarations(pkg, '  ')}\n}\n`,
    `declare module ${str(`*/${name}?receiver`)} {\n${receiverDeclarations(pkg)}\n}\n`,
    ...componentDeclarations(name, pkg),
  ].join('\n');
  return [
    { path: join(dir, `${name}.d.ts`), text: `${header}${senderDeclarations(pkg, '')}\n` },
    { path: join(dir, `${name}.modules.d.ts`), text: ambient },
  ];
}

/** Writes the declarations, unless they are there already (a rewrite would wake watchers for nothing). */
export function writeDeclarations(file: string, pkg: PlainPackage, folder: string | undefined, root: string): void {
  for (const { path, text } of declarationsFor(file, pkg, folder, root)) {
    if (existsSync(path) && readFileSync(path, 'utf8') === text) continue;
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, text);
  }
}
