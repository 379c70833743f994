import { describe, expect, it } from 'vitest';
import { loadComponent, withUnversionedKeys } from '../../src/host/load.ts';
import { BACKENDS } from '../../src/component/types.ts';
import { componentDir } from '../setup/paths.ts';

describe('loadComponent', () => {
  it('offers every versioned import key without its version too (jco#708)', () => {
    const a = { f: () => 1 };
    const b = { g: () => 2 };
    const c = { h: () => 3 };
    const keys = withUnversionedKeys({ 'x:y/z@1.0.0': a, 'x:y/w': b, 'x:y/w@2.0.0': c });
    expect(keys).toEqual({ 'x:y/z@1.0.0': a, 'x:y/z': a, 'x:y/w': b, 'x:y/w@2.0.0': c });
  });

  for (const backend of BACKENDS) {
    it(`instantiates a ${backend} component from the versioned key its typings name`, async () => {
      const probe = await loadComponent(componentDir(backend, 'probe-v1'));
      const sent: unknown[] = [];
      const send = (msg: { method: string }, contract: string, link: string | null | undefined): Uint8Array => {
        sent.push([msg.method, contract, link ?? 'none']);
        return new TextEncoder().encode('"ok"');
      };
      const exports = probe.instantiate({ 'wasmcloud:wasmbus/sender@0.1.0': { send: send as (...args: unknown[]) => unknown } });
      const arg = new TextEncoder().encode(JSON.stringify({ contract: 'c:d', link: 'l', method: 'A.B', arg: '1' }));
      const reply = exports['wasmcloud:wasmbus/receiver@0.1.0']!['receive']!({ method: 'Probe.Send', arg }) as Uint8Array;
      expect(new TextDecoder().decode(reply)).toBe('"ok"');
      expect(sent).toEqual([['A.B', 'c:d', 'l']]);
    });
  }

  it('names the folder when it holds no built component', async () => {
    await expect(loadComponent('/nonexistent/witbus')).rejects.toThrow('/nonexistent/witbus holds no built component');
  });
});
