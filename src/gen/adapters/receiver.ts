/** The view of a receiver adapter: `receive(msg)` dispatching to the typed contract. */
import type { Contract, ContractFunction } from '../../contract/contract.ts';
import { jsName, tsStringLiteral as literal } from '../../naming/index.ts';
import type { Resolve, Type } from '../../wit/model.ts';
import { tsType } from '../../typemap/index.ts';
import {
  decodeOrDeser,
  EMPTY_PAYLOAD,
  encodeOrSer,
  errorPayload,
  pending,
  rethrowRpcError,
} from '../adapter-intrinsics.ts';
import type { GeneratedFile } from '../generated-file.ts';
import { Scope } from '../scope.ts';
import type { AdapterBindings, PayloadShape } from './bindings.ts';
import { flatCount, IntLowerings, MAX_FLAT_PARAMS } from './lower-ints.ts';

export interface ReceiverView {
  witId: string;
  contractId: string;
  contractName: string;
  exportName: string;
  /** The export's local: its name, unless that cannot be bound (`eval`); then exported under its name. */
  exportLocal: string;
  exportRenamed: boolean;
  messageType: string;
  /** Each function's statements, one line each, indented relative to the case block. */
  functions: { methodLiteral: string; operationLiteral: string; statements: string[] }[];
}

/** The names `receive` declares itself besides the parameters' locals: its own parameter, and the case blocks'. */
const RECEIVER_LOCALS = ['msg', 'args', 'out', 'later', 'result'];

/** A case block's statements; a parameter's local gives way to every other name the block sees. */
function caseStatements(
  resolve: Resolve,
  file: GeneratedFile,
  b: AdapterBindings,
  lowerings: IntLowerings,
  context: string,
  f: ContractFunction,
): string[] {
  const draft = (scope: Scope) => statements(resolve, file, b, lowerings, context, f, scope);
  const names = file.traced(() => draft(new Scope()));
  return draft(new Scope([...names, ...RECEIVER_LOCALS]));
}

function statements(
  resolve: Resolve,
  file: GeneratedFile,
  b: AdapterBindings,
  lowerings: IntLowerings,
  context: string,
  f: ContractFunction,
  scope: Scope,
): string[] {
  const out: string[] = [];
  const decode = (shape: PayloadShape) => `${file.use(decodeOrDeser)}(${context}, ${b.decoder(file, shape)}, msg.arg)`;
  const encode = (shape: PayloadShape, value: string) =>
    `${file.use(encodeOrSer)}(${context}, ${b.encoder(file, shape)}, ${value})`;
  // The arguments leave through the import's parameters: flat unless there are too many values.
  const params = f.args.kind === 'single' ? [f.args.param] : f.args.kind === 'object' ? f.args.params : [];
  const flat = params.reduce((n, p) => n + flatCount(resolve, p.type), 0) <= MAX_FLAT_PARAMS;
  const lowered = (type: Type, value: string) => lowerings.lowered(type, flat, context, value);
  let args: string[] = [];
  if (f.args.kind === 'single') {
    const name = scope.claim(jsName(f.args.param.name, 'param'));
    out.push(`const ${name} = ${decode({ kind: 'type', type: f.args.param.type })};`);
    args = [lowered(f.args.param.type, name)];
  } else if (f.args.kind === 'object') {
    out.push(`const args = ${decode({ kind: 'args', func: f })};`);
    args = f.args.params.map((p) => lowered(p.type, `args.${jsName(p.name, 'param')}`));
  }
  const call = `${b.contractImport(file, f)}(${args.join(', ')})`;
  // A plain JS implementation may answer with a promise (inside a component none does): the reply
  // is then a promise of the same encoding of its settled value, with the message decoded once.
  const later = `const later = ${file.use(pending)}(out);`;
  const r = f.result;
  if (r.kind === 'none') {
    const empty = file.use(EMPTY_PAYLOAD);
    out.push(
      `const out = ${call};`,
      later,
      `if (later !== undefined) return later.then(() => ${empty});`,
      `return ${empty};`,
    );
    return out;
  }
  if (r.kind === 'rpc') {
    const rethrow = file.use(rethrowRpcError);
    const reply = (value: string) =>
      r.ok === null ? file.use(EMPTY_PAYLOAD) : encode({ kind: 'type', type: r.ok }, value);
    out.push(
      'let out;',
      'try {',
      `  out = ${call};`,
      '} catch (e) {',
      `  return ${rethrow}(e);`,
      '}',
      later,
      `if (later !== undefined) return later.then(${r.ok === null ? '()' : '(v)'} => ${reply('v')}, ${rethrow});`,
      `return ${reply('out')};`,
    );
    return out;
  }
  if (r.kind === 'value') {
    const reply = (value: string) => encode({ kind: 'type', type: r.type }, value);
    out.push(
      `const out = ${call};`,
      later,
      `if (later !== undefined) return later.then((v) => ${reply('v')});`,
      `return ${reply('out')};`,
    );
    return out;
  }
  // A result with its own error type travels whole: the contract's throw becomes `{"Err": ..}`.
  const named = b.typeName(file);
  const resultType = tsType(resolve, r.type, named);
  const errType = r.err === null ? 'undefined' : tsType(resolve, r.err, named);
  const reply = (value: string) => encode({ kind: 'type', type: r.type }, value);
  const okVal = (value: string) => (r.ok === null ? 'undefined' : value);
  const err = (e: string) => `{ tag: 'err', val: ${file.use(errorPayload)}(${e}) as ${errType} }`;
  out.push(
    `let result: ${resultType};`,
    'try {',
    `  const out = ${call};`,
    `  ${later}`,
    '  if (later !== undefined) {',
    '    return later.then(',
    `      (${r.ok === null ? '' : 'v'}) => ${reply(`{ tag: 'ok', val: ${okVal('v')} }`)},`,
    `      (e) => ${reply(err('e'))},`,
    '    );',
    '  }',
    `  result = { tag: 'ok', val: ${okVal('out')} };`,
    '} catch (e) {',
    `  result = ${err('e')};`,
    '}',
    `return ${reply('result')};`,
  );
  return out;
}

export function receiverView(resolve: Resolve, file: GeneratedFile, b: AdapterBindings, c: Contract): ReceiverView {
  const contractName = resolve.interfaces[c.interface]!.name ?? c.witId;
  const receiver = resolve.interfaces[c.bus.receiver]!;
  const lowerings = new IntLowerings(resolve, file, (name) => b.runtime(file, name), b.typeName(file));
  // The export's name is the bus's, which the component looks up: claimed first, it is kept
  // (under a local of its own only if it cannot be bound).
  const exportName = jsName(receiver.name ?? 'receiver', 'interface-export');
  const exportLocal = file.declare(exportName);
  // `receive`'s own names: no import may be shadowed by them.
  for (const name of RECEIVER_LOCALS) file.declare(name);
  return {
    witId: c.witId,
    contractId: c.contractId,
    contractName,
    exportName,
    exportLocal,
    exportRenamed: exportLocal !== exportName,
    messageType: tsType(resolve, c.bus.message, b.typeName(file)),
    functions: c.functions.map((f) => ({
      methodLiteral: literal(f.method),
      operationLiteral: literal(f.operation),
      statements: caseStatements(resolve, file, b, lowerings, literal(contractName), f),
    })),
  };
}
