/**
 * `providerFor` for `witbus/host`: the generation it needs (WIT loading, esbuild) is imported
 * only when it is called, so a host that uses only its own providers never loads it.
 */
import type { Provider } from '../bus.ts';
import type { ProviderForOptions } from '../../service/provider-binding.ts';

export type { ProviderForOptions };

/**
 * A provider of the contract in `wit` (a WIT file or package folder) answering with `impl`: an
 * object with the contract's functions as jco names them (`listAdd` for `list-add`), each
 * answering a value or a promise of one, or throwing an rpc-error value.
 */
export async function providerFor(wit: string, impl: object, options: ProviderForOptions = {}): Promise<Provider> {
  const service = await import('../../service/provider-binding.ts');
  return service.providerFor(wit, impl, options);
}
