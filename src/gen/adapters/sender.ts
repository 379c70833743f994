/** The view of a sender adapter: typed contract exports that send wasmbus messages. */
import type { Contract, ContractFunction } from '../../contract/contract.ts';
import { jsName, tsStringLiteral as literal } from '../../naming/index.ts';
import type { Resolve, Type } from '../../wit/model.ts';
import { decodeOrDeser, EMPTY_PAYLOAD, encodeOrSer, rethrowRpcError } from '../adapter-intrinsics.ts';
import type { GeneratedFile } from '../generated-file.ts';
import { Scope } from '../scope.ts';
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
  /** The local of the helper that sends one message. */
  call: string;
  exportName: string;
  /** The contract object's local: its name, unless that cannot be bound (`eval`); then exported under its name. */
  exportLocal: string;
  exportRenamed: boolean;
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

/**
 * A function's parameters and statements. Its own names give way to every module-level name the
 * body refers to: the parameters first, then the body's locals.
 */
function body(
  resolve: Resolve,
  file: GeneratedFile,
  b: AdapterBindings,
  lowerings: IntLowerings,
  c: Contract,
  f: ContractFunction,
  call: string,
): { params: string[]; statements: string[] } {
  const draft = (scope: Scope) => {
    const params = new Map(f.func.params.map((p) => [p.name, scope.claim(jsName(p.name, 'param'))]));
    const lines = statements(resolve, file, b, lowerings, c, f, call, scope, (name) => params.get(name)!);
    return { params: [...params.values()], statements: lines };
  };
  const names = file.traced(() => draft(new Scope()));
  return draft(new Scope([...names, call]));
}

function statements(
  resolve: Resolve,
  file: GeneratedFile,
  b: AdapterBindings,
  lowerings: IntLowerings,
  c: Contract,
  f: ContractFunction,
  call: string,
  scope: Scope,
  param: (witName: string) => string,
): string[] {
  const context = literal(resolve.interfaces[c.interface]!.name ?? c.witId);
  const out: string[] = [];
  const encode = (shape: PayloadShape, value: string) =>
    `${file.use(encodeOrSer)}(${context}, ${b.encoder(file, shape)}, ${value})`;
  // The args object's keys are the parameters' JS names, whatever their locals.
  const argsEntry = (p: { name: string }) => {
    const key = jsName(p.name, 'param');
    const local = param(p.name);
    return key === local ? key : `${key}: ${local}`;
  };
  const arg =
    f.args.kind === 'none'
      ? file.use(EMPTY_PAYLOAD)
      : f.args.kind === 'single'
        ? encode({ kind: 'type', type: f.args.param.type }, param(f.args.param.name))
        : encode({ kind: 'args', func: f }, `{ ${f.args.params.map(argsEntry).join(', ')} }`);
  const r = f.result;
  const needsReply = r.kind === 'result' || r.kind === 'value' || (r.kind === 'rpc' && r.ok !== null);
  const reply = needsReply ? scope.claim('reply') : '';
  out.push(`${needsReply ? `const ${reply} = ` : ''}${call}(${literal(f.method)}, ${arg});`);
  if (!needsReply) return out;
  // The reply leaves through the export's result: flat when that is one core value.
  const decode = (type: Type, flat: boolean) => {
    const decoded = `${file.use(decodeOrDeser)}(${context}, ${b.decoder(file, { kind: 'type', type })}, ${reply})`;
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
  const result = scope.claim('result');
  out.push(`const ${result} = ${decode(r.type, false)};`);
  out.push(`if (${result}.tag === 'err') throw ${result}.val;`);
  out.push(r.ok === null ? 'return;' : `return ${result}.val;`);
  return out;
}

export function senderView(resolve: Resolve, file: GeneratedFile, b: AdapterBindings, c: Contract): SenderView {
  const iface = resolve.interfaces[c.interface]!;
  const lowerings = new IntLowerings(resolve, file, (name) => b.runtime(file, name), b.typeName(file));
  // The export's name is looked up by the component: claimed first, it is kept unless it cannot be
  // bound. The contract object and the `call` helper take no import's or function's name.
  const exportName = jsName(iface.name ?? c.witId, 'interface-export');
  const exportLocal = file.declare(exportName);
  const call = file.declare('call');
  return {
    witId: c.witId,
    contractId: c.contractId,
    contractIdLiteral: literal(c.contractId),
    linkNameLiteral: c.linkName === undefined ? 'undefined' : literal(c.linkName),
    send: b.sendImport(file),
    rethrow: file.use(rethrowRpcError),
    call,
    exportName,
    exportLocal,
    exportRenamed: exportLocal !== exportName,
    functions: c.functions
      // Every import and helper first, so the functions' names give way to them, not the reverse.
      .map((f) => ({
        fn: functionSignature(resolve, f, b.typeName(file)),
        ...body(resolve, file, b, lowerings, c, f, call),
      }))
      .map(({ fn, params, statements }) => {
        const local = file.declare(fn.name);
        return {
          doc: docComment(fn.docs.join('\n')),
          signature: signature(
            '',
            `function ${local}`,
            fn.params.map((p, i) => `${params[i]}: ${p.type}`),
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
