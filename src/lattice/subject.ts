/**
 * The NATS subjects of the wasmbus lattice, after wasmCloud's `wasmbus.rpc.<lattice>.<...>`:
 *
 *     wasmbus.rpc.<lattice>.<contract id>.<link name>
 *
 * carries the messages for whoever handles that contract on that link: a provider (keyvalue), or
 * an actor host whose app receives the contract (httpserver). Each part is one subject token,
 * encoded so that any string fits: the characters `A-Z a-z 0-9 - _ : /` stand for themselves and
 * every other UTF-8 byte (`.`, `*`, `>`, whitespace, `%`, `@`, non-ASCII...) is written `%HH`
 * (uppercase hex). So `wasmcloud:keyvalue` stays as it is, `wasmcloud:keyvalue@0.1.0` becomes
 * `wasmcloud:keyvalue%400%2E1%2E0`, and decoding gives back the exact string. Empty parts are refused.
 */

const PREFIX = 'wasmbus.rpc';
const KEPT = /^[A-Za-z0-9\-_:/]$/;
const ENCODED_TOKEN = /^(?:[A-Za-z0-9\-_:/]|%[0-9A-F]{2})+$/;

export function encodeToken(part: string): string {
  if (part === '') throw new Error('a lattice subject part cannot be empty');
  let out = '';
  for (const ch of part) {
    if (KEPT.test(ch)) out += ch;
    else for (const byte of new TextEncoder().encode(ch)) out += `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

export function decodeToken(token: string): string {
  if (!ENCODED_TOKEN.test(token)) throw new Error(`not an encoded lattice subject token: ${JSON.stringify(token)}`);
  const bytes: number[] = [];
  for (let i = 0; i < token.length;) {
    if (token[i] === '%') {
      bytes.push(parseInt(token.slice(i + 1, i + 3), 16));
      i += 3;
    } else {
      bytes.push(token.charCodeAt(i));
      i++;
    }
  }
  const part = new TextDecoder('utf-8', { fatal: true }).decode(new Uint8Array(bytes));
  // One string, one token: `%41` for `A` is refused, so that a subject names one address only.
  if (encodeToken(part) !== token) throw new Error(`not the canonical encoding of ${JSON.stringify(part)}: ${token}`);
  return part;
}

export interface RpcAddress {
  lattice: string;
  contractId: string;
  linkName: string;
}

export function rpcSubject(address: RpcAddress): string {
  return [PREFIX, encodeToken(address.lattice), encodeToken(address.contractId), encodeToken(address.linkName)].join(
    '.',
  );
}

/** The address a subject of `rpcSubject` names: the exact reverse. */
export function parseRpcSubject(subject: string): RpcAddress {
  const tokens = subject.split('.');
  if (tokens.length !== 5 || `${tokens[0]}.${tokens[1]}` !== PREFIX)
    throw new Error(`not a wasmbus rpc subject: ${JSON.stringify(subject)}`);
  return { lattice: decodeToken(tokens[2]!), contractId: decodeToken(tokens[3]!), linkName: decodeToken(tokens[4]!) };
}
