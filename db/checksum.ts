import { createHash } from "node:crypto";

/**
 * A table's checksum, the same on SQLite and PostgreSQL for the same rows (decision 027).
 *
 * Each row is written out canonically: its columns in the order of their names (the engines may
 * declare them in another order), each value as JSON would write it, so `null` is not `""` and the
 * number 7 is not the text "7"; a whole number is its digits whichever way the driver handed it
 * over (a JavaScript number or a bigint); Infinity, NaN and bytes are bare words no text can be.
 * The row's SHA-256 digests are then added up modulo 2^256.
 * A sum does not depend on the order of the rows, which matters because the two engines do not
 * order text alike: SQLite compares bytes, PostgreSQL follows the database's collation, so
 * "primary-key order" is not one order across them. Every row is distinct (it has a primary key),
 * so no two rows can cancel out, and the row count is compared beside the sum.
 */
export class TableChecksum {
  readonly #columns: string[];
  readonly #sum = new Uint32Array(8);
  rows = 0;

  constructor(columns: readonly string[]) {
    this.#columns = [...columns].sort();
  }

  add(row: Record<string, unknown>): void {
    const digest = createHash("sha256").update(canonicalRow(row, this.#columns)).digest();
    let carry = 0;
    for (let lane = 7; lane >= 0; lane--) {
      const total = this.#sum[lane] + digest.readUInt32BE(lane * 4) + carry;
      this.#sum[lane] = total >>> 0;
      carry = total > 0xffff_ffff ? 1 : 0;
    }
    this.rows++;
  }

  get digest(): string {
    return [...this.#sum].map((lane) => lane.toString(16).padStart(8, "0")).join("");
  }
}

/** One row as text that is the same on both engines for the same values. */
export function canonicalRow(row: Record<string, unknown>, sortedColumns: readonly string[]): string {
  return `[${sortedColumns.map((column) => canonicalValue(row[column], column)).join(",")}]`;
}

function canonicalValue(value: unknown, column: string): string {
  if (value === null) return "null";
  if (typeof value === "string") return JSON.stringify(value);
  if (typeof value === "bigint") return value.toString();
  // A whole number as its exact digits, so a double past 2^53 reads the same as the bigint of that value.
  if (typeof value === "number") return Number.isInteger(value) ? BigInt(value).toString() : String(value);
  if (typeof value === "boolean") return value ? "1" : "0";
  if (value instanceof Uint8Array) return `x'${Buffer.from(value).toString("hex")}'`;
  throw new Error(`The column ${column} holds a value db:copy cannot compare (${value === undefined ? "missing" : Object.prototype.toString.call(value)}).`);
}
