/**
 * A `Resolve` as wit-parser's `serde_json::to_string_pretty(&Resolve)` writes it (the format of
 * `wasm-tools component wit --json`): same field names and order, empty docs, unknown stability and
 * absent results left out, world items keyed by name or `interface-N`.
 */
import {
  packageNameString,
  type Docs,
  type Func,
  type FunctionKind,
  type Interface,
  type Package,
  type Resolve,
  type Stability,
  type TypeDef,
  type TypeDefKind,
  type TypeOwner,
  type World,
  type WorldEntry,
} from './model.ts';

type Json = string | number | boolean | null | Json[] | { [key: string]: Json };

/** Adds the optional fields serde skips when empty. */
function withDocs(obj: { [key: string]: Json }, docs: Docs): void {
  if (docs.contents !== null) obj.docs = { contents: docs.contents };
}

/** `external_id`, after stability: wit-parser's field name; absent when there is none. */
function withExternalId(obj: { [key: string]: Json }, externalId: string | undefined): void {
  if (externalId !== undefined) obj.external_id = externalId;
}

function withStability(obj: { [key: string]: Json }, stability: Stability): void {
  const s = stabilityJson(stability);
  if (s !== null) obj.stability = s;
}

function stabilityJson(stability: Stability): Json {
  switch (stability.kind) {
    case 'unknown':
      return null;
    case 'stable': {
      const body: { [key: string]: Json } = { since: stability.since };
      if (stability.deprecated !== undefined) body.deprecated = stability.deprecated;
      return { stable: body };
    }
    case 'unstable': {
      const body: { [key: string]: Json } = { feature: stability.feature };
      if (stability.deprecated !== undefined) body.deprecated = stability.deprecated;
      return { unstable: body };
    }
  }
}

function mapJson<T>(map: Map<string, T>, value: (v: T) => Json): Json {
  const obj: { [key: string]: Json } = {};
  for (const [k, v] of map) obj[k] = value(v);
  return obj;
}

function functionKindJson(kind: FunctionKind): Json {
  switch (kind.kind) {
    case 'freestanding':
    case 'async-freestanding':
      return kind.kind;
    default:
      return { [kind.kind]: kind.resource };
  }
}

function funcJson(f: Func): Json {
  const obj: { [key: string]: Json } = {
    name: f.name,
    kind: functionKindJson(f.kind),
    params: f.params.map((p) => ({ name: p.name, type: p.type })),
  };
  if (f.result !== null) obj.result = f.result;
  withDocs(obj, f.docs);
  withStability(obj, f.stability);
  withExternalId(obj, f.externalId);
  return obj;
}

function worldEntryJson(entry: WorldEntry): Json {
  const item = entry.item;
  switch (item.kind) {
    case 'interface': {
      const body: { [key: string]: Json } = { id: item.id };
      withStability(body, item.stability);
      // wit-parser 0.257's `WorldItem::Interface { id, stability, docs }`: docs skipped when empty.
      if (item.docs !== undefined) withDocs(body, item.docs);
      withExternalId(body, item.externalId);
      return { interface: body };
    }
    case 'function':
      return { function: funcJson(item.func) };
    case 'type':
      return { type: item.id };
  }
}

function worldJson(w: World): Json {
  const obj: { [key: string]: Json } = {
    name: w.name,
    imports: mapJson(w.imports, worldEntryJson),
    exports: mapJson(w.exports, worldEntryJson),
    package: w.package,
  };
  withDocs(obj, w.docs);
  withStability(obj, w.stability);
  return obj;
}

function interfaceJson(i: Interface): Json {
  const obj: { [key: string]: Json } = {
    name: i.name,
    types: mapJson(i.types, (id) => id),
    functions: mapJson(i.functions, funcJson),
  };
  withDocs(obj, i.docs);
  withStability(obj, i.stability);
  obj.package = i.package;
  return obj;
}

function named(name: string, docs: Docs, extra: { [key: string]: Json } = {}): Json {
  const obj: { [key: string]: Json } = { name, ...extra };
  withDocs(obj, docs);
  return obj;
}

function typeDefKindJson(kind: TypeDefKind): Json {
  switch (kind.kind) {
    case 'resource':
      return 'resource';
    case 'record':
      return { record: { fields: kind.fields.map((f) => named(f.name, f.docs, { type: f.type })) } };
    case 'handle':
      return { handle: { [kind.handle]: kind.resource } };
    case 'flags':
      return { flags: { flags: kind.flags.map((f) => named(f.name, f.docs)) } };
    case 'tuple':
      return { tuple: { types: kind.types } };
    case 'variant':
      return { variant: { cases: kind.cases.map((c) => named(c.name, c.docs, { type: c.type })) } };
    case 'enum':
      return { enum: { cases: kind.cases.map((c) => named(c.name, c.docs)) } };
    case 'option':
    case 'list':
    case 'future':
    case 'stream':
    case 'type':
      return { [kind.kind]: kind.type };
    case 'result':
      return { result: { ok: kind.ok, err: kind.err } };
    case 'map':
      return { map: [kind.key, kind.value] };
    case 'fixed-length-list':
      return { 'fixed-length-list': [kind.type, kind.length] };
  }
}

function ownerJson(owner: TypeOwner): Json {
  return owner.kind === 'none' ? null : { [owner.kind]: owner.id };
}

function typeDefJson(t: TypeDef): Json {
  const obj: { [key: string]: Json } = { name: t.name, kind: typeDefKindJson(t.kind), owner: ownerJson(t.owner) };
  withDocs(obj, t.docs);
  withStability(obj, t.stability);
  withExternalId(obj, t.externalId);
  return obj;
}

function packageJson(p: Package): Json {
  const obj: { [key: string]: Json } = { name: packageNameString(p.name) };
  withDocs(obj, p.docs);
  obj.interfaces = mapJson(p.interfaces, (id) => id);
  obj.worlds = mapJson(p.worlds, (id) => id);
  return obj;
}

export function resolveToJson(resolve: Resolve): string {
  const doc: Json = {
    worlds: resolve.worlds.map(worldJson),
    interfaces: resolve.interfaces.map(interfaceJson),
    types: resolve.types.map(typeDefJson),
    packages: resolve.packages.map(packageJson),
  };
  return JSON.stringify(doc, null, 2);
}
