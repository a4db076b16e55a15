import { getTableConfig as mysqlTable, MySqlTable } from "drizzle-orm/mysql-core";
import { getTableConfig as sqliteTable, SQLiteTable } from "drizzle-orm/sqlite-core";
import { describe, expect, it } from "vitest";
import * as mysql from "@/db/schema/mysql";
import * as sqlite from "@/db/schema/sqlite";

function describeSqlite() {
  return Object.fromEntries(
    Object.entries(sqlite)
      .filter(([, v]) => v instanceof SQLiteTable)
      .map(([k, v]) => {
        const c = sqliteTable(v as SQLiteTable);
        return [
          k,
          {
            name: c.name,
            columns: c.columns.map((col) => [col.name, col.notNull]).sort(),
            indexes: c.indexes.map((i) => i.config.name).sort(),
          },
        ];
      }),
  );
}

function describeMysql() {
  return Object.fromEntries(
    Object.entries(mysql)
      .filter(([, v]) => v instanceof MySqlTable)
      .map(([k, v]) => {
        const c = mysqlTable(v as MySqlTable);
        return [
          k,
          {
            name: c.name,
            columns: c.columns.map((col) => [col.name, col.notNull]).sort(),
            indexes: c.indexes.map((i) => i.config.name).sort(),
          },
        ];
      }),
  );
}

describe("the two dialect schemas", () => {
  it("define the same tables, columns, nullability and indexes", () => {
    const a = describeSqlite();
    const b = describeMysql();
    expect(Object.keys(a).length).toBeGreaterThan(5);
    expect(b).toEqual(a);
  });
});
