import { parseArgs } from "node:util";
import { CopyRefused, TargetLeftPartial, copyDatabase, type CopyReport } from "./copy";
import { describeDatabase, withoutPasswords } from "./where";

/**
 * npm run db:copy -- --from <file or postgres://…> --to <new file or empty postgres://…>
 * Prints what it copies and a table of every table's rows and checksum; answers with the exit code.
 */
export async function dbCopyCommand(
  args: string[],
  print: (line: string) => void = console.log,
  complain: (line: string) => void = console.error,
): Promise<number> {
  let from: string | undefined;
  let to: string | undefined;
  try {
    ({ from, to } = parseArgs({ args, options: { from: { type: "string" }, to: { type: "string" } } }).values);
  } catch (error) {
    complain(
      `${error instanceof Error ? error.message : String(error)}. Use: npm run db:copy -- --from <file or postgres://…> --to <new file or empty postgres://…>`,
    );
    return 2;
  }
  if (!from || !to) {
    complain("Name both databases: npm run db:copy -- --from <file or postgres://…> --to <new file or empty postgres://…>");
    return 2;
  }
  const started = performance.now();
  print(`Copying ${describeDatabase(from)} to ${describeDatabase(to)}.`);
  let report: CopyReport;
  try {
    report = await copyDatabase({ from, to, log: print });
  } catch (error) {
    const message = sentence(withoutPasswords(error instanceof Error ? error.message : String(error), from, to));
    if (error instanceof CopyRefused) complain(`${message} Nothing was copied.`);
    else if (error instanceof TargetLeftPartial) complain(`The copy failed: ${message}`);
    else complain(`The copy failed: ${message} The target is as it was before the copy.`);
    return 1;
  }
  for (const line of checkTable(report)) print(line);
  const rows = report.tables.reduce((total, table) => total + table.rows, 0);
  const seconds = ((performance.now() - started) / 1000).toFixed(0);
  if (report.ok) {
    print(`Copied ${report.tables.length} tables, ${rows.toLocaleString("en-GB")} rows, in ${seconds} s: every table's rows and checksum match.`);
    print(`Id sequences set to follow on from the source's: ${report.sequences}. The copy is ready: ${describeDatabase(to)}.`);
    return 0;
  }
  for (const table of report.tables.filter((check) => !check.ok)) {
    complain(
      table.rows === table.targetRows
        ? `${table.table}: the same ${table.rows.toLocaleString("en-GB")} rows, but the checksums differ (source ${table.checksum.slice(0, 16)}…, target ${table.targetChecksum.slice(0, 16)}…)`
        : `${table.table}: ${table.rows.toLocaleString("en-GB")} rows in the source, ${table.targetRows.toLocaleString("en-GB")} read back from the target`,
    );
  }
  complain(`The copy does not match the source, so it was not kept: the target is as it was before the copy.`);
  return 1;
}

/** `table | rows | checksum ok`, one line a table, columns aligned. */
export function checkTable(report: CopyReport): string[] {
  const width = Math.max(5, ...report.tables.map((table) => table.table.length));
  const rowsWidth = Math.max(4, ...report.tables.map((table) => table.rows.toLocaleString("en-GB").length));
  const line = (name: string, rows: string, ok: string) => `${name.padEnd(width)} | ${rows.padStart(rowsWidth)} | ${ok}`;
  return [
    line("table", "rows", "checksum ok"),
    `${"-".repeat(width)}-|-${"-".repeat(rowsWidth)}-|-${"-".repeat(11)}`,
    ...report.tables.map((table) => line(table.table, table.rows.toLocaleString("en-GB"), table.ok ? "yes" : "NO")),
  ];
}

/** A message from a library as a sentence, so that ours can follow it. */
const sentence = (text: string) => (/[.!?:]$/.test(text.trim()) ? text.trim() : `${text.trim()}.`);
