import type { Database } from '@sqlite.org/sqlite-wasm';

export type SqlParam = string | number | null;
export type Row = Record<string, string | number | null>;

/**
 * The few calls the store makes on a sqlite-wasm database, with typed rows. Synchronous: the
 * store runs in its own Worker (or in-thread in Node tests), where blocking is fine.
 */
export class SqlDatabase {
  readonly #db: Database;
  #depth = 0;

  constructor(db: Database) {
    this.#db = db;
  }

  exec(sql: string): void {
    this.#db.exec(sql);
  }

  /** Runs a statement; returns the number of rows it changed. */
  run(sql: string, params: SqlParam[] = []): number {
    this.#db.exec(params.length === 0 ? { sql } : { sql, bind: params });
    return Number(this.#db.changes());
  }

  all<T extends Row>(sql: string, params: SqlParam[] = []): T[] {
    return this.#db.selectObjects(sql, bindable(params)) as T[];
  }

  get<T extends Row>(sql: string, params: SqlParam[] = []): T | undefined {
    return this.#db.selectObject(sql, bindable(params)) as T | undefined;
  }

  /** Runs `fn` in one transaction; nested calls join the outer one. */
  transaction<T>(fn: () => T): T {
    if (this.#depth > 0) return fn();
    this.#depth += 1;
    try {
      return this.#db.transaction(() => fn());
    } finally {
      this.#depth -= 1;
    }
  }

  close(): void {
    this.#db.close();
  }
}

/** sqlite-wasm refuses an empty parameter list for a statement without parameters. */
function bindable(params: SqlParam[]): SqlParam[] | undefined {
  return params.length === 0 ? undefined : params;
}
