/**
 * The contract's codec module: one encoder/decoder pair per payload shape its functions use,
 * and the bindings through which adapter views import them.
 */
import type { Contract, ContractFunction } from '../../contract/contract.ts';
import { ContractError } from '../../contract/errors.ts';
import { interfaceWitId } from '../../contract/identity.ts';
import { emitCodec, type CodecRoot } from '../../codec/emit.ts';
import type { CodecOptions } from '../../codec/options.ts';
import { jsName, upperCamelCase } from '../../naming/index.ts';
import type { Resolve, Type, TypeId } from '../../wit/model.ts';
import type { GeneratedFile } from '../generated-file.ts';
import { siblingSpecifier, type ContractLayout } from '../layout.ts';
import type { AdapterBindings, PayloadShape } from './bindings.ts';

export interface ContractCodec {
  source: string;
  bindings: AdapterBindings;
}

/** The payload shapes of every function, each once. */
function payloadRoots(c: Contract): { roots: CodecRoot[]; indexOf(shape: PayloadShape): number } {
  const roots: CodecRoot[] = [];
  const byType = new Map<Type, number>();
  const byFunc = new Map<ContractFunction, number>();
  const addType = (t: Type) => {
    if (!byType.has(t)) byType.set(t, roots.push(t) - 1);
  };
  for (const f of c.functions) {
    if (f.args.kind === 'single') addType(f.args.param.type);
    if (f.args.kind === 'object') {
      byFunc.set(f, roots.push({ name: `${upperCamelCase(f.func.name)}-args`, fields: f.args.params }) - 1);
    }
    if (f.result.kind === 'rpc' && f.result.ok !== null) addType(f.result.ok);
    if (f.result.kind === 'result' || f.result.kind === 'value') addType(f.result.type);
  }
  return {
    roots,
    indexOf: (shape) => (shape.kind === 'type' ? byType.get(shape.type) : byFunc.get(shape.func))!,
  };
}

/** `typeNames`: the contract's named types, as the types module exports them (`contractTypeNames`). */
export function contractCodec(
  resolve: Resolve,
  c: Contract,
  layout: ContractLayout,
  typeNames: Map<TypeId, string>,
  options: CodecOptions,
): ContractCodec {
  const { roots, indexOf } = payloadRoots(c);
  const typesModule = siblingSpecifier(layout.types);
  const emitted = emitCodec({
    resolve,
    roots,
    options,
    runtimeImport: layout.codecRuntimeImport,
    types: { names: typeNames, from: typesModule },
    path: layout.codec,
  });
  const problem = emitted.problems[0];
  if (problem) {
    throw new ContractError(`${c.witId}: a payload type cannot be encoded: ${problem.reason}`, {
      interface: c.interface,
      ...(typeof problem.type === 'number' ? { type: problem.type } : {}),
    });
  }
  const codecModule = siblingSpecifier(layout.codec);
  const senderModule = interfaceWitId(resolve, c.bus.sender);
  return {
    source: emitted.source,
    bindings: {
      encoder: (file: GeneratedFile, shape: PayloadShape) =>
        file.import({ name: emitted.roots[indexOf(shape)]!.encode, from: codecModule }),
      decoder: (file: GeneratedFile, shape: PayloadShape) =>
        file.import({ name: emitted.roots[indexOf(shape)]!.decode, from: codecModule }),
      typeName: (file: GeneratedFile) => (id) => {
        const name = typeNames.get(id);
        return name === undefined ? undefined : file.import({ name, from: typesModule, typeOnly: true });
      },
      contractImport: (file, f) => file.import({ name: jsName(f.func.name, 'function'), from: c.witId }),
      runtime: (file, name) => file.import({ name, from: layout.codecRuntimeImport }),
      sendImport: (file) => file.import({ name: 'send', from: senderModule }),
    },
  };
}
