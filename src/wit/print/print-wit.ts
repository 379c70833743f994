/**
 * Prints resolved WIT packages as canonical modern WIT text, byte for byte as wit-component's
 * `WitPrinter` does (`wasm-tools component wit`), so printed output can be diffed against it.
 *
 * Layout rules kept from the reference: interfaces before worlds; a blank line between items of a
 * block but not between consecutive `use`s or world imports; in a world, interface imports come
 * first, then types (with `use`s), then function imports, then exports.
 */
import type {
  Docs,
  Func,
  InterfaceId,
  PackageId,
  Resolve,
  Stability,
  Type,
  TypeDef,
  TypeId,
  TypeOwner,
  WorldEntry,
  WorldId,
} from '../model.ts';
import { IndentedOutput } from './output.ts';
import { escapeName, quoteString } from './names.ts';

export interface PrintOptions {
  /** Print `///` doc comments (default true). */
  docs?: boolean;
  /**
   * Print `@since`/`@unstable`/`@deprecated` (default true). A component's `component-type`
   * section keeps neither docs nor stability, so comparisons with a decoded component turn both off.
   */
  stability?: boolean;
}

/**
 * Prints package `pkg` as the main package of a file, followed by each of `nested` in
 * `package ns:name { ... }` form (wit-component's `WitPrinter::print`).
 */
export function printWit(
  resolve: Resolve,
  pkg: PackageId,
  nested: readonly PackageId[] = [],
  options: PrintOptions = {},
): string {
  const printer = new WitPrinter(resolve, options.docs ?? true, options.stability ?? true);
  printer.printPackage(pkg, true);
  nested.forEach((id, i) => {
    if (i > 0) {
      printer.out.newline();
      printer.out.newline();
    }
    printer.printPackage(id, false);
  });
  return printer.out.toString();
}

/** Thrown when the model holds something WIT text cannot express (e.g. an unnamed record). */
export class WitPrintError extends Error {
  override name = 'WitPrintError';
}

type ResourceFuncs = Map<TypeId, Func[]>;

class WitPrinter {
  readonly out = new IndentedOutput();
  /** Whether the current block printed an item, so the next one is preceded by a blank line. */
  private anyItems = false;

  constructor(
    private readonly resolve: Resolve,
    private readonly emitDocs: boolean,
    private readonly emitStability: boolean,
  ) {}

  printPackage(id: PackageId, isMain: boolean): void {
    const pkg = this.resolve.packages[id]!;
    this.printDocs(pkg.docs);
    this.out.str('package ');
    this.out.str(`${escapeName(pkg.name.namespace)}:${escapeName(pkg.name.name)}`);
    if (pkg.name.version !== undefined) this.out.str(`@${pkg.name.version}`);
    if (isMain) {
      this.out.semicolon();
      this.out.newline();
    } else {
      this.out.blockStart();
    }
    for (const [name, ifaceId] of pkg.interfaces) {
      const iface = this.resolve.interfaces[ifaceId]!;
      this.printDocs(iface.docs);
      this.printStability(iface.stability);
      this.out.str(`interface ${escapeName(name)}`);
      this.out.blockStart();
      this.printInterface(ifaceId);
      this.out.blockEnd();
      if (isMain) this.out.newline();
    }
    for (const [name, worldId] of pkg.worlds) {
      const world = this.resolve.worlds[worldId]!;
      this.printDocs(world.docs);
      this.printStability(world.stability);
      this.out.str(`world ${escapeName(name)}`);
      this.out.blockStart();
      this.printWorld(worldId);
      this.out.blockEnd();
    }
    if (!isMain) this.out.blockEnd();
  }

  private newItem(): void {
    if (this.anyItems) this.out.newline();
    this.anyItems = true;
  }

  private printInterface(id: InterfaceId): void {
    const prevItems = this.anyItems;
    this.anyItems = false;
    const iface = this.resolve.interfaces[id]!;
    const resourceFuncs: ResourceFuncs = new Map();
    const freestanding: Func[] = [];
    for (const func of iface.functions.values()) {
      const resource = resourceOf(func);
      if (resource === null) freestanding.push(func);
      else pushTo(resourceFuncs, resource, func);
    }
    this.printTypes({ kind: 'interface', id }, [...iface.types], resourceFuncs);
    for (const func of freestanding) {
      this.newItem();
      this.printDocs(func.docs);
      this.printStability(func.stability);
      this.printExternalId(func.externalId);
      this.out.str(`${escapeName(itemName(func))}: `);
      this.printFunction(func);
      this.out.semicolon();
    }
    this.anyItems = prevItems;
  }

  /** Prints `use` statements for types aliased from other interfaces, then the local types. */
  private printTypes(
    owner: TypeOwner,
    types: [string, TypeId][],
    resourceFuncs: ResourceFuncs,
  ): void {
    const toDeclare: TypeId[] = [];
    const toImport: { from: InterfaceId; stability: Stability; externalId?: string; names: [string, string][] }[] = [];
    for (const [name, id] of types) {
      const ty = this.resolve.types[id]!;
      if (ty.kind.kind === 'type' && typeof ty.kind.type === 'number') {
        const other = this.resolve.types[ty.kind.type]!;
        if (other.owner.kind !== 'none' && !sameOwner(owner, other.owner)) {
          if (other.owner.kind !== 'interface') {
            throw new WitPrintError(`type '${name}' aliases a type owned by a world`);
          }
          if (other.name === null) throw new WitPrintError('cannot import unnamed type');
          const last = toImport[toImport.length - 1];
          if (
            last &&
            last.from === other.owner.id &&
            sameStability(last.stability, ty.stability) &&
            last.externalId === ty.externalId
          ) {
            last.names.push([name, other.name]);
          } else {
            const { stability, externalId } = ty;
            toImport.push({ from: other.owner.id, stability, externalId, names: [[name, other.name]] });
          }
          continue;
        }
      }
      toDeclare.push(id);
    }

    const myPkg = this.ownerPackage(owner);
    for (const use of toImport) {
      this.anyItems = true;
      this.printStability(use.stability);
      this.printExternalId(use.externalId);
      this.out.str('use ');
      this.out.str(this.interfacePath(use.from, myPkg));
      const list = use.names
        .map(([mine, theirs]) =>
          mine === theirs ? escapeName(mine) : `${escapeName(theirs)} as ${escapeName(mine)}`,
        )
        .join(', ');
      this.out.str(`.{${list}}`);
      this.out.semicolon();
    }

    for (const id of toDeclare) {
      this.newItem();
      const ty = this.resolve.types[id]!;
      this.printDocs(ty.docs);
      this.printStability(ty.stability);
      this.printExternalId(ty.externalId);
      if (ty.kind.kind === 'resource') this.printResource(ty, resourceFuncs.get(id) ?? []);
      else this.declareType(ty);
    }
  }

  private ownerPackage(owner: TypeOwner): PackageId {
    const pkg =
      owner.kind === 'interface'
        ? this.resolve.interfaces[owner.id]!.package
        : owner.kind === 'world'
          ? this.resolve.worlds[owner.id]!.package
          : null;
    if (pkg === null) throw new WitPrintError('cannot print an item outside of a package');
    return pkg;
  }

  private printResource(ty: TypeDef, funcs: Func[]): void {
    this.out.str(`resource ${escapeName(requireName(ty, 'resource'))}`);
    if (funcs.length === 0) {
      this.out.semicolon();
      return;
    }
    this.out.blockStart();
    for (const func of funcs) {
      this.printDocs(func.docs);
      this.printStability(func.stability);
      this.printExternalId(func.externalId);
      switch (func.kind.kind) {
        case 'constructor':
          break;
        case 'method':
        case 'async-method':
          this.out.str(`${escapeName(itemName(func))}: `);
          break;
        case 'static':
        case 'async-static':
          this.out.str(`${escapeName(itemName(func))}: static `);
          break;
        default:
          throw new WitPrintError(`function '${func.name}' is not a resource function`);
      }
      this.printFunction(func);
      this.out.semicolon();
    }
    this.out.blockEnd();
  }

  private printFunction(func: Func): void {
    const kind = func.kind.kind;
    if (kind === 'async-freestanding' || kind === 'async-method' || kind === 'async-static') {
      this.out.str('async ');
    }
    this.out.str(kind === 'constructor' ? 'constructor(' : 'func(');
    // A method's `self` parameter is implicit in WIT text.
    const params = kind === 'method' || kind === 'async-method' ? func.params.slice(1) : func.params;
    this.out.str(params.map((p) => `${escapeName(p.name)}: ${this.typeName(p.type)}`).join(', '));
    this.out.str(')');
    if (this.isConstructorShorthand(func)) return;
    if (func.result !== null) this.out.str(` -> ${this.typeName(func.result)}`);
  }

  /** A constructor returning `own<its resource>` prints without `-> ...` (wit-parser's rule). */
  private isConstructorShorthand(func: Func): boolean {
    if (func.kind.kind !== 'constructor' || typeof func.result !== 'number') return false;
    const result = this.resolve.types[func.result]!.kind;
    return result.kind === 'handle' && result.handle === 'own' && result.resource === func.kind.resource;
  }

  private printWorld(id: WorldId): void {
    const prevItems = this.anyItems;
    this.anyItems = false;
    const world = this.resolve.worlds[id]!;
    const pkg = world.package;
    if (pkg === null) throw new WitPrintError(`world '${world.name}' has no package`);
    const types: [string, TypeId][] = [];
    const resourceFuncs: ResourceFuncs = new Map();
    const functionImports: WorldEntry[] = [];
    for (const entry of world.imports.values()) {
      const { key, item } = entry;
      if (item.kind === 'type') {
        if (key.kind !== 'name') throw new WitPrintError('a world type must be keyed by name');
        types.push([key.name, item.id]);
      } else if (item.kind === 'function') {
        const resource = resourceOf(item.func);
        if (resource === null) functionImports.push(entry);
        else pushTo(resourceFuncs, resource, item.func);
      } else {
        this.printWorldItem(entry, pkg, 'import');
        // Imports are not separated by blank lines, but what follows them is.
        this.anyItems = true;
      }
    }
    this.printTypes({ kind: 'world', id }, types, resourceFuncs);
    for (const entry of functionImports) {
      this.printWorldItem(entry, pkg, 'import');
      this.anyItems = true;
    }
    if (world.exports.size > 0) this.newItem();
    for (const entry of world.exports.values()) this.printWorldItem(entry, pkg, 'export');
    this.anyItems = prevItems;
  }

  private printWorldItem({ key, item }: WorldEntry, pkg: PackageId, keyword: string): void {
    if (item.kind === 'type') throw new WitPrintError('world types are printed with the types');
    const named = key.kind === 'name';
    const inlineInterface =
      item.kind === 'interface' && this.resolve.interfaces[item.id]!.name === null;
    if (named && item.kind === 'function') this.printDocs(item.func.docs);
    // The statement's own docs win; an inline interface keeps them on the interface instead.
    if (item.kind === 'interface' && item.docs !== undefined && item.docs.contents !== null) this.printDocs(item.docs);
    else if (named && inlineInterface) this.printDocs(this.resolve.interfaces[item.id]!.docs);
    this.printStability(item.kind === 'function' ? item.func.stability : item.stability);
    this.printExternalId(item.kind === 'function' ? item.func.externalId : item.externalId);
    this.out.str(`${keyword} `);
    if (item.kind === 'function') {
      this.out.str(`${escapeName(item.func.name)}: `);
      this.printFunction(item.func);
      this.out.semicolon();
      return;
    }
    if (key.kind === 'name') {
      this.out.str(`${escapeName(key.name)}: `);
      if (inlineInterface) {
        this.out.str('interface');
        this.out.blockStart();
        this.printInterface(item.id);
        this.out.blockEnd();
        return;
      }
      // `import name: iface;` names one more instance of a named interface.
    } else if (key.id !== item.id) {
      throw new WitPrintError('a world key names a different interface than its item');
    }
    this.out.str(this.interfacePath(item.id, pkg));
    this.out.semicolon();
  }

  /** `iface` within the current package, else `ns:pkg/iface@version`. */
  private interfacePath(id: InterfaceId, curPkg: PackageId): string {
    const iface = this.resolve.interfaces[id]!;
    if (iface.name === null) throw new WitPrintError('cannot refer to an anonymous interface');
    if (iface.package === curPkg) return escapeName(iface.name);
    if (iface.package === null) throw new WitPrintError(`interface '${iface.name}' has no package`);
    const name = this.resolve.packages[iface.package]!.name;
    const version = name.version === undefined ? '' : `@${name.version}`;
    return `${escapeName(name.namespace)}:${escapeName(name.name)}/${escapeName(iface.name)}${version}`;
  }

  /** The text of a type in reference position: a name, a primitive, or an anonymous type. */
  private typeName(ty: Type): string {
    if (typeof ty === 'string') return ty;
    const def = this.resolve.types[ty]!;
    return def.name !== null ? escapeName(def.name) : this.structureText(def);
  }

  /** A definition's structure, ignoring its name: `list<u8>`, `tuple<a, b>`, an alias's target. */
  private structureText(def: TypeDef): string {
    const kind = def.kind;
    switch (kind.kind) {
      case 'handle':
        return this.handleName(kind.handle, kind.resource, false);
      case 'tuple':
        return `tuple<${kind.types.map((t) => this.typeName(t)).join(', ')}>`;
      case 'option':
        return `option<${this.typeName(kind.type)}>`;
      case 'result':
        return this.resultName(kind.ok, kind.err);
      case 'list':
        return `list<${this.typeName(kind.type)}>`;
      case 'fixed-length-list':
        return `list<${this.typeName(kind.type)}, ${kind.length}>`;
      case 'map':
        return `map<${this.typeName(kind.key)}, ${this.typeName(kind.value)}>`;
      case 'future':
      case 'stream':
        return kind.type === null ? kind.kind : `${kind.kind}<${this.typeName(kind.type)}>`;
      case 'type':
        return this.typeName(kind.type);
      case 'resource':
      case 'record':
      case 'flags':
      case 'enum':
      case 'variant':
        throw new WitPrintError(`resolve has an unnamed ${kind.kind} type`);
    }
  }

  /** `own<r>` prints as bare `r` except where forced (a `type x = own<r>` declaration). */
  private handleName(handle: 'own' | 'borrow', resource: TypeId, forceOwn: boolean): string {
    const name = escapeName(requireName(this.resolve.types[resource]!, 'resource'));
    return handle === 'borrow' || forceOwn ? `${handle}<${name}>` : name;
  }

  private resultName(ok: Type | null, err: Type | null): string {
    if (ok === null && err === null) return 'result';
    if (err === null) return `result<${this.typeName(ok!)}>`;
    return `result<${ok === null ? '_' : this.typeName(ok)}, ${this.typeName(err)}>`;
  }

  /** Prints a named type definition. */
  private declareType(ty: TypeDef): void {
    const name = escapeName(requireName(ty, 'type'));
    const kind = ty.kind;
    switch (kind.kind) {
      case 'record':
        this.out.str(`record ${name}`);
        this.out.blockStart();
        for (const field of kind.fields) {
          this.printDocs(field.docs);
          this.out.str(`${escapeName(field.name)}: ${this.typeName(field.type)},`);
          this.out.newline();
        }
        this.out.blockEnd();
        return;
      case 'flags':
      case 'enum': {
        this.out.str(`${kind.kind} ${name}`);
        this.out.blockStart();
        for (const c of kind.kind === 'flags' ? kind.flags : kind.cases) {
          this.printDocs(c.docs);
          this.out.str(`${escapeName(c.name)},`);
          this.out.newline();
        }
        this.out.blockEnd();
        return;
      }
      case 'variant':
        this.out.str(`variant ${name}`);
        this.out.blockStart();
        for (const c of kind.cases) {
          this.printDocs(c.docs);
          const payload = c.type === null ? '' : `(${this.typeName(c.type)})`;
          this.out.str(`${escapeName(c.name)}${payload},`);
          this.out.newline();
        }
        this.out.blockEnd();
        return;
      case 'handle':
        // `type a = own<r>` is encoded differently from `type a = r`, so keep the `own<>`.
        this.out.str(`type ${name} = ${this.handleName(kind.handle, kind.resource, true)}`);
        this.out.semicolon();
        return;
      case 'resource':
        throw new WitPrintError('resources are printed with their functions');
      default:
        this.out.str(`type ${name} = ${this.structureText(ty)}`);
        this.out.semicolon();
    }
  }

  private printDocs(docs: Docs): void {
    if (!this.emitDocs || docs.contents === null) return;
    for (const line of rustLines(docs.contents)) this.out.doc(line);
  }

  /** `@external-id` after the gates, as the grammar orders them; it survives binary WIT, so always printed. */
  private printExternalId(externalId: string | undefined): void {
    if (externalId === undefined) return;
    this.out.str(`@external-id(${quoteString(externalId)})`);
    this.out.newline();
  }

  private printStability(stability: Stability): void {
    if (!this.emitStability) return;
    switch (stability.kind) {
      case 'unknown':
        return;
      case 'stable':
        this.out.str(`@since(version = ${stability.since})`);
        break;
      case 'unstable':
        this.out.str(`@unstable(feature = ${stability.feature})`);
        break;
    }
    this.out.newline();
    if (stability.deprecated !== undefined) {
      this.out.str(`@deprecated(version = ${stability.deprecated})`);
      this.out.newline();
    }
  }
}

/** The resource a function belongs to, or null for a freestanding function. */
function resourceOf(func: Func): TypeId | null {
  const k = func.kind;
  return k.kind === 'freestanding' || k.kind === 'async-freestanding' ? null : k.resource;
}

/** wit-parser's `Function::item_name`: the name without its `[method]r.` style prefix. */
function itemName(func: Func): string {
  switch (func.kind.kind) {
    case 'freestanding':
    case 'async-freestanding':
      return func.name;
    case 'constructor':
      return 'constructor';
    default:
      return func.name.slice(func.name.indexOf('.') + 1);
  }
}

function pushTo(map: ResourceFuncs, key: TypeId, func: Func): void {
  const list = map.get(key);
  if (list) list.push(func);
  else map.set(key, [func]);
}

function sameOwner(a: TypeOwner, b: TypeOwner): boolean {
  if (a.kind === 'none' || b.kind === 'none') return a.kind === b.kind;
  return a.kind === b.kind && a.id === b.id;
}

function sameStability(a: Stability, b: Stability): boolean {
  if (a.kind === 'unknown' || b.kind === 'unknown') return a.kind === b.kind;
  if (a.deprecated !== b.deprecated) return false;
  if (a.kind === 'stable') return b.kind === 'stable' && a.since === b.since;
  return b.kind === 'unstable' && a.feature === b.feature;
}

function requireName(ty: TypeDef, what: string): string {
  if (ty.name === null) throw new WitPrintError(`unnamed ${what} in document`);
  return ty.name;
}

/** Rust's `str::lines`: split on `\n`, drop a trailing `\r`, no final empty line. */
function rustLines(text: string): string[] {
  const lines = text.split('\n').map((l) => (l.endsWith('\r') ? l.slice(0, -1) : l));
  if (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  return lines;
}
