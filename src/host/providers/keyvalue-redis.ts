/**
 * A `wasmcloud:keyvalue` store on Redis (node-redis), with the in-memory store's semantics: kinds
 * share one key space and using a key as another kind is rpc-error `invalid-parameter` with the
 * same text; `increment` keeps the s32 range and the key's time to live (a Lua script, so that the
 * check and the write are one step); set members come back sorted.
 *
 * While Redis cannot be reached, calls fail at once with rpc-error `provider-init` (the provider's
 * link to its store is down) instead of queueing: commands are not buffered offline, and the client
 * keeps reconnecting in the background, so serving resumes by itself once Redis is back.
 */
import { createClient, ErrorReply } from 'redis';
import type { Provider } from '../bus.ts';
import { rpcError } from '../rpc-error.ts';
import { keyValueProviderOf, type KeyValueBackend } from './keyvalue.ts';

const RECONNECT_MAX_DELAY_MS = 1000;
const DEFAULT_CONNECT_TIMEOUT_MS = 5000;

type ScriptAnswer = ['ok', number] | ['kind', string] | ['not-integer'] | ['overflow'];

/** KEYS[1]: the key; ARGV[1]: the amount. Mirrors KeyValueStore.increment. */
const INCREMENT = `
local t = redis.call('TYPE', KEYS[1])['ok']
if t ~= 'none' and t ~= 'string' then return {'kind', t} end
local v = redis.call('GET', KEYS[1])
local n = 0
if v then
  if not string.match(v, '^%-?%d+$') then return {'not-integer'} end
  n = tonumber(v)
end
n = n + tonumber(ARGV[1])
if n < -2147483648 or n > 2147483647 then return {'overflow'} end
redis.call('SET', KEYS[1], string.format('%d', n), 'KEEPTTL')
return {'ok', n}
`;

/** KEYS[1]: the key; ARGV[1]: the kind it must hold. Deletes it if it does: 1, or 0 when missing. */
const CLEAR = `
local t = redis.call('TYPE', KEYS[1])['ok']
if t == 'none' then return {'ok', 0} end
if t ~= ARGV[1] then return {'kind', t} end
redis.call('DEL', KEYS[1])
return {'ok', 1}
`;

const kindError = (key: string, held: string, wanted: string) =>
  rpcError('invalid-parameter', `key ${key} holds a ${held}, not a ${wanted}`);

export interface RedisKeyValueOptions {
  /** `redis://[[user]:password@]host[:port][/db]` */
  url: string;
  linkName?: string;
  /** How long to wait for the first connection. Default 5000. */
  connectTimeoutMs?: number;
}

/** The URL without its password, for messages. */
function shown(url: string): string {
  try {
    const u = new URL(url);
    u.password = '';
    u.username = '';
    return u.toString();
  } catch {
    return url;
  }
}

/** What the store needs of a node-redis client. */
interface CommandSender {
  sendCommand(args: string[]): Promise<unknown>;
}

export class RedisKeyValueStore implements KeyValueBackend {
  readonly #client: CommandSender;
  readonly #where: string;

  constructor(client: CommandSender, where: string) {
    this.#client = client;
    this.#where = where;
  }

  /** Runs a command; an unreachable server becomes rpc-error `provider-init`, a Redis error reply stays an error. */
  async #run<T>(args: string[]): Promise<T> {
    try {
      return (await this.#client.sendCommand(args)) as T;
    } catch (e) {
      if (e instanceof ErrorReply) throw e;
      throw rpcError(
        'provider-init',
        `the keyvalue store at ${this.#where} is unavailable: ${e instanceof Error ? e.message : String(e)}`,
      );
    }
  }

  /** A single-key command that may meet a key of another kind (Redis WRONGTYPE). */
  async #typed<T>(key: string, kind: string, args: string[]): Promise<T> {
    try {
      return await this.#run<T>(args);
    } catch (e) {
      if (!(e instanceof ErrorReply && e.message.startsWith('WRONGTYPE'))) throw e;
      throw kindError(key, await this.#run<string>(['TYPE', key]), kind);
    }
  }

  async #script(script: string, key: string, arg: string, wanted: string): Promise<number> {
    const answer = await this.#run<ScriptAnswer>(['EVAL', script, '1', key, arg]);
    switch (answer[0]) {
      case 'ok':
        return answer[1];
      case 'kind':
        throw kindError(key, answer[1], wanted);
      case 'not-integer':
        throw rpcError('invalid-parameter', `key ${key} does not hold an integer`);
      case 'overflow':
        throw rpcError('invalid-parameter', `incrementing ${key} overflows an s32`);
    }
  }

  /** Every name must be a set or missing; the first that is not is reported, as the in-memory store does. */
  async #checkSets(names: string[]): Promise<void> {
    for (const name of names) {
      const held = await this.#run<string>(['TYPE', name]);
      if (held !== 'none' && held !== 'set') throw kindError(name, held, 'set');
    }
  }

  async get(key: string): Promise<{ value: string; exists: boolean }> {
    const value = await this.#typed<string | null>(key, 'string', ['GET', key]);
    return value === null ? { value: '', exists: false } : { value, exists: true };
  }

  async set(key: string, value: string, expires: number): Promise<void> {
    await this.#run(expires > 0 ? ['SET', key, value, 'EX', String(expires)] : ['SET', key, value]);
  }

  async del(key: string): Promise<boolean> {
    return (await this.#run<number>(['DEL', key])) > 0;
  }

  async contains(key: string): Promise<boolean> {
    return (await this.#run<number>(['EXISTS', key])) > 0;
  }

  increment(key: string, by: number): Promise<number> {
    return this.#script(INCREMENT, key, String(by), 'string');
  }

  listAdd(name: string, value: string): Promise<number> {
    return this.#typed<number>(name, 'list', ['RPUSH', name, value]);
  }

  async listClear(name: string): Promise<boolean> {
    return (await this.#script(CLEAR, name, 'list', 'list')) === 1;
  }

  async listDel(name: string, value: string): Promise<boolean> {
    return (await this.#typed<number>(name, 'list', ['LREM', name, '1', value])) > 0;
  }

  listRange(name: string, start: number, stop: number): Promise<string[]> {
    return this.#typed<string[]>(name, 'list', ['LRANGE', name, String(start), String(stop)]);
  }

  setAdd(name: string, value: string): Promise<number> {
    return this.#typed<number>(name, 'set', ['SADD', name, value]);
  }

  setDel(name: string, value: string): Promise<number> {
    return this.#typed<number>(name, 'set', ['SREM', name, value]);
  }

  async setQuery(name: string): Promise<string[]> {
    return (await this.#typed<string[]>(name, 'set', ['SMEMBERS', name])).sort();
  }

  async setUnion(names: string[]): Promise<string[]> {
    if (names.length === 0) return [];
    await this.#checkSets(names);
    return (await this.#run<string[]>(['SUNION', ...names])).sort();
  }

  async setIntersection(names: string[]): Promise<string[]> {
    if (names.length === 0) return [];
    await this.#checkSets(names);
    return (await this.#run<string[]>(['SINTER', ...names])).sort();
  }

  async setClear(name: string): Promise<boolean> {
    return (await this.#script(CLEAR, name, 'set', 'set')) === 1;
  }
}

export type RedisKeyValueProvider = Provider & { store: RedisKeyValueStore; close(): Promise<void> };

/**
 * Connects to Redis and answers through it. The first connection must succeed within
 * `connectTimeoutMs` (else this rejects with an `Error` naming the server); later outages are
 * rpc-errors while the client reconnects.
 */
export async function redisKeyValueProvider(options: RedisKeyValueOptions): Promise<RedisKeyValueProvider> {
  const where = shown(options.url);
  const client = createClient({
    url: options.url,
    disableOfflineQueue: true,
    socket: { reconnectStrategy: (retries: number) => Math.min(50 * 2 ** retries, RECONNECT_MAX_DELAY_MS) },
  });
  let lastError: unknown;
  // node-redis emits every connection failure as 'error'; without a listener Node would throw it.
  client.on('error', (e: unknown) => {
    lastError = e;
  });
  const timeoutMs = options.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS;
  let timer: NodeJS.Timeout | undefined;
  const connected = await Promise.race([
    client.connect().then(
      () => true,
      () => false,
    ),
    new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), timeoutMs))),
  ]);
  clearTimeout(timer);
  if (!connected) {
    client.destroy();
    const why = lastError instanceof Error ? `: ${lastError.message}` : '';
    throw new Error(`cannot reach the Redis server at ${where} within ${timeoutMs} ms${why}`);
  }
  const store = new RedisKeyValueStore(client, where);
  return { ...keyValueProviderOf(store, options.linkName), close: () => client.close() };
}
