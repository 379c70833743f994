/**
 * Worlds for the modules of the wasmCloud proof of concept. The 2022 dialect had no worlds: which
 * interface a module imported and which it exported was only said by wit-bindgen macros in its
 * Rust code. The seed's pattern, for every contract interface C (one with functions, other than
 * the wasmbus ones):
 *
 * - `C-receiver` imports C and exports `wasmbus-receiver` (the httpserver receiver: the host
 *   delivers a lattice message, the module decodes it and calls C);
 * - `C-sender` imports `wasmbus-sender` and exports C (the keyvalue sender: a call to C is
 *   encoded as a message and sent);
 *
 * and `host-sender` exports `wasmbus-sender` (the module that hands messages to the host).
 * Worlds that need a wasmbus interface the package lacks are left out.
 */
import type { AstItem, Docs, Id, PackageFile, Span, World, WorldItem } from '../syntax/ast.ts';

export const RECEIVER_INTERFACE = 'wasmbus-receiver';
export const SENDER_INTERFACE = 'wasmbus-sender';

/** The package with the seed's worlds appended after its interfaces. */
export function withSeedWorlds(pkg: PackageFile): PackageFile {
  const ifaces = new Map<string, Id>();
  const contracts: Id[] = [];
  for (const item of pkg.items) {
    if (item.kind !== 'interface') continue;
    const { name, items } = item.interface;
    ifaces.set(name.name, name);
    const isWasmbus = name.name === RECEIVER_INTERFACE || name.name === SENDER_INTERFACE;
    if (!isWasmbus && items.some((i) => i.kind === 'func')) contracts.push(name);
  }
  const receiver = ifaces.get(RECEIVER_INTERFACE);
  const sender = ifaces.get(SENDER_INTERFACE);
  const worlds: World[] = [];
  for (const contract of contracts) {
    const c = contract.name;
    if (receiver) {
      worlds.push(
        world(`${c}-receiver`, contract.span, [
          `/// Receives wasmbus messages for \`${c}\` from the host and calls \`${c}\`.`,
        ], [contract], [receiver]),
      );
    }
    if (sender) {
      worlds.push(
        world(`${c}-sender`, contract.span, [
          `/// Implements \`${c}\` by sending each call as a wasmbus message.`,
        ], [sender], [contract]),
      );
    }
  }
  if (sender) {
    worlds.push(
      world('host-sender', sender.span, ['/// Hands wasmbus messages to the host.'], [], [sender]),
    );
  }
  const items: AstItem[] = [...pkg.items, ...worlds.map((w): AstItem => ({ kind: 'world', world: w }))];
  return { ...pkg, items };
}

function world(name: string, span: Span, docs: string[], imports: Id[], exports: Id[]): World {
  const entry = (kind: 'import' | 'export', id: Id): WorldItem => ({
    kind,
    docs: noDocs(span),
    attributes: [],
    extern: { kind: 'path', path: { kind: 'id', id } },
  });
  return {
    docs: { comments: docs, span },
    attributes: [],
    name: { name, span },
    items: [...imports.map((id) => entry('import', id)), ...exports.map((id) => entry('export', id))],
  };
}

function noDocs(span: Span): Docs {
  return { comments: [], span: { file: span.file, start: 0, end: 0 } };
}
