/** The `fetch` transport: posts each message to a host's message endpoint (protocol.ts). */
import { CONTRACT_HEADER, LINK_HEADER, METHOD_HEADER, REPLY_HEADER, type AsyncSend } from './protocol.ts';

export interface FetchTransportOptions {
  /** Defaults to the global `fetch`. */
  fetch?: typeof fetch;
  /** Extra request headers (authorization, say). */
  headers?: Record<string, string>;
}

/**
 * An async `send` posting to `url`. An rpc-error answer rejects with the rpc-error value, as a
 * plain sender throws it; a failed request rejects with rpc-error `host-error` naming what failed.
 */
export function fetchTransport(url: string | URL, options: FetchTransportOptions = {}): AsyncSend {
  const doFetch = options.fetch ?? fetch;
  return async (msg, contractName, linkName) => {
    let response: Response;
    try {
      response = await doFetch(url, {
        method: 'POST',
        headers: {
          ...options.headers,
          'content-type': 'application/octet-stream',
          [METHOD_HEADER]: msg.method,
          [CONTRACT_HEADER]: contractName,
          ...(linkName === undefined ? {} : { [LINK_HEADER]: linkName }),
        },
        body: msg.arg,
      });
    } catch (e) {
      throw { tag: 'host-error', val: `cannot post ${msg.method} to ${String(url)}: ${(e as Error).message}` };
    }
    const reply = response.headers.get(REPLY_HEADER);
    if (!response.ok || (reply !== 'ok' && reply !== 'rpc-error'))
      throw {
        tag: 'host-error',
        val: `${String(url)} answered ${msg.method} with HTTP ${response.status}, not a witbus reply`,
      };
    if (reply === 'rpc-error') throw await response.json();
    return new Uint8Array(await response.arrayBuffer());
  };
}
