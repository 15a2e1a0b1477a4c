import { setImmediate as nextTurn } from "node:timers/promises";
import type { DB } from "../../db/connection";
import { audit } from "../accounts/audit.server";
import { fallbackLanguage } from "../i18n/config";
import { fixedT } from "../i18n/i18n.server";
import { fileName, scopeOf, type ExportChoice } from "./choice.server";
import { exportPlan } from "./columns.server";
import { csvChunks } from "./csv.server";
import type { Cell } from "./neutralise";
import { responseBatches } from "./responses.server";
import { xlsxChunks } from "./xlsx.server";

const contentTypes = {
  csv: "text/csv; charset=utf-8",
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
} as const;

type Outcome = "complete" | "stopped" | "failed";

/**
 * A web stream that asks for the next part of the file only when its reader wants more, so a slow
 * download holds one batch in memory, not the file. `finish` runs once: when the file is complete,
 * when the reader stops (or the request is aborted), or when making it fails.
 */
export function fileStream(
  chunks: AsyncGenerator<string | Uint8Array>,
  finish: (outcome: Outcome) => Promise<void>,
  signal?: AbortSignal,
): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let finished: Promise<void> | undefined;
  const end = (outcome: Outcome) => (finished ??= finish(outcome));
  const stop = async () => {
    await chunks.return(undefined);
    await end("stopped");
  };
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        // The server may keep reading after the person has gone; the request's signal says they have.
        if (signal?.aborted) {
          await stop();
          controller.close();
          return;
        }
        let next: IteratorResult<string | Uint8Array>;
        try {
          next = await chunks.next();
        } catch (error) {
          await end("failed");
          controller.error(error);
          return;
        }
        if (next.done) {
          await end("complete");
          controller.close();
        } else controller.enqueue(typeof next.value === "string" ? encoder.encode(next.value) : next.value);
      },
      cancel: stop,
    },
    { highWaterMark: 0 },
  );
}

/**
 * The download of a checked export: the file, streamed as it is read from the database, and one
 * audit entry with its filters and row count once it ends, saying whether it was complete.
 */
export async function exportDownload(db: DB, choice: ExportChoice, userId: number, signal?: AbortSignal): Promise<Response> {
  const plan = await exportPlan(db, choice.survey.slug, { includeHeld: choice.includeHeld });
  let rows = 0;
  async function* rowBatches(): AsyncGenerator<Cell[][]> {
    for await (const batch of responseBatches(db, scopeOf(choice))) {
      rows += batch.length;
      yield batch.map((response) => plan.row(response));
      // Database reads resolve at once: let other requests, and the bytes already made, have a turn.
      await nextTurn();
    }
  }
  const t = fixedT(fallbackLanguage, "exports");
  const chunks =
    choice.format === "csv"
      ? csvChunks(plan.headers, rowBatches())
      : xlsxChunks({
          headers: plan.headers,
          batches: rowBatches(),
          sheetNames: { responses: t("file.sheets.responses"), totals: t("file.sheets.totals") },
          totals: plan.totals,
        });
  const finish = (outcome: Outcome) =>
    audit(db, {
      userId,
      action: "responses.export",
      entity: "survey",
      entityId: choice.survey.id,
      after: {
        survey: choice.survey.slug,
        period: choice.period?.slug ?? null,
        from: choice.from,
        to: choice.to,
        format: choice.format,
        includeHeld: choice.includeHeld,
        rows,
        complete: outcome === "complete",
        ...(outcome === "failed" ? { failed: true } : {}),
      },
    });
  return new Response(fileStream(chunks, finish, signal), {
    headers: {
      "Content-Type": contentTypes[choice.format],
      "Content-Disposition": `attachment; filename="${fileName(choice)}"`,
      "Cache-Control": "no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
