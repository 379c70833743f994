/**
 * Composes components into one, in the component binary format: the composite declares the
 * imports no child provides, nests each child verbatim (a component section), instantiates the
 * children with their imports wired by interface name (instance sections with named arguments,
 * alias sections picking a child's exported instance), and exports the interfaces no child uses.
 * Nothing is deduplicated: the composite is the sum of its children plus a few hundred bytes.
 */
import { ByteWriter, COMPONENT_PREAMBLE, section } from './bytes.ts';
import { declareImports } from './encode-imports.ts';
import { planComposition, type Child } from './plan.ts';
import { readInterface, type ComponentInterface } from './read.ts';
import { ComposeError } from './errors.ts';

const SECTION_COMPONENT = 4;
const SECTION_INSTANCE = 5;
const SECTION_ALIAS = 6;
const SECTION_EXPORT = 11;
const SORT_FUNC = 0x01;
const SORT_INSTANCE = 0x05;

export interface ComposeInput {
  /** How errors name the child. */
  name: string;
  bytes: Uint8Array;
  /** Its imports and exports, when the caller has read them already (read.ts). */
  iface?: ComponentInterface;
}

export interface Composite {
  bytes: Uint8Array;
  /** The composite's imports and exports, by name, in the order they are declared. */
  imports: string[];
  exports: string[];
}

export function compose(inputs: ComposeInput[]): Composite {
  if (inputs.length < 2) throw new ComposeError('give at least two components to compose');
  const children: Child[] = inputs.map((input) => {
    try {
      return { ...input, iface: input.iface ?? readInterface(input.bytes) };
    } catch (e) {
      if (e instanceof ComposeError) throw new ComposeError(`${input.name}: ${e.message}`, { cause: e });
      throw e;
    }
  });
  const plan = planComposition(children);
  const prelude = declareImports(plan.imports);
  const parts: Uint8Array[] = [COMPONENT_PREAMBLE, ...prelude.sections];
  let instances = prelude.instanceCount;
  let components = 0;
  const childInstance = new Map<number, number>();
  const aliases = new Map<string, number>();

  /** The instance index of `name` exported by child `child`, aliased once. */
  const exported = (child: number, name: string): number => {
    const key = `${child}\0${name}`;
    let index = aliases.get(key);
    if (index === undefined) {
      const entry = new ByteWriter().byte(SORT_INSTANCE).byte(0x00).u32(childInstance.get(child)!).name(name).finish();
      parts.push(section(SECTION_ALIAS, new ByteWriter().u32(1).bytes(entry).finish()));
      index = instances++;
      aliases.set(key, index);
    }
    return index;
  };

  for (const i of plan.order) {
    const child = children[i]!;
    parts.push(section(SECTION_COMPONENT, child.bytes));
    const component = components++;
    const args = plan.wiring.get(i)!.map(({ name, sort, source }) => {
      if (source.from === 'child') return { name, sort: SORT_INSTANCE, index: exported(source.child, source.name) };
      const index = sort === 'instance' ? prelude.instances.get(name) : prelude.funcs.get(name);
      if (index === undefined) throw new Error(`no composite import declared for ${name}`);
      return { name, sort: sort === 'instance' ? SORT_INSTANCE : SORT_FUNC, index };
    });
    const instance = new ByteWriter()
      .u32(1)
      .byte(0x00)
      .u32(component)
      .vec(args, (w, a) => w.name(a.name).byte(a.sort).u32(a.index))
      .finish();
    parts.push(section(SECTION_INSTANCE, instance));
    childInstance.set(i, instances++);
  }

  const exportIndices = plan.exports.map((e) => ({ name: e.name, index: exported(e.child, e.name) }));
  const exportSection = new ByteWriter()
    .vec(exportIndices, (w, e) => w.byte(0x00).name(e.name).byte(SORT_INSTANCE).u32(e.index).byte(0x00))
    .finish();
  parts.push(section(SECTION_EXPORT, exportSection));

  const size = parts.reduce((n, p) => n + p.length, 0);
  const bytes = new Uint8Array(size);
  let at = 0;
  for (const p of parts) {
    bytes.set(p, at);
    at += p.length;
  }
  return { bytes, imports: plan.imports.map((i) => i.name), exports: plan.exports.map((e) => e.name) };
}
