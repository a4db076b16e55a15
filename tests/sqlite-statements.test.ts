import Database from "libsql";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { keepPreparedStatements } from "@/db/dialect/sqlite-statements";

/** db/dialect/sqlite-statements.ts: statements kept per connection, and still right when reused. */
describe("kept SQLite statements", () => {
  let dir: string;
  let db: Database.Database;
  beforeAll(() => {
    keepPreparedStatements();
    keepPreparedStatements(); // idempotent: installing twice must not wrap twice
    dir = mkdtempSync(path.join(tmpdir(), "moim-stmts-"));
    db = new Database(path.join(dir, "kept.db"));
    db.exec("CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT UNIQUE)");
  });
  afterAll(() => {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("returns the same statement for the same SQL on one connection, another on another connection", () => {
    const sql = "SELECT v FROM t WHERE id = ?";
    expect(db.prepare(sql)).toBe(db.prepare(sql));
    const other = new Database(path.join(dir, "kept.db"));
    try {
      expect(other.prepare(sql)).not.toBe(db.prepare(sql));
    } finally {
      other.close();
    }
  });

  it("keeps a statement usable after a constraint error and binds fresh arguments each time", () => {
    const insert = "INSERT INTO t (v) VALUES (?)";
    db.prepare(insert).run(["one"]);
    expect(() => db.prepare(insert).run(["one"])).toThrow(/UNIQUE/);
    db.prepare(insert).run(["two"]);
    const select = db.prepare("SELECT v FROM t WHERE v >= ? ORDER BY v");
    select.raw(true);
    expect(select.all(["one"])).toEqual([["one"], ["two"]]);
    expect(db.prepare("SELECT v FROM t WHERE v >= ? ORDER BY v").all(["tw"])).toEqual([["two"]]);
  });

  it("forgets a connection's statements on a schema change, by exec or by a prepared DDL statement", () => {
    const star = "SELECT * FROM t ORDER BY id LIMIT 1";
    const columns = () => db.prepare(star).columns().map((c) => c.name);
    const before = db.prepare(star);
    expect(columns()).toEqual(["id", "v"]);
    db.exec("ALTER TABLE t ADD COLUMN w TEXT");
    expect(db.prepare(star)).not.toBe(before);
    expect(columns()).toEqual(["id", "v", "w"]);
    db.prepare("ALTER TABLE t ADD COLUMN x TEXT").run([]);
    expect(columns()).toEqual(["id", "v", "w", "x"]);
    const row = db.prepare(star).raw(true).all([]);
    expect(row[0]).toHaveLength(4);
  });

  it("drops the least recently used past 256 per connection", () => {
    const first = db.prepare("SELECT 0");
    const hot = db.prepare("SELECT -1");
    for (let i = 1; i <= 256; i++) {
      db.prepare(`SELECT ${i}`);
      if (i % 64 === 0) db.prepare("SELECT -1"); // used again: stays
    }
    expect(db.prepare("SELECT -1")).toBe(hot);
    expect(db.prepare("SELECT 0")).not.toBe(first);
  });
});
