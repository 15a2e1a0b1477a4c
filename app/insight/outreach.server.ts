import type { DB } from "../../db/connection";
import type { Audience, OutreachKind } from "../../db/schema";
import { nextDay } from "./calendar";
import type { Scope } from "./scope.server";

export interface LinkFigures {
  id: number;
  name: string;
  kind: OutreachKind;
  paused: boolean;
  /** Counted responses sent in the scope's days through this link, in all and by who answered. */
  responses: number;
  byAudience: Record<Audience, number>;
  /** Drafts started through the link in the scope's days, and how many of them were sent. */
  started: number;
  sent: number;
}

/**
 * Responses, completion and audience by outreach link, for the scope's days, survey, audience and
 * language. Responses come from `outreach_counts` (kept with the responses, decision 020), drafts
 * from their index by link and day; both are read by the links' keys, never end to end. As
 * elsewhere on the dashboard, a held response counts nowhere, nor does the draft it came from.
 */
export async function figuresByLink(db: DB, scope: Scope): Promise<LinkFigures[]> {
  const links = await db
    .selectFrom("outreach_links")
    .select(["id", "name", "kind", "paused_at"])
    .$if(scope.surveyId !== undefined, (query) => query.where("survey_id", "=", scope.surveyId!))
    .orderBy("name")
    .execute();
  if (links.length === 0) return [];
  const ids = links.map((link) => link.id);
  const [counted, drafts] = await Promise.all([
    db
      .selectFrom("outreach_counts")
      .select(["outreach_link_id", "audience", (eb) => eb.fn.sum<number>("n").as("n")])
      .where("outreach_link_id", "in", ids)
      .where("day", ">=", scope.from)
      .where("day", "<=", scope.to)
      .$if(Boolean(scope.audience), (query) => query.where("audience", "=", scope.audience!))
      .$if(Boolean(scope.lang), (query) => query.where("lang", "=", scope.lang!))
      .groupBy(["outreach_link_id", "audience"])
      .execute(),
    db
      .selectFrom("drafts as d")
      .leftJoin("responses as r", "r.id", "d.response_id")
      .select((eb) => ["d.outreach_link_id", eb.fn.countAll<number>().as("started"), eb.fn.count<number>("r.id").as("sent")])
      .where("d.outreach_link_id", "in", ids)
      .where("d.created_at", ">=", scope.from)
      .where("d.created_at", "<", nextDay(scope.to))
      .where((eb) => eb.or([eb("d.response_id", "is", null), eb("r.flagged", "=", 0)]))
      .$if(Boolean(scope.audience), (query) => query.where("d.audience", "=", scope.audience!))
      .$if(Boolean(scope.lang), (query) => query.where("d.lang", "=", scope.lang!))
      .groupBy("d.outreach_link_id")
      .execute(),
  ]);
  return links.map((link) => {
    const byAudience: Record<Audience, number> = { parent_carer: 0, young_person: 0 };
    for (const row of counted) if (row.outreach_link_id === link.id) byAudience[row.audience] += Number(row.n);
    const started = drafts.find((row) => row.outreach_link_id === link.id);
    return {
      id: link.id,
      name: link.name,
      kind: link.kind,
      paused: link.paused_at !== null,
      responses: byAudience.parent_carer + byAudience.young_person,
      byAudience,
      started: Number(started?.started ?? 0),
      sent: Number(started?.sent ?? 0),
    };
  });
}
