import type { DB } from "../../db/connection";
import type { OutreachKind } from "../../db/schema";
import { audit } from "../accounts/audit.server";
import { generateCode, normaliseCode } from "../surveys/codes";

/** Six characters from the unambiguous alphabet: about 730 million codes, read aloud in a breath. */
export const LINK_CODE_LENGTH = 6;

export const linkPath = (code: string) => `/s/${code}`;

export interface NewLink {
  name: string;
  kind: OutreachKind;
  surveyId: number;
}

export class OutreachLinkError extends Error {
  constructor(readonly reason: "unknownSurvey" | "notFound") {
    super(reason);
  }
}

/** Makes a link with a fresh code (drawn again on the rare clash, found by the unique index) and audits it. */
export async function createLink(db: DB, link: NewLink, userId: number, now = new Date()): Promise<{ id: number; code: string }> {
  return db.transaction().execute(async (trx) => {
    const survey = await trx.selectFrom("surveys").select("id").where("id", "=", link.surveyId).where("archived_at", "is", null).executeTakeFirst();
    if (!survey) throw new OutreachLinkError("unknownSurvey");
    let made: { id: number; code: string } | undefined;
    while (!made) {
      made = await trx
        .insertInto("outreach_links")
        .values({
          code: generateCode(LINK_CODE_LENGTH),
          name: link.name,
          kind: link.kind,
          survey_id: link.surveyId,
          created_by: userId,
          created_at: now.toISOString(),
        })
        .onConflict((oc) => oc.column("code").doNothing())
        .returning(["id", "code"])
        .executeTakeFirst();
    }
    await audit(trx, { userId, action: "outreach.create", entity: "outreach_link", entityId: made.id, after: { ...link, code: made.code } }, now);
    return made;
  });
}

/** Pauses or resumes a link; a change to the state it is already in changes nothing and logs nothing. */
export async function setPaused(db: DB, id: number, paused: boolean, userId: number, now = new Date()): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const link = await trx.selectFrom("outreach_links").select("paused_at").where("id", "=", id).executeTakeFirst();
    if (!link) throw new OutreachLinkError("notFound");
    if ((link.paused_at !== null) === paused) return;
    await trx
      .updateTable("outreach_links")
      .set({ paused_at: paused ? now.toISOString() : null })
      .where("id", "=", id)
      .execute();
    await audit(trx, { userId, action: paused ? "outreach.pause" : "outreach.resume", entity: "outreach_link", entityId: id }, now);
  });
}

/** The link behind what someone typed or scanned, with its survey's slug; undefined when there is none. */
export async function findLinkByCode(db: DB, typed: string) {
  const code = normaliseCode(typed, LINK_CODE_LENGTH);
  if (!code) return undefined;
  return db
    .selectFrom("outreach_links as l")
    .innerJoin("surveys as s", "s.id", "l.survey_id")
    .select(["l.id", "l.code", "l.paused_at", "s.slug"])
    .where("l.code", "=", code)
    .executeTakeFirst();
}

/** The link a draft of this survey may record: only a live link of that very survey. */
export async function liveLinkFor(db: DB, linkId: number, surveyId: number): Promise<number | null> {
  const link = await db
    .selectFrom("outreach_links")
    .select("id")
    .where("id", "=", linkId)
    .where("survey_id", "=", surveyId)
    .where("paused_at", "is", null)
    .executeTakeFirst();
  return link?.id ?? null;
}

/** Every link, newest first, with its survey's slug. Links are made by hand: tens, not thousands. */
export function listLinks(db: DB) {
  return db
    .selectFrom("outreach_links as l")
    .innerJoin("surveys as s", "s.id", "l.survey_id")
    .select(["l.id", "l.code", "l.name", "l.kind", "l.paused_at", "l.created_at", "s.slug as survey"])
    .orderBy("l.id", "desc")
    .execute();
}

export function getLink(db: DB, id: number) {
  return db
    .selectFrom("outreach_links as l")
    .innerJoin("surveys as s", "s.id", "l.survey_id")
    .select(["l.id", "l.code", "l.name", "l.kind", "l.paused_at", "l.created_at", "s.slug as survey"])
    .where("l.id", "=", id)
    .executeTakeFirst();
}
