/**
 * Deep copies of world items for `include`, as wit-parser's `Cloner`: types owned by the included
 * world (and the anonymous types they refer to) are copied into the including world, anonymous
 * interfaces are copied whole, and each type is copied at most once per include.
 */
import type { Func, Resolve, Type, TypeDef, TypeOwner } from '../model.ts';
import { copyInterfaceSpans, copyTypeSpan, type ModelSpans } from './spans.ts';

function sameOwner(a: TypeOwner, b: TypeOwner): boolean {
  return a.kind === b.kind && (a.kind === 'none' || a.id === (b as { id: number }).id);
}

export class Cloner {
  private readonly copies = new Map<number, number>();

  constructor(
    private readonly resolve: Resolve,
    private readonly prevOwner: TypeOwner,
    private readonly newOwner: TypeOwner,
    private readonly newPackage: number,
    private readonly spans: ModelSpans,
  ) {}

  typeId(id: number): number {
    let copy = this.copies.get(id);
    if (copy === undefined) {
      const def = this.typeDef(this.resolve.types[id]!);
      this.resolve.types.push(def);
      copy = this.resolve.types.length - 1;
      this.copies.set(id, copy);
      copyTypeSpan(this.spans, id, copy);
    }
    return copy;
  }

  private type(t: Type): Type {
    return typeof t === 'number' ? this.typeId(t) : t;
  }

  private optType(t: Type | null): Type | null {
    return t === null ? null : this.type(t);
  }

  private typeDef(def: TypeDef): TypeDef {
    let owner = def.owner;
    if (owner.kind !== 'none') {
      if (!sameOwner(owner, this.prevOwner)) throw new Error('cloned type has an unexpected owner');
      owner = this.newOwner;
    }
    const k = def.kind;
    let kind: TypeDef['kind'];
    switch (k.kind) {
      case 'type':
        kind =
          typeof k.type === 'number' && sameOwner(this.resolve.types[k.type]!.owner, this.prevOwner)
            ? { kind: 'type', type: this.typeId(k.type) }
            : k;
        break;
      case 'resource':
      case 'flags':
      case 'enum':
        kind = k;
        break;
      case 'handle':
        kind = { ...k, resource: this.typeId(k.resource) };
        break;
      case 'option':
      case 'list':
        kind = { kind: k.kind, type: this.type(k.type) };
        break;
      case 'fixed-length-list':
        kind = { ...k, type: this.type(k.type) };
        break;
      case 'map':
        kind = { kind: 'map', key: this.type(k.key), value: this.type(k.value) };
        break;
      case 'tuple':
        kind = { kind: 'tuple', types: k.types.map((t) => this.type(t)) };
        break;
      case 'record':
        kind = { kind: 'record', fields: k.fields.map((f) => ({ ...f, type: this.type(f.type) })) };
        break;
      case 'variant':
        kind = { kind: 'variant', cases: k.cases.map((c) => ({ ...c, type: this.optType(c.type) })) };
        break;
      case 'result':
        kind = { kind: 'result', ok: this.optType(k.ok), err: this.optType(k.err) };
        break;
      case 'future':
      case 'stream':
        kind = { kind: k.kind, type: this.optType(k.type) };
        break;
    }
    return { ...def, owner, kind };
  }

  func(f: Func): Func {
    const k = f.kind;
    const kind = 'resource' in k ? { ...k, resource: this.typeId(k.resource) } : k;
    return {
      ...f,
      kind,
      params: f.params.map((p) => ({ name: p.name, type: this.type(p.type) })),
      result: this.optType(f.result),
    };
  }

  /** Copies an anonymous interface, with its types re-owned by the copy. */
  interface(id: number): number {
    const iface = this.resolve.interfaces[id]!;
    const newId = this.resolve.interfaces.length;
    const inner = new Cloner(
      this.resolve,
      { kind: 'interface', id },
      { kind: 'interface', id: newId },
      this.newPackage,
      this.spans,
    );
    const types = new Map([...iface.types].map(([name, t]) => [name, inner.typeId(t)] as const));
    const functions = new Map([...iface.functions].map(([name, f]) => [name, inner.func(f)] as const));
    this.resolve.interfaces.push({ ...iface, types, functions, package: this.newPackage });
    copyInterfaceSpans(this.spans, id, newId);
    return newId;
  }
}
