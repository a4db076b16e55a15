import "server-only";
import Database from "libsql";

/**
 * Prepared statements, kept. @libsql/client prepares every statement it runs afresh (its
 * `executeStmt` calls `prepare` each time, BEGIN and COMMIT included), which on the send path
 * was a tenth of the server's CPU: parsing and planning the same few SQL strings hundreds of
 * times a second. This keeps each connection's statements by their SQL text, the most recently
 * used `MAX_PER_CONNECTION` of them, so a repeat skips the parse.
 *
 * Safe because of how the client uses them: every use binds its own arguments and runs to the
 * end at once (`run`, or `all` that reads every row), synchronously, and sets the statement's
 * modes (`raw`, `safeIntegers`) before each use. Only data statements and transaction control
 * are kept; anything else (DDL, PRAGMA) and every `exec` may change the schema, and a kept
 * statement's column list would then be stale until it runs again (the client reads the
 * columns before it runs), so those forget the connection's statements. Installed once per
 * process, before the first connection opens.
 */
const MAX_PER_CONNECTION = 256;
const KEPT = /^\s*(select|insert|update|delete|replace|with|begin|commit|rollback|savepoint|release)\b/i;

type Connection = Database.Database;
type Statement = Database.Statement;
const installed = globalThis as unknown as { __moimSqliteStatements?: true };

export function keepPreparedStatements(): void {
  if (installed.__moimSqliteStatements) return;
  installed.__moimSqliteStatements = true;
  const proto = Database.prototype as {
    prepare(this: Connection, sql: string): Statement;
    exec(this: Connection, sql: string): Connection;
  };
  const { prepare, exec } = proto;
  const kept = new WeakMap<Connection, Map<string, Statement>>();
  proto.exec = function (this: Connection, sql: string): Connection {
    kept.delete(this);
    return exec.call(this, sql);
  };
  proto.prepare = function (this: Connection, sql: string): Statement {
    if (!KEPT.test(sql)) {
      kept.delete(this);
      return prepare.call(this, sql);
    }
    let statements = kept.get(this);
    if (!statements) kept.set(this, (statements = new Map()));
    const hit = statements.get(sql);
    if (hit) {
      // Most recently used last, so the first key is the one to drop.
      statements.delete(sql);
      statements.set(sql, hit);
      return hit;
    }
    const statement = prepare.call(this, sql);
    statements.set(sql, statement);
    if (statements.size > MAX_PER_CONNECTION) statements.delete(statements.keys().next().value!);
    return statement;
  };
}
