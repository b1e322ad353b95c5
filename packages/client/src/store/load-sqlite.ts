import type { Sqlite3Static } from '@sqlite.org/sqlite-wasm';

let loading: Promise<Sqlite3Static> | undefined;

/**
 * Loads and initializes sqlite-wasm once per thread. Imported lazily so the ~1.5 MB of
 * JavaScript and WebAssembly load only where a database is opened (the store Worker, tests).
 */
export function loadSqlite(): Promise<Sqlite3Static> {
  loading ??= import('@sqlite.org/sqlite-wasm').then((module) => module.default());
  return loading;
}
