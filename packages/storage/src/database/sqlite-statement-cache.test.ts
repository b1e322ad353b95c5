import SqliteConnection from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { withStatementCache } from './sqlite-statement-cache.ts';

describe('withStatementCache', () => {
  it('reuses a statement for the same SQL and keeps at most `capacity`, dropping the least recent', () => {
    const connection = new SqliteConnection(':memory:');
    const cached = withStatementCache(connection, 2);
    const a = cached.prepare('select 1');
    expect(cached.prepare('select 1')).toBe(a);
    const b = cached.prepare('select 2');
    cached.prepare('select 1'); // now 'select 2' is the least recent
    cached.prepare('select 3');
    expect(cached.prepare('select 1')).toBe(a);
    expect(cached.prepare('select 2')).not.toBe(b);
    cached.close();
    expect(connection.open).toBe(false);
  });
});
