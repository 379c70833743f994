/**
 * The files one contract's adapters are generated from: those holding its interface, the wasmbus
 * interfaces it is bound to, and every type they reach (a `use`d type's own file too). A change to
 * any other file of the input leaves the contract's adapters as they were.
 */
import type { Contract } from '../contract/contract.ts';
import type { TargetOutput } from '../service/generate.ts';
import type { InterfaceId, Type, TypeDefKind, TypeId } from '../wit/index.ts';

/** The types a type definition refers to. */
function referenced(kind: TypeDefKind): (Type | null)[] {
  switch (kind.kind) {
    case 'record':
      return kind.fields.map((f) => f.type);
    case 'variant':
      return kind.cases.map((c) => c.type);
    case 'tuple':
      return kind.types;
    case 'handle':
      return [kind.resource];
    case 'option':
    case 'list':
    case 'fixed-length-list':
    case 'future':
    case 'stream':
    case 'type':
      return [kind.type];
    case 'result':
      return [kind.ok, kind.err];
    case 'map':
      return [kind.key, kind.value];
    case 'resource':
    case 'flags':
    case 'enum':
      return [];
  }
}

export function contractSources(output: TargetOutput, contract: Contract): string[] {
  const { resolve, spans, sources } = output;
  const files = new Set<number>();
  const seenTypes = new Set<TypeId>();
  const seenInterfaces = new Set<InterfaceId>();
  const visitType = (t: Type | null): void => {
    if (typeof t !== 'number' || seenTypes.has(t)) return;
    seenTypes.add(t);
    const span = spans.types.get(t);
    if (span !== undefined) files.add(span.file);
    const def = resolve.types[t]!;
    if (def.owner.kind === 'interface') visitInterface(def.owner.id);
    for (const r of referenced(def.kind)) visitType(r);
  };
  const visitInterface = (id: InterfaceId): void => {
    if (seenInterfaces.has(id)) return;
    seenInterfaces.add(id);
    const span = spans.interfaces.get(id);
    if (span !== undefined) files.add(span.file);
    const iface = resolve.interfaces[id]!;
    for (const t of iface.types.values()) visitType(t);
    for (const f of iface.functions.values()) {
      for (const p of f.params) visitType(p.type);
      visitType(f.result);
    }
  };
  for (const id of [contract.interface, contract.bus.sender, contract.bus.receiver]) visitInterface(id);
  return [...new Set([...files].map((i) => sources[i]!))].sort();
}
