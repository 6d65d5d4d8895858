/** Statements whose SQL depends on the request, prepared once and kept per database. */
import type Database from 'better-sqlite3';
import { Lru } from '../../lru.js';

/** Statements kept per database: preparing one cost as much as running it on every query. */
const STATEMENTS_KEPT = 128;
const statements = new WeakMap<Database.Database, Lru<string, Database.Statement>>();

/** A prepared statement for this SQL, reused while it stays among the most recently used. */
export function prepared<Row>(db: Database.Database, sql: string): Database.Statement<unknown[], Row> {
  let cache = statements.get(db);
  if (!cache) {
    cache = new Lru(STATEMENTS_KEPT);
    statements.set(db, cache);
  }
  const statement = cache.get(sql) ?? cache.set(sql, db.prepare(sql));
  return statement as Database.Statement<unknown[], Row>;
}
