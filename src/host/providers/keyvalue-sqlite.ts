/**
 * A persistent embedded `wasmcloud:keyvalue` store: the embedded store's entries kept in one SQLite
 * table (better-sqlite3), so a single machine keeps its counters across restarts without a server.
 * The semantics are the in-memory store's own code (keyvalue.ts); only where entries live differs.
 * better-sqlite3 is synchronous, so this provider answers at once and serves the single-thread host too.
 */
import Database from 'better-sqlite3';
import type { SyncProvider } from '../bus.ts';
import { embeddedKeyValueProvider, KeyValueStore, type Entry, type EntryMap } from './keyvalue.ts';

/** An entry as stored: sets as arrays, the rest as they are. */
type StoredEntry =
  | { kind: 'string'; value: string; expiresAt?: number }
  | { kind: 'list'; items: string[] }
  | { kind: 'set'; members: string[] };

function toStored(entry: Entry): StoredEntry {
  if (entry.kind === 'set') return { kind: 'set', members: [...entry.members] };
  if (entry.kind === 'list') return entry;
  return entry.expiresAt === undefined
    ? { kind: 'string', value: entry.value }
    : { kind: 'string', value: entry.value, expiresAt: entry.expiresAt };
}

function fromStored(stored: StoredEntry): Entry {
  if (stored.kind === 'set') return { kind: 'set', members: new Set(stored.members) };
  if (stored.kind === 'list') return stored;
  return { kind: 'string', value: stored.value, expiresAt: stored.expiresAt };
}

/** A `Map`-shaped view of the `entries` table; every write is committed when it returns. */
class SqliteEntries implements EntryMap {
  readonly #get: Database.Statement<[string], { entry: string }>;
  readonly #set: Database.Statement<[string, string]>;
  readonly #delete: Database.Statement<[string]>;

  constructor(db: Database.Database) {
    db.exec('CREATE TABLE IF NOT EXISTS entries (key TEXT PRIMARY KEY NOT NULL, entry TEXT NOT NULL) WITHOUT ROWID');
    this.#get = db.prepare('SELECT entry FROM entries WHERE key = ?');
    this.#set = db.prepare(
      'INSERT INTO entries (key, entry) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET entry = excluded.entry',
    );
    this.#delete = db.prepare('DELETE FROM entries WHERE key = ?');
  }

  get(key: string): Entry | undefined {
    const row = this.#get.get(key);
    return row === undefined ? undefined : fromStored(JSON.parse(row.entry) as StoredEntry);
  }

  set(key: string, entry: Entry): void {
    this.#set.run(key, JSON.stringify(toStored(entry)));
  }

  delete(key: string): boolean {
    return this.#delete.run(key).changes > 0;
  }
}

export interface SqliteKeyValueOptions {
  /** The database file; created if missing. */
  file: string;
  linkName?: string;
  /** Milliseconds since the epoch; injectable so that expiry can be tested. */
  now?: () => number;
}

export type SqliteKeyValueProvider = SyncProvider & { store: KeyValueStore; close(): void };

/** Opens (or creates) the database; a file that cannot be opened throws better-sqlite3's error. */
export function sqliteKeyValueProvider(options: SqliteKeyValueOptions): SqliteKeyValueProvider {
  const db = new Database(options.file);
  // WAL: a crash loses no committed write, and a write does not rewrite the main file each time.
  db.pragma('journal_mode = WAL');
  const provider = embeddedKeyValueProvider(new KeyValueStore(options.now, new SqliteEntries(db)), options.linkName);
  return { ...provider, close: () => db.close() };
}
