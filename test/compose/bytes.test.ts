import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ByteReader, ByteWriter } from '../../src/compose/bytes.ts';

const written = (write: (w: ByteWriter) => void): number[] => {
  const w = new ByteWriter();
  write(w);
  return [...w.finish()];
};

describe('LEB128', () => {
  it('writes the values of the WebAssembly spec and of the LEB128 article', () => {
    expect(written((w) => w.u32(0))).toEqual([0x00]);
    expect(written((w) => w.u32(127))).toEqual([0x7f]);
    expect(written((w) => w.u32(128))).toEqual([0x80, 0x01]);
    expect(written((w) => w.u32(624485))).toEqual([0xe5, 0x8e, 0x26]);
    expect(written((w) => w.u32(0xffff_ffff))).toEqual([0xff, 0xff, 0xff, 0xff, 0x0f]);
    // Signed: 63 fits one byte, 64 would read back as -64 there, so it takes two.
    expect(written((w) => w.s33(63))).toEqual([0x3f]);
    expect(written((w) => w.s33(64))).toEqual([0xc0, 0x00]);
    expect(written((w) => w.s33(127))).toEqual([0xff, 0x00]);
  });

  it('reads primitive value types as the negative numbers their opcodes are', () => {
    // `string` is 0x73 (-13), `bool` 0x7f (-1), `error-context` 0x64 (-28).
    expect(new ByteReader(Uint8Array.of(0x73)).s33()).toBe(-13);
    expect(new ByteReader(Uint8Array.of(0x7f)).s33()).toBe(-1);
    expect(new ByteReader(Uint8Array.of(0x64)).s33()).toBe(-28);
    expect(new ByteReader(Uint8Array.of(0xe5, 0x8e, 0x26)).u32()).toBe(624485);
  });

  it('reads back every u32 and every type index it writes', () => {
    fc.assert(
      fc.property(fc.nat({ max: 0xffff_ffff }), (n) => {
        expect(new ByteReader(new ByteWriter().u32(n).finish()).u32()).toBe(n);
        expect(new ByteReader(new ByteWriter().s33(n).finish()).s33()).toBe(n);
      }),
    );
  });

  it('rejects a truncated integer', () => {
    expect(() => new ByteReader(Uint8Array.of(0x80)).u32()).toThrow('unexpected end of the component binary');
  });
});
