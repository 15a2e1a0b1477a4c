import type { DB } from "../../db/connection";
import type { HelpedBy } from "../../db/schema";
import type { NewAnswer } from "../../db/schema";
import { countNewResponse } from "../aggregates/counts.server";
import { holdDetected, type DetectedMatch } from "../safeguarding/concerns.server";
import { getDetector } from "../safeguarding/phrases.server";
import { generateCode } from "../surveys/codes";
import { firstIncomplete, pruneHidden, visibleQuestions, type Answers, type QuestionView, type SurveyView } from "../surveys/model";
import { draftRecordings, moveToResponse, queueListenEmail } from "../spoken/recordings.server";

export type SubmitResult = { status: "submitted"; reference: string } | { status: "incomplete"; question: QuestionView } | { status: "gone" };

/** Every free-text answer, read against every language's list: people mix languages. */
async function findDisclosures(db: DB, questions: QuestionView[], answers: Answers): Promise<DetectedMatch[]> {
  const detector = await getDetector(db);
  return questions.flatMap((question) => {
    const value = answers[String(question.id)];
    if (question.kind !== "free_text" || typeof value !== "string" || !value.trim()) return [];
    return detector.find(value).map((match) => ({ ...match, questionId: question.id }));
  });
}

function answerRows(questions: QuestionView[], answers: Answers, responseId: number): NewAnswer[] {
  return questions.flatMap((question): NewAnswer[] => {
    const value = answers[String(question.id)];
    if (value === undefined) return [];
    const asked = { response_id: responseId, question_id: question.id, question_version: question.version };
    if (question.kind === "free_text") return [{ ...asked, text: value as string }];
    const choices = Array.isArray(value) ? value : [value];
    return choices.map((choice): NewAnswer => ({ ...asked, choice }));
  });
}

/**
 * Turns a draft into a response, once. The first statement claims the draft (taking SQLite's
 * write lock), so a double click, a retried POST or a second process can never make a second
 * response: they find the draft already sent and get its reference back.
 */
export async function submitDraft(
  db: DB,
  survey: SurveyView,
  draftId: number,
  consent: { quote: boolean; helpedBy?: HelpedBy | null },
  lang: string,
  now = new Date(),
): Promise<SubmitResult> {
  // Compile the phrase lists (once a process, and again after a lead changes them) before taking
  // the write lock, so no other writer waits on it; inside, the same version is read back.
  await getDetector(db);
  return db.transaction().execute(async (trx) => {
    const stamp = now.toISOString();
    const draft = await trx
      .updateTable("drafts")
      .set({ updated_at: stamp })
      .where("id", "=", draftId)
      .where("response_id", "is", null)
      .where("expires_at", ">", stamp)
      .returning(["answers", "audience", "given_code_hash", "support_kind", "support_language", "outreach_link_id"])
      .executeTakeFirst();

    if (!draft) {
      const sent = await trx
        .selectFrom("drafts as d")
        .innerJoin("responses as r", "r.id", "d.response_id")
        .select("r.reference")
        .where("d.id", "=", draftId)
        .executeTakeFirst();
      return sent ? { status: "submitted", reference: sent.reference } : { status: "gone" };
    }

    const answers = pruneHidden(survey.questions, JSON.parse(draft.answers) as Answers);
    const spoken = new Set((await draftRecordings(trx, draftId)).keys());
    const missing = firstIncomplete(survey.questions, answers, spoken);
    if (missing) return { status: "incomplete", question: missing };

    // A reference already given (a chance in 10^17) is drawn again: the unique index finds it, with no look first.
    let inserted: { id: number; reference: string } | undefined;
    while (!inserted) {
      inserted = await trx
        .insertInto("responses")
        .values({
          survey_id: survey.id,
          survey_version: survey.version,
          audience: draft.audience,
          reference: generateCode(),
          lang,
          quote_consent: consent.quote ? 1 : 0,
          helped_by: consent.helpedBy ?? null,
          submitted_at: stamp,
          resume_code_hash: draft.given_code_hash,
          outreach_link_id: draft.outreach_link_id,
          // How a supporter helped, if one did; the supporter is never recorded.
          support_kind: draft.support_kind,
          support_language: draft.support_language,
        })
        .onConflict((oc) => oc.column("reference").doNothing())
        .returning(["id", "reference"])
        .executeTakeFirst();
    }
    const { id, reference } = inserted;
    // A likely disclosure is held in this same transaction: it is never in the queue or any count, even for a moment.
    const matches = await findDisclosures(trx, survey.questions, answers);
    if (matches.length > 0) await holdDetected(trx, id, matches, now);
    const rows = answerRows(survey.questions, answers, id);
    if (rows.length > 0) await trx.insertInto("answers").values(rows).execute();
    // Spoken answers move with it. A young person's cannot be checked until someone listens, so the
    // response is held, on the lead's "Listen today" list, until they are typed up (decision 030).
    const shown = visibleQuestions(survey.questions, answers).map((question) => question.id);
    if ((await moveToResponse(trx, draftId, id, shown)) > 0 && draft.audience === "young_person") {
      await trx.updateTable("responses").set({ flagged: 1 }).where("id", "=", id).execute();
      await queueListenEmail(trx, id, now);
    }
    // Counted with its answers, in the same transaction: a held response adds nothing to any count.
    await countNewResponse(trx, id);
    // The draft keeps only the link to its response, so the confirmation can be shown again.
    await trx.updateTable("drafts").set({ response_id: id, answers: "{}", resume_code_hash: null, given_code_hash: null }).where("id", "=", draftId).execute();
    return { status: "submitted", reference };
  });
}
