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
  rethrowRpcError,
} from '../adapter-intrinsics.ts';
import type { GeneratedFile } from '../generated-file.ts';
import type { AdapterBindings, PayloadShape } from './bindings.ts';
import { flatCount, IntLowerings, MAX_FLAT_PARAMS } from './lower-ints.ts';

export interface ReceiverView {
  witId: string;
  contractId: string;
  contractName: string;
  exportName: string;
  messageType: string;
  /** Each function's statements, one line each, indented relative to the case block. */
  functions: { methodLiteral: string; operationLiteral: string; statements: string[] }[];
}

function statements(
  resolve: Resolve,
  file: GeneratedFile,
  b: AdapterBindings,
  lowerings: IntLowerings,
  context: string,
  f: ContractFunction,
): string[] {
  const out: string[] = [];
  const decode = (shape: PayloadShape) => `${file.use(decodeOrDeser)}(${context}, ${b.decoder(file, shape)}, msg.arg)`;
  const encode = (shape: PayloadShape, value: string) =>
    `return ${file.use(encodeOrSer)}(${context}, ${b.encoder(file, shape)}, ${value});`;
  // The arguments leave through the import's parameters: flat unless there are too many values.
  const params = f.args.kind === 'single' ? [f.args.param] : f.args.kind === 'object' ? f.args.params : [];
  const flat = params.reduce((n, p) => n + flatCount(resolve, p.type), 0) <= MAX_FLAT_PARAMS;
  const lowered = (type: Type, value: string) => lowerings.lowered(type, flat, context, value);
  let args: string[] = [];
  if (f.args.kind === 'single') {
    const name = jsName(f.args.param.name, 'param');
    out.push(`const ${name} = ${decode({ kind: 'type', type: f.args.param.type })};`);
    args = [lowered(f.args.param.type, name)];
  } else if (f.args.kind === 'object') {
    out.push(`const args = ${decode({ kind: 'args', func: f })};`);
    args = f.args.params.map((p) => lowered(p.type, `args.${jsName(p.name, 'param')}`));
  }
  const call = `${b.contractImport(file, f)}(${args.join(', ')})`;
  const r = f.result;
  if (r.kind === 'none') {
    out.push(`${call};`, `return ${file.use(EMPTY_PAYLOAD)};`);
    return out;
  }
  if (r.kind === 'rpc') {
    const hasOk = r.ok !== null;
    out.push(
      ...(hasOk ? ['let out;'] : []),
      'try {',
      `  ${hasOk ? 'out = ' : ''}${call};`,
      '} catch (e) {',
      `  return ${file.use(rethrowRpcError)}(e);`,
      '}',
    );
    out.push(hasOk ? encode({ kind: 'type', type: r.ok! }, 'out') : `return ${file.use(EMPTY_PAYLOAD)};`);
    return out;
  }
  if (r.kind === 'value') {
    out.push(encode({ kind: 'type', type: r.type }, call));
    return out;
  }
  // A result with its own error type travels whole: the contract's throw becomes `{"Err": ..}`.
  const named = b.typeName(file);
  const resultType = tsType(resolve, r.type, named);
  const errType = r.err === null ? 'undefined' : tsType(resolve, r.err, named);
  out.push(`let result: ${resultType};`);
  const ok =
    r.ok === null
      ? [`  ${call};`, "  result = { tag: 'ok', val: undefined };"]
      : [`  result = { tag: 'ok', val: ${call} };`];
  out.push(
    'try {',
    ...ok,
    '} catch (e) {',
    `  result = { tag: 'err', val: ${file.use(errorPayload)}(e) as ${errType} };`,
    '}',
  );
  out.push(encode({ kind: 'type', type: r.type }, 'result'));
  return out;
}

export function receiverView(resolve: Resolve, file: GeneratedFile, b: AdapterBindings, c: Contract): ReceiverView {
  const contractName = resolve.interfaces[c.interface]!.name ?? c.witId;
  const receiver = resolve.interfaces[c.bus.receiver]!;
  const lowerings = new IntLowerings(resolve, file, (name) => b.runtime(file, name), b.typeName(file));
  return {
    witId: c.witId,
    contractId: c.contractId,
    contractName,
    exportName: jsName(receiver.name ?? 'receiver', 'interface-export'),
    messageType: tsType(resolve, c.bus.message, b.typeName(file)),
    functions: c.functions.map((f) => ({
      methodLiteral: literal(f.method),
      operationLiteral: literal(f.operation),
      statements: statements(resolve, file, b, lowerings, literal(contractName), f),
    })),
  };
}
