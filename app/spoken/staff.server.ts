import { redirect, type AppLoadContext } from "@remix-run/node";
import type { TFunction } from "i18next";
import { z } from "zod";
import type { DB } from "../../db/connection";
import { audit } from "../accounts/audit.server";
import { canUse, requireStaff, type StaffSession } from "../accounts/session.server";
import { getDb } from "../db.server";
import { easyRead, fallbackLanguage } from "../i18n/config";
import { getFixedT, getLocale } from "../i18n/i18n.server";
import { isOverdue } from "../safeguarding/overdue";
import { overdueWorkingDays } from "../settings.server";
import { formatCode } from "../surveys/codes";
import { getSurvey } from "../surveys/surveys.server";
import { formFailure, httpError } from "../utils/http.server";
import { parseStaffForm, readStaffForm, type StaffFormFailure } from "../utils/staff-form.server";
import { clock, recordingBytes, responseRecordings, spokenAnswer } from "./recordings.server";
import { SpokenError, typeUp } from "./transcribe.server";

type Spoken = NonNullable<Awaited<ReturnType<typeof spokenAnswer>>>;

/**
 * Who may hear a recording: moderators, safeguarding leads and administrators, as for the response
 * itself. A response held for safeguarding (a young person's spoken answer not yet heard, or a
 * concern) is for the safeguarding leads alone, and to everyone else it does not exist.
 */
function mayHear(session: StaffSession, spoken: Pick<Spoken, "flagged">): boolean {
  return spoken.flagged === 0 || canUse(session.user.role, "safeguarding");
}

async function spokenFor(db: DB, session: StaffSession, t: TFunction, id: string | undefined): Promise<Spoken> {
  const spokenId = Number(id);
  const spoken = Number.isInteger(spokenId) && spokenId > 0 ? await spokenAnswer(db, spokenId) : undefined;
  if (!spoken || !mayHear(session, spoken)) httpError(t, 404, "notFound");
  return spoken;
}

/** The recording itself, for `<audio>`: never cached or guessed at, and every playing is in the audit log. */
export async function recordingResponse(request: Request, id: string | undefined): Promise<Response> {
  const session = await requireStaff(request, "moderate");
  const t = await getFixedT(request, "common");
  const db = getDb();
  const spoken = await spokenFor(db, session, t, id);
  const bytes = spoken.audio_removed_at === null ? await recordingBytes(db, spoken.id) : undefined;
  if (!bytes) httpError(t, 404, "notFound");
  await audit(db, { userId: session.user.id, action: "spoken.play", entity: "response", entityId: spoken.response_id, after: { spokenAnswer: spoken.id } });
  return new Response(new Uint8Array(bytes), {
    headers: {
      "Content-Type": spoken.mime_type,
      "Content-Length": String(bytes.byteLength),
      "Content-Disposition": "inline",
      "Cache-Control": "no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}

/** Answers in another language are typed as said, with an English translation; Easy Read is English already. */
export const needsTranslation = (lang: string) => lang !== fallbackLanguage && lang !== easyRead;

/** The page for one spoken answer: what was asked, what was typed beside it, the recording and the form. */
export async function spokenPageData(request: Request, id: string | undefined) {
  const session = await requireStaff(request, "moderate");
  const t = await getFixedT(request, ["staff", "common"]);
  const lang = await getLocale(request);
  const db = getDb();
  const spoken = await spokenFor(db, session, t, id);
  const survey = await db.selectFrom("surveys").select("slug").where("id", "=", spoken.survey_id).executeTakeFirstOrThrow();
  const view = await getSurvey(db, survey.slug, lang, spoken.survey_version);
  const typed = await db
    .selectFrom("answers")
    .select("text")
    .where("response_id", "=", spoken.response_id)
    .where("question_id", "=", spoken.question_id)
    .executeTakeFirst();
  const [recording] = (await responseRecordings(db, spoken.response_id)).filter((row) => row.id === spoken.id);
  return {
    title: t("spoken.page.title", { reference: formatCode(spoken.reference) }),
    csrf: session.csrfToken,
    held: spoken.flagged === 1,
    responseId: spoken.response_id,
    surveyTitle: view?.title ?? survey.slug,
    question: view?.questions.find((question) => question.id === spoken.question_id)?.text ?? "",
    typed: typed?.text ?? null,
    recording: { ...recording, length: clock(recording.duration_ms), lang: spoken.lang, translate: needsTranslation(spoken.lang) },
  };
}

const TranscriptSchema = z.object({
  transcript: z.string().trim().min(1, { error: "transcriptEmpty" }).max(10_000, { error: "transcriptTooLong" }),
  translation: z
    .string()
    .trim()
    .max(10_000, { error: "translationTooLong" })
    .default("")
    .transform((text) => text || null),
});

/** Saves what a moderator typed up: the role, then CSRF, then the form, as every staff form. */
export async function typeUpPost(request: Request, id: string | undefined, context: AppLoadContext) {
  const staff = await readStaffForm(request, "moderate", ["staff", "common"]);
  const db = getDb();
  const spoken = await spokenFor(db, staff.session, staff.t, id);
  const { data, failure } = parseStaffForm(context, staff, TranscriptSchema, "spoken.errors");
  if (failure) return failure;
  if (needsTranslation(spoken.lang) && !data.translation) {
    return formFailure<StaffFormFailure>(context, {
      errors: [{ field: "translation", message: staff.t("spoken.errors.translationEmpty") }],
      values: staff.values,
    });
  }
  try {
    await typeUp(db, spoken.id, { text: data.transcript, translation: data.translation }, staff.session.user.id);
    // Held now (a concern found, or still waiting for a lead): it has left the moderator's view, as a flagged response does.
    const { flagged } = await db.selectFrom("responses").select("flagged").where("id", "=", spoken.response_id).executeTakeFirstOrThrow();
    if (flagged === 0) throw redirect(`/moderate/responses/${spoken.response_id}?typed=1`, 303);
    throw redirect(canUse(staff.session.user.role, "safeguarding") ? "/moderate/safeguarding?typed=1" : "/moderate?flagged=1", 303);
  } catch (error) {
    if (error instanceof SpokenError) httpError(staff.t, 404, "notFound");
    throw error;
  }
}

/**
 * Young people's spoken answers nobody has typed up yet: nothing can check them automatically, so
 * the lead hears them today, and they turn overdue like concerns.
 */
export async function listenToday(db: DB, now = new Date()) {
  const days = await overdueWorkingDays(db);
  const rows = await db
    .selectFrom("spoken_answers as s")
    .innerJoin("responses as r", "r.id", "s.response_id")
    .select(["s.id", "s.created_at", "s.duration_ms", "r.reference"])
    .where("r.audience", "=", "young_person")
    .where("s.transcribed_at", "is", null)
    .where("s.audio_removed_at", "is", null)
    .orderBy("s.created_at")
    .orderBy("s.id")
    .limit(500)
    .execute();
  return rows.map((row) => ({
    id: row.id,
    reference: formatCode(row.reference),
    since: row.created_at,
    length: clock(row.duration_ms),
    overdue: isOverdue("new", row.created_at, days, now),
  }));
}

/** The spoken answers of a response, for its moderation page: each with its question, length and state. */
export async function spokenBlock(db: DB, responseId: number, lang: string) {
  const recordings = await responseRecordings(db, responseId);
  if (recordings.length === 0) return [];
  const response = await db
    .selectFrom("responses as r")
    .innerJoin("surveys as s", "s.id", "r.survey_id")
    .select(["s.slug", "r.survey_version", "r.lang"])
    .where("r.id", "=", responseId)
    .executeTakeFirstOrThrow();
  const view = await getSurvey(db, response.slug, lang, response.survey_version);
  return recordings.map((recording) => ({
    id: recording.id,
    question: view?.questions.find((question) => question.id === recording.question_id)?.text ?? "",
    length: clock(recording.duration_ms),
    playable: recording.audio_removed_at === null,
    typedBy: recording.transcribed_at ? { name: recording.transcribed_by, at: recording.transcribed_at } : null,
    removedAt: recording.transcribed_at === null ? recording.audio_removed_at : null,
    translate: needsTranslation(response.lang),
  }));
}
