import type { DB } from "../../db/connection";
import type { ActionStatus } from "../../db/schema";
import { actionTitles } from "../actions/actions.server";
import { startedPeriodIds } from "../actions/periods.server";

export type ChangeKind = "published" | "status" | "progress";

/** One thing that changed on a published action: never more than the action's public words. */
export interface ActionChange {
  actionId: number;
  title: string;
  kind: ChangeKind;
  status: ActionStatus;
}

type Window = { themeIds: number[]; after: string; until: string };

/** Published actions on the themes, as the public sees them (their period has started). */
function publicActionsOn(db: DB, themeIds: number[], now: Date) {
  return db
    .selectFrom("actions as a")
    .innerJoin("publications as p", (join) => join.onRef("p.entity_id", "=", "a.id").on("p.entity", "=", "action"))
    .where("p.published_at", "is not", null)
    .where("a.id", "in", db.selectFrom("action_themes").select("action_id").where("theme_id", "in", themeIds))
    .where((eb) => eb.or([eb("a.period_id", "is", null), eb("a.period_id", "in", startedPeriodIds(db, now))]));
}

async function changedActions(db: DB, { themeIds, after, until }: Window, now: Date) {
  const actions = publicActionsOn(db, themeIds, now);
  const [published, statuses, progress] = await Promise.all([
    actions.select(["a.id", "a.status"]).where("p.published_at", ">", after).where("p.published_at", "<=", until).execute(),
    actions
      .innerJoin("action_status_history as h", "h.action_id", "a.id")
      .select(["a.id", "a.status"])
      .distinct()
      .where("h.changed_at", ">", after)
      .where("h.changed_at", "<=", until)
      .execute(),
    actions
      .innerJoin("action_updates as u", "u.action_id", "a.id")
      .select(["a.id", "a.status"])
      .distinct()
      .where("u.created_at", ">", after)
      .where("u.created_at", "<=", until)
      .execute(),
  ]);
  // Newly published says it all: its status and progress are news with it.
  const isNew = new Set(published.map((row) => row.id));
  return [
    ...published.map((row) => ({ ...row, kind: "published" as const })),
    ...statuses.filter((row) => !isNew.has(row.id)).map((row) => ({ ...row, kind: "status" as const })),
    ...progress.filter((row) => !isNew.has(row.id)).map((row) => ({ ...row, kind: "progress" as const })),
  ];
}

/** What changed between `after` and `until` on published actions under the themes, titled in `lang` where translated. */
export async function changesOnThemes(db: DB, themeIds: number[], after: string, until: string, lang: string, now = new Date()): Promise<ActionChange[]> {
  if (themeIds.length === 0) return [];
  const changed = await changedActions(db, { themeIds, after, until }, now);
  if (changed.length === 0) return [];
  const titles = await actionTitles(
    db,
    changed.map((change) => change.id),
    lang,
  );
  return changed
    .map((change) => ({ actionId: change.id, title: titles.get(change.id)?.text ?? "", kind: change.kind, status: change.status }))
    .sort((a, b) => a.actionId - b.actionId || a.kind.localeCompare(b.kind));
}
