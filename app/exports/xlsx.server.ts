import ExcelJS from "exceljs";
import { once } from "node:events";
import { PassThrough } from "node:stream";
import { setImmediate as nextTurn } from "node:timers/promises";
import { neutralise, type Cell } from "./neutralise";

/** Excel's limit; a longer export carries on in a second sheet ("Responses 2") under the same header row. */
export const ROWS_PER_SHEET = 1_048_576;

interface Workbook {
  headers: string[];
  batches: AsyncIterable<Cell[][]>;
  sheetNames: { responses: string; totals: string };
  /** Read once every response has been written. */
  totals: () => Cell[][];
}

/** How much sheet XML may wait to be compressed before the export stops adding rows. */
const MAX_BACKLOG = 1024 * 1024;

/** exceljs 4.4's worksheet stream, and archiver's stream it hands each 64 KB to: not public API. */
interface SheetStream {
  buffers?: { length: number }[];
  pipes?: { _writableState?: { length: number } }[];
}

/**
 * Bytes of a sheet's XML that exceljs has made but the zip has not yet compressed. exceljs hands
 * them on without waiting, and compression takes several turns of the event loop per 64 KB, so a
 * writer that did not look would pile the whole sheet up in memory. Reads exceljs's internals, in
 * this one place; tests/integration/exports.test.ts checks that it still sees the backlog.
 */
export function zipBacklog(sheet: ExcelJS.Worksheet): number {
  const stream = (sheet as unknown as { _stream?: SheetStream })._stream;
  const held = (stream?.buffers ?? []).reduce((sum, buffer) => sum + buffer.length, 0);
  return (stream?.pipes ?? []).reduce((sum, pipe) => sum + (pipe._writableState?.length ?? 0), held);
}

/** Waits until the zip has caught up with the rows added, and the reader with the zip. */
async function settle(sheet: ExcelJS.Worksheet, sink: PassThrough, signal: AbortSignal) {
  for (;;) {
    signal.throwIfAborted();
    if (sink.writableNeedDrain) await once(sink, "drain", { signal });
    else if (zipBacklog(sheet) > MAX_BACKLOG) await nextTurn();
    else return;
  }
}

/**
 * An Excel workbook as it is made, through exceljs's streaming writer: each row goes to the zip as
 * it is added, and after each batch the export waits for the zip and the reader to catch up, so
 * memory holds about one batch, not the file.
 */
export async function* xlsxChunks(workbook: Workbook): AsyncGenerator<Buffer> {
  const sink = new PassThrough({ highWaterMark: 256 * 1024 });
  const stop = new AbortController();
  const writing = writeWorkbook(sink, workbook, stop.signal).catch((error: unknown) => {
    if (!stop.signal.aborted) sink.destroy(error as Error);
  });
  try {
    for await (const chunk of sink) yield chunk as Buffer;
    await writing;
  } finally {
    stop.abort();
  }
}

async function writeWorkbook(sink: PassThrough, { headers, batches, sheetNames, totals }: Workbook, signal: AbortSignal) {
  const writer = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: sink, useStyles: false, useSharedStrings: false });
  const add = (sheet: ExcelJS.Worksheet, cells: Cell[]) => sheet.addRow(cells.map(neutralise)).commit();
  let sheets = 1;
  let sheet = writer.addWorksheet(sheetNames.responses);
  add(sheet, headers);
  let rowsInSheet = 1;
  for await (const rows of batches) {
    for (const row of rows) {
      if (rowsInSheet === ROWS_PER_SHEET) {
        sheet.commit();
        sheet = writer.addWorksheet(`${sheetNames.responses} ${++sheets}`);
        add(sheet, headers);
        rowsInSheet = 1;
      }
      add(sheet, row);
      rowsInSheet++;
    }
    await settle(sheet, sink, signal);
  }
  sheet.commit();
  const summary = writer.addWorksheet(sheetNames.totals);
  for (const row of totals()) add(summary, row);
  summary.commit();
  await writer.commit();
}
