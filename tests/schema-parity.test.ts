import { getTableConfig as mysqlTable, MySqlTable } from "drizzle-orm/mysql-core";
import { getTableConfig as sqliteTable, SQLiteTable } from "drizzle-orm/sqlite-core";
import { describe, expect, it } from "vitest";
import * as mysql from "@/db/schema/mysql";
import * as sqlite from "@/db/schema/sqlite";

/** Each table of a schema module: its name, columns with nullability, and index names. */
function shapeOf(
  schema: object,
  isTable: (v: unknown) => boolean,
  config: (table: never) => ReturnType<typeof sqliteTable | typeof mysqlTable>,
) {
  return Object.fromEntries(
    Object.entries(schema)
      .filter(([, v]) => isTable(v))
      .map(([k, v]) => {
        const c = config(v as never);
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
    const a = shapeOf(sqlite, (v) => v instanceof SQLiteTable, sqliteTable);
    const b = shapeOf(mysql, (v) => v instanceof MySqlTable, mysqlTable);
    expect(Object.keys(a).length).toBeGreaterThan(5);
    expect(b).toEqual(a);
  });
});
