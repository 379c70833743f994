/** The view of a sender adapter: typed contract exports that send wasmbus messages. */
import type { Contract, ContractFunction } from '../../contract/contract.ts';
import { jsName, tsStringLiteral as literal } from '../../naming/index.ts';
import type { Resolve, Type } from '../../wit/model.ts';
import { decodeOrDeser, EMPTY_PAYLOAD, encodeOrSer, rethrowRpcError } from '../adapter-intrinsics.ts';
import type { GeneratedFile } from '../generated-file.ts';
import { docComment, signature } from '../snippets.ts';
import type { AdapterBindings, PayloadShape } from './bindings.ts';
import { flatCount, IntLowerings, MAX_FLAT_RESULTS } from './lower-ints.ts';
import { functionSignature } from './types-file.ts';

export interface SenderView {
  witId: string;
  contractId: string;
  contractIdLiteral: string;
  linkNameLiteral: string;
  send: string;
  rethrow: string;
  exportName: string;
  /**
   * `signature`: the function's first line, `function local(params): R {`, wrapped when too wide;
   * `local`: the module-level function (renamed only when an import or helper has its name);
   * `member`: its entry in the contract object; `alone`: the export of the function by itself.
   */
  functions: { doc: string; signature: string; statements: string[]; local: string; member: string; alone: string }[];
}

/**
 * The export of a contract function by itself (`$get`), beside the contract object: a bundle that
 * imports it keeps only the functions it calls. No WIT name maps to a JS name with a `$`, so these
 * meet neither the object's export nor each other.
 */
export const aloneExport = (name: string): string => `$${name}`;

function statements(
  resolve: Resolve,
  file: GeneratedFile,
  b: AdapterBindings,
  lowerings: IntLowerings,
  c: Contract,
  f: ContractFunction,
): string[] {
  const context = literal(resolve.interfaces[c.interface]!.name ?? c.witId);
  const out: string[] = [];
  const encode = (shape: PayloadShape, value: string) =>
    `${file.use(encodeOrSer)}(${context}, ${b.encoder(file, shape)}, ${value})`;
  const arg =
    f.args.kind === 'none'
      ? file.use(EMPTY_PAYLOAD)
      : f.args.kind === 'single'
        ? encode({ kind: 'type', type: f.args.param.type }, jsName(f.args.param.name, 'param'))
        : encode({ kind: 'args', func: f }, `{ ${f.args.params.map((p) => jsName(p.name, 'param')).join(', ')} }`);
  const r = f.result;
  const needsReply = r.kind === 'result' || r.kind === 'value' || (r.kind === 'rpc' && r.ok !== null);
  out.push(`${needsReply ? 'const reply = ' : ''}call(${literal(f.method)}, ${arg});`);
  if (!needsReply) return out;
  // The reply leaves through the export's result: flat when that is one core value.
  const decode = (type: Type, flat: boolean) => {
    const decoded = `${file.use(decodeOrDeser)}(${context}, ${b.decoder(file, { kind: 'type', type })}, reply)`;
    return lowerings.lowered(type, flat, context, decoded);
  };
  if (r.kind === 'rpc') {
    out.push(`return ${decode(r.ok!, false)};`);
    return out;
  }
  if (r.kind === 'value') {
    out.push(`return ${decode(r.type, flatCount(resolve, r.type) <= MAX_FLAT_RESULTS)};`);
    return out;
  }
  // The contract's own result travels whole; its err side is thrown, as exports report errors.
  out.push(`const result = ${decode(r.type, false)};`);
  out.push(`if (result.tag === 'err') throw result.val;`);
  out.push(r.ok === null ? 'return;' : 'return result.val;');
  return out;
}

export function senderView(resolve: Resolve, file: GeneratedFile, b: AdapterBindings, c: Contract): SenderView {
  const iface = resolve.interfaces[c.interface]!;
  const lowerings = new IntLowerings(resolve, file, (name) => b.runtime(file, name), b.typeName(file));
  const exportName = jsName(iface.name ?? c.witId, 'interface-export');
  // The body declares the contract object: no function may take its name.
  file.declare(exportName);
  return {
    witId: c.witId,
    contractId: c.contractId,
    contractIdLiteral: literal(c.contractId),
    linkNameLiteral: c.linkName === undefined ? 'undefined' : literal(c.linkName),
    send: b.sendImport(file),
    rethrow: file.use(rethrowRpcError),
    exportName,
    functions: c.functions
      // Every import and helper first, so the functions' names give way to them, not the reverse.
      .map((f) => ({
        fn: functionSignature(resolve, f, b.typeName(file)),
        statements: statements(resolve, file, b, lowerings, c, f),
      }))
      .map(({ fn, statements }) => {
        const local = file.declare(fn.name);
        return {
          doc: docComment(fn.docs.join('\n')),
          signature: signature(
            '',
            `function ${local}`,
            fn.params.map((p) => `${p.name}: ${p.type}`),
            `: ${fn.returnType} {`,
          ),
          statements,
          local,
          member: local === fn.name ? local : `${fn.name}: ${local}`,
          alone: aloneExport(fn.name),
        };
      }),
  };
}
