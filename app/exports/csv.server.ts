import { stringify } from "csv-stringify/sync";
import { neutralise, type Cell } from "./neutralise";

/**
 * A CSV file as it is made, a batch of rows at a time: a byte-order mark so spreadsheets read it as
 * UTF-8, then the header row, then the rows. CRLF ends each record, as RFC 4180 says.
 */
export async function* csvChunks(headers: string[], batches: AsyncIterable<Cell[][]>): AsyncGenerator<string> {
  const write = (rows: Cell[][], bom = false) =>
    stringify(
      rows.map((row) => row.map(neutralise)),
      { bom, record_delimiter: "windows" },
    );
  yield write([headers], true);
  for await (const rows of batches) if (rows.length > 0) yield write(rows);
}
