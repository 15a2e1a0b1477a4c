import type { DB } from "../../db/connection";
import { audit } from "../accounts/audit.server";
import { answerLabels } from "../surveys/choices";
import { formatCode } from "../surveys/codes";
import { getSurvey } from "../surveys/surveys.server";
import type { TFunction } from "i18next";

/** Everything a moderator sees about one response; undefined for an unknown or flagged one. */
export async function responseForModeration(db: DB, id: number, lang: string, t: TFunction) {
  const response = await readResponse(db, id, lang, t);
  return response && !response.flagged ? response : undefined;
}

/** A flagged response, for the safeguarding leads only (their routes check the role). */
export async function answersForReading(db: DB, id: number, lang: string, t: TFunction) {
  return readResponse(db, id, lang, t);
}

async function readResponse(db: DB, id: number, lang: string, t: TFunction) {
  const response = await db
    .selectFrom("responses as r")
    .innerJoin("surveys as s", "s.id", "r.survey_id")
    .select([
      "r.id",
      "r.reference",
      "r.lang",
      "r.status",
      "r.version",
      "r.flagged",
      "r.quote_consent",
      "r.helped_by",
      "r.support_kind",
      "r.support_language",
      "r.submitted_at",
      "r.survey_version",
      "r.audience",
      "s.slug",
    ])
    .where("r.id", "=", id)
    .executeTakeFirst();
  if (!response) return undefined;

  const [survey, answers, tags, notes] = await Promise.all([
    // The wording its respondent saw, even if the question has changed since.
    getSurvey(db, response.slug, lang, response.survey_version),
    db.selectFrom("answers").select(["id", "question_id", "choice", "text", "translation"]).where("response_id", "=", id).orderBy("id").execute(),
    db.selectFrom("response_themes").select("theme_id").where("response_id", "=", id).execute(),
    db
      .selectFrom("response_notes as n")
      .innerJoin("users as u", "u.id", "n.user_id")
      .select(["n.id", "n.body", "n.created_at", "u.name"])
      .where("n.response_id", "=", id)
      .orderBy("n.id")
      .execute(),
  ]);
  if (!survey) return undefined;

  const shown = survey.questions.flatMap((question) => {
    const mine = answers.filter((answer) => answer.question_id === question.id);
    if (mine.length === 0) return [];
    const textAnswer = mine.find((answer) => answer.text !== null);
    const text = textAnswer?.text ?? null;
    const choices = mine.flatMap((answer) => (answer.choice ? [answer.choice] : []));
    return [
      {
        questionId: question.id,
        answerId: textAnswer?.id ?? null,
        question: question.text,
        themeId: question.themeId,
        text,
        translation: textAnswer?.translation ?? null,
        labels: choices.length ? answerLabels(question, question.kind === "multiple_choice" ? choices : choices[0], t, lang).map((c) => c.label) : [],
      },
    ];
  });

  return {
    id: response.id,
    reference: formatCode(response.reference),
    flagged: response.flagged === 1,
    lang: response.lang,
    status: response.status,
    version: response.version,
    quoteConsent: response.quote_consent === 1,
    helpedBy: response.helped_by,
    // How a supporter helped, if one did; who it was is never recorded.
    support: response.support_kind ? { kind: response.support_kind, language: response.support_language } : null,
    submittedAt: response.submitted_at,
    audience: response.audience,
    surveyTitle: survey.title,
    answers: shown,
    themeIds: tags.map((tag) => tag.theme_id),
    // Structured answers count towards their question's theme without anyone tagging them.
    automaticThemeIds: [...new Set(shown.filter((a) => a.themeId !== null && a.labels.length > 0).map((a) => a.themeId as number))],
    notes,
  };
}

/**
 * A moderator's English translation of a free-text answer. The original words are never changed;
 * the log records who translated which answer, never the words.
 */
export async function saveTranslation(db: DB, responseId: number, answerId: number, translation: string, userId: number, now = new Date()) {
  return db.transaction().execute(async (trx) => {
    const saved = await trx
      .updateTable("answers")
      .set({ translation, translated_by: userId, translated_at: now.toISOString() })
      .where("id", "=", answerId)
      .where("response_id", "=", responseId)
      .where("text", "is not", null)
      .executeTakeFirst();
    if (Number(saved.numUpdatedRows) === 0) return false;
    await audit(
      trx,
      { userId, action: "answer.translate", entity: "response", entityId: responseId, after: { answer: answerId, length: translation.length } },
      now,
    );
    return true;
  });
}
