import { TableChecksum, canonicalRow } from "../../db/checksum";

/** db:copy's checksum (decision 027): the same for the same rows on either engine, different for any changed value. */
const sumOf = (columns: string[], rows: Record<string, unknown>[]) => {
  const sum = new TableChecksum(columns);
  for (const row of rows) sum.add(row);
  return sum.digest;
};

describe("the table checksum", () => {
  it("does not depend on the order of the rows or of the columns", () => {
    const rows = [
      { id: 1, key: "Zoo", value: null },
      { id: 2, key: "Zoë", value: "" },
      { id: 3, key: "zoo", value: "7" },
    ];
    const reordered = [rows[2], rows[0], rows[1]].map(({ value, key, id }) => ({ value, key, id }));
    expect(sumOf(["id", "key", "value"], reordered)).toBe(sumOf(["value", "id", "key"], rows));
  });

  it("reads a whole number the same whether the driver gave a number or a bigint, and tells text, numbers and null apart", () => {
    expect(canonicalRow({ n: 7 }, ["n"])).toBe(canonicalRow({ n: 7n }, ["n"]));
    expect(canonicalRow({ n: 2 ** 60 }, ["n"])).toBe(canonicalRow({ n: 2n ** 60n }, ["n"]));
    const values = [null, "", "null", 7, "7", 1.5, "1.5", Infinity, "Infinity", Buffer.from("ab"), "x'6162'"];
    const written = values.map((value) => canonicalRow({ v: value }, ["v"]));
    expect(new Set(written).size).toBe(values.length);
  });

  it("changes when any one value changes, and counts the rows", () => {
    const rows = Array.from({ length: 50 }, (_, id) => ({ id, text: `row ${id}`, at: "2026-12-05T09:44:55.123Z" }));
    const sum = new TableChecksum(["id", "text", "at"]);
    for (const row of rows) sum.add(row);
    expect(sum.rows).toBe(50);
    expect(sum.digest).toMatch(/^[0-9a-f]{64}$/);
    const changed = rows.map((row) => (row.id === 31 ? { ...row, at: "2026-12-05T09:44:55.12Z" } : row));
    expect(sumOf(["id", "text", "at"], changed)).not.toBe(sum.digest);
    expect(sumOf(["id", "text", "at"], rows.slice(1))).not.toBe(sum.digest);
  });

  it("refuses a value it cannot write out the same on both engines", () => {
    expect(() => canonicalRow({ at: new Date() }, ["at"])).toThrow(/The column at holds a value db:copy cannot compare/);
    expect(() => canonicalRow({}, ["missing"])).toThrow(/missing/);
  });
});
