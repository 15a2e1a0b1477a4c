import type { DB } from "../../db/connection";
import { supportKinds, type SupportKind } from "../../db/schema";
import { suppressSplit, type SuppressedSplit } from "../publishing/suppression";
import { nextDay } from "./calendar";
import type { Scope } from "./scope.server";

export type SupportFigures = SuppressedSplit<SupportKind> & { threshold: number; any: boolean };

/**
 * Supported responses in the scope, by the kind of help given. Few people are helped, and a kind
 * of help can point at one family (the only one interpreted for), so these figures are suppressed
 * as the public page's are: under the threshold a figure is hidden, and so is any that would give
 * a hidden one away. A response held for safeguarding counts nowhere.
 */
export async function supportedByKind(db: DB, scope: Scope, threshold: number): Promise<SupportFigures> {
  const rows = await db
    .selectFrom("responses")
    .select(["support_kind", (eb) => eb.fn.countAll<string | number>().as("n")])
    .where("support_kind", "is not", null)
    .where("flagged", "=", 0)
    .where("submitted_at", ">=", scope.from)
    .where("submitted_at", "<", nextDay(scope.to))
    .$if(scope.surveyId !== undefined, (query) => query.where("survey_id", "=", scope.surveyId!))
    .$if(Boolean(scope.audience), (query) => query.where("audience", "=", scope.audience!))
    .$if(Boolean(scope.lang), (query) => query.where("lang", "=", scope.lang!))
    .groupBy("support_kind")
    .execute();
  const parts = Object.fromEntries(supportKinds.map((kind) => [kind, Number(rows.find((row) => row.support_kind === kind)?.n ?? 0)])) as Record<
    SupportKind,
    number
  >;
  const total = supportKinds.reduce((sum, kind) => sum + parts[kind], 0);
  return { ...suppressSplit(total, parts, threshold), threshold, any: total > 0 };
}
