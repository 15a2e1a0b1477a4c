import type { DB } from "../../db/connection";
import type { UserOrganisation } from "../../db/schema";
import { listPeriods } from "../actions/periods.server";
import type { StaffSession } from "../accounts/session.server";
import { getSettings } from "../settings.server";
import { themeChoices } from "./queue.server";

/**
 * "Waiting for you": quotes and statements that wait for a second person's approval and that this
 * person may give. The rules are the ones the approvals themselves apply (quotes.server.ts,
 * publishing.server.ts, revisions.server.ts): never your own work, never twice, and with the
 * "council_and_pcf" setting only what someone from the other side started.
 */

type Staff = StaffSession["user"];

const EXCERPT = 160;
const excerpt = (text: string) => (text.length > EXCERPT ? `${text.slice(0, EXCERPT)}…` : text);

/** New quotes (and changed ones, which start approval again) that you did not write and have not approved. */
function quotesToApprove(db: DB, user: Staff, otherSideOnly: boolean) {
  return db
    .selectFrom("quotes as q")
    .innerJoin("responses as r", "r.id", "q.response_id")
    .innerJoin("users as u", "u.id", "q.created_by")
    .select(["q.id", "q.text", "q.updated_at as at", "u.name as by"])
    .where("q.approved_at", "is", null)
    .where("r.flagged", "=", 0)
    .where("r.quote_consent", "=", 1)
    .where("q.created_by", "!=", user.id)
    .where((eb) =>
      eb.not(eb.exists(eb.selectFrom("quote_approvals as qa").select("qa.quote_id").whereRef("qa.quote_id", "=", "q.id").where("qa.user_id", "=", user.id))),
    )
    .$if(otherSideOnly, (qb) =>
      qb.where((eb) =>
        eb.exists(
          eb.selectFrom("quote_approvals as qa").select("qa.quote_id").whereRef("qa.quote_id", "=", "q.id").where("qa.organisation", "!=", user.organisation),
        ),
      ),
    )
    .orderBy("q.updated_at")
    .execute();
}

/** Proposed changes to approved quotes or to statements, made by someone else. */
function changesToApprove(db: DB, entity: "quote" | "statement", user: Staff, otherSideOnly: boolean) {
  return db
    .selectFrom("revisions as v")
    .innerJoin("users as u", "u.id", "v.requested_by")
    .select(["v.id as revision", "v.entity_id as id", "v.requested_at as at", "u.name as by"])
    .where("v.entity", "=", entity)
    .where("v.decision", "is", null)
    .where("v.requested_by", "!=", user.id)
    .$if(otherSideOnly, (qb) => qb.where("u.organisation", "!=", user.organisation as UserOrganisation))
    .orderBy("v.requested_at")
    .execute();
}

/** Statements someone else asked to publish. */
function statementsToPublish(db: DB, user: Staff, otherSideOnly: boolean) {
  return db
    .selectFrom("publications as p")
    .innerJoin("users as u", "u.id", "p.requested_by")
    .select(["p.entity_id as id", "p.requested_at as at", "u.name as by"])
    .where("p.entity", "=", "statement")
    .where("p.requested_at", "is not", null)
    .where("p.published_at", "is", null)
    .where("p.requested_by", "!=", user.id)
    .$if(otherSideOnly, (qb) => qb.where("u.organisation", "!=", user.organisation as UserOrganisation))
    .orderBy("p.requested_at")
    .execute();
}

/** Quotes still shown to staff (consented, not held for safeguarding), with their words, by id. */
async function visibleQuotes(db: DB, ids: number[]) {
  if (ids.length === 0) return new Map<number, string>();
  const rows = await db
    .selectFrom("quotes as q")
    .innerJoin("responses as r", "r.id", "q.response_id")
    .select(["q.id", "q.text"])
    .where("q.id", "in", ids)
    .where("r.flagged", "=", 0)
    .where("r.quote_consent", "=", 1)
    .execute();
  return new Map(rows.map((row) => [row.id, row.text]));
}

/** Each statement's theme and period, named in the reader's language. */
async function statementNames(db: DB, ids: number[], lang: string) {
  if (ids.length === 0) return new Map<number, { theme: string; period: string }>();
  const [statements, themes, periods] = await Promise.all([
    db.selectFrom("statements").select(["id", "theme_id", "period_id"]).where("id", "in", ids).execute(),
    themeChoices(db, lang, true),
    listPeriods(db, lang),
  ]);
  return new Map(
    statements.map((s) => [
      s.id,
      { theme: themes.find((theme) => theme.id === s.theme_id)?.name ?? "", period: periods.find((period) => period.id === s.period_id)?.name ?? "" },
    ]),
  );
}

export interface WaitingQuote {
  key: string;
  id: number;
  kind: "approval" | "change";
  text: string;
  by: string;
  at: string;
}

export interface WaitingStatement {
  key: string;
  id: number;
  kind: "publish" | "change";
  theme: string;
  period: string;
  by: string;
  at: string;
}

/** Everything waiting for this person's approval, oldest first in each list. */
export async function waitingFor(db: DB, user: Staff, lang: string) {
  const otherSideOnly = (await getSettings(db)).quote_approval === "council_and_pcf";
  const [newQuotes, quoteChanges, publishing, statementChanges] = await Promise.all([
    quotesToApprove(db, user, otherSideOnly),
    changesToApprove(db, "quote", user, otherSideOnly),
    statementsToPublish(db, user, otherSideOnly),
    changesToApprove(db, "statement", user, otherSideOnly),
  ]);
  const changedQuotes = await visibleQuotes(
    db,
    quoteChanges.map((change) => change.id),
  );
  const quotes: WaitingQuote[] = [
    ...newQuotes.map((q) => ({ key: `quote-${q.id}`, id: q.id, kind: "approval" as const, text: excerpt(q.text), by: q.by, at: q.at })),
    ...quoteChanges.flatMap((change) => {
      const text = changedQuotes.get(change.id);
      return text === undefined
        ? []
        : [{ key: `revision-${change.revision}`, id: change.id, kind: "change" as const, text: excerpt(text), by: change.by, at: change.at }];
    }),
  ];
  const names = await statementNames(
    db,
    [...publishing, ...statementChanges].map((s) => s.id),
    lang,
  );
  const statements: WaitingStatement[] = [
    ...publishing.map((s) => ({ key: `publish-${s.id}`, id: s.id, kind: "publish" as const, by: s.by, at: s.at ?? "" })),
    ...statementChanges.map((s) => ({ key: `revision-${s.revision}`, id: s.id, kind: "change" as const, by: s.by, at: s.at })),
  ].map((s) => ({ ...s, ...(names.get(s.id) ?? { theme: "", period: "" }) }));
  return { quotes, statements };
}
