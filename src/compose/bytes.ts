/**
 * Reading and writing the primitives of the WebAssembly binary format that the component layer
 * uses: LEB128 integers, names, vectors and sections.
 */
import { ComposeError } from './errors.ts';

export class ByteReader {
  pos: number;
  constructor(
    readonly bytes: Uint8Array,
    start = 0,
    readonly end = bytes.length,
  ) {
    this.pos = start;
  }

  get done(): boolean {
    return this.pos >= this.end;
  }

  byte(): number {
    if (this.pos >= this.end) throw new ComposeError(`unexpected end of the component binary at byte ${this.pos}`);
    return this.bytes[this.pos++]!;
  }

  peek(): number {
    if (this.pos >= this.end) throw new ComposeError(`unexpected end of the component binary at byte ${this.pos}`);
    return this.bytes[this.pos]!;
  }

  u32(): number {
    let result = 0;
    let shift = 0;
    for (;;) {
      const b = this.byte();
      result += (b & 0x7f) * 2 ** shift;
      if ((b & 0x80) === 0) break;
      shift += 7;
      if (shift > 28) throw new ComposeError(`malformed u32 at byte ${this.pos}`);
    }
    if (result > 0xffff_ffff) throw new ComposeError(`u32 out of range at byte ${this.pos}`);
    return result;
  }

  /** A signed 33-bit LEB128: how a `valtype` tells a type index (>= 0) from a primitive (< 0). */
  s33(): number {
    let result = 0;
    let shift = 0;
    let b: number;
    do {
      b = this.byte();
      result += (b & 0x7f) * 2 ** shift;
      shift += 7;
      if (shift > 35) throw new ComposeError(`malformed s33 at byte ${this.pos}`);
    } while (b & 0x80);
    return b & 0x40 ? result - 2 ** shift : result;
  }

  take(n: number): Uint8Array {
    if (this.pos + n > this.end) throw new ComposeError(`unexpected end of the component binary at byte ${this.pos}`);
    const out = this.bytes.subarray(this.pos, this.pos + n);
    this.pos += n;
    return out;
  }

  name(): string {
    const len = this.u32();
    return new TextDecoder('utf-8', { fatal: true }).decode(this.take(len));
  }

  vec<T>(item: () => T): T[] {
    const n = this.u32();
    const out: T[] = [];
    for (let i = 0; i < n; i++) out.push(item());
    return out;
  }
}

export class ByteWriter {
  private chunks: number[] = [];

  byte(b: number): this {
    this.chunks.push(b);
    return this;
  }

  u32(value: number): this {
    let v = value;
    do {
      let b = v & 0x7f;
      v = Math.floor(v / 128);
      if (v !== 0) b |= 0x80;
      this.chunks.push(b);
    } while (v !== 0);
    return this;
  }

  /** A non-negative index in a signed position (`valtype`): 64..127 need a second byte. */
  s33(value: number): this {
    let v = value;
    for (;;) {
      const b = v & 0x7f;
      v = Math.floor(v / 128);
      const signClear = (b & 0x40) === 0;
      if (v === 0 && signClear) {
        this.chunks.push(b);
        return this;
      }
      this.chunks.push(b | 0x80);
    }
  }

  bytes(bytes: Uint8Array): this {
    for (const b of bytes) this.chunks.push(b);
    return this;
  }

  name(text: string): this {
    const encoded = new TextEncoder().encode(text);
    return this.u32(encoded.length).bytes(encoded);
  }

  vec<T>(items: readonly T[], item: (w: this, t: T) => void): this {
    this.u32(items.length);
    for (const t of items) item(this, t);
    return this;
  }

  finish(): Uint8Array {
    return Uint8Array.from(this.chunks);
  }
}

/** One section: its id, and its contents' place in the binary. */
export interface Section {
  id: number;
  start: number;
  end: number;
}

export const COMPONENT_PREAMBLE = Uint8Array.of(0x00, 0x61, 0x73, 0x6d, 0x0d, 0x00, 0x01, 0x00);

export function isComponent(bytes: Uint8Array): boolean {
  return bytes.length >= 8 && COMPONENT_PREAMBLE.every((b, i) => bytes[i] === b);
}

/** The top-level sections of a component binary. */
export function sections(bytes: Uint8Array): Section[] {
  const r = new ByteReader(bytes, COMPONENT_PREAMBLE.length);
  const out: Section[] = [];
  while (!r.done) {
    const id = r.byte();
    const size = r.u32();
    const start = r.pos;
    r.take(size);
    out.push({ id, start, end: r.pos });
  }
  return out;
}

/** A section with its size prefix, as bytes; children (`Uint8Array`) are copied verbatim. */
export function section(id: number, contents: Uint8Array): Uint8Array {
  const header = new ByteWriter().byte(id).u32(contents.length).finish();
  const out = new Uint8Array(header.length + contents.length);
  out.set(header, 0);
  out.set(contents, header.length);
  return out;
}
