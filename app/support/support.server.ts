import type { AppLoadContext } from "@remix-run/node";
import type { TFunction } from "i18next";
import type { DB } from "../../db/connection";
import type { Audience, SupportKind } from "../../db/schema";
import { audit } from "../accounts/audit.server";
import type { FieldError } from "../components/ErrorSummary";
import { createDraft } from "../surveys/drafts.server";
import type { SurveyView } from "../surveys/model";
import { fieldErrors } from "../utils/forms";
import { formFailure } from "../utils/http.server";
import { SupportStartForm, supportFields } from "./support-form";

export interface SupportChoice {
  kind: SupportKind;
  /** Only for interpreting: the language named. */
  language: string | null;
  lang: string;
  audience: Audience;
}

/**
 * Reads the start form: every problem at its field, in the page's order, with what was typed kept.
 * Interpreting needs the language named; the person's language must be one the survey is written in;
 * on a survey for both, who is answering must be said.
 */
export function readSupportStart(
  context: AppLoadContext,
  values: Record<string, string>,
  survey: Pick<SurveyView, "audience" | "languages">,
  t: TFunction,
): { choice: SupportChoice } | { failure: ReturnType<typeof formFailure<{ errors: FieldError[]; values: Record<string, string> }>> } {
  const parsed = SupportStartForm.safeParse(values);
  const errors = parsed.success ? [] : fieldErrors(parsed.error.issues, t, "support.errors");
  const add = (field: string, key: string) => {
    if (!errors.some((error) => error.field === field)) errors.push({ field, message: t(`support.errors.${key}`) });
  };
  if (values.kind === "interpreting" && !values.language?.trim()) add("language", "language");
  if (values.lang && !survey.languages.includes(values.lang)) add("lang", "lang");
  const audience = survey.audience === "both" ? parsed.data?.audience : survey.audience;
  if (!audience) add("audience", "audience");
  errors.sort((a, b) => supportFields.indexOf(a.field as never) - supportFields.indexOf(b.field as never));
  if (!parsed.success || errors.length > 0 || !audience) return { failure: formFailure(context, { errors, values }) };
  const { kind, language, lang } = parsed.data;
  return { choice: { kind, language: kind === "interpreting" ? (language ?? null) : null, lang, audience } };
}

/**
 * Starts a draft that a supporter is helping someone answer. The draft records how they help,
 * never who: the audit log records only that this user started a supported draft of this survey.
 */
export async function startSupportedDraft(db: DB, survey: { id: number; version: number }, choice: SupportChoice, userId: number) {
  return db.transaction().execute(async (trx) => {
    const draft = await createDraft(trx, survey, choice.lang, choice.audience);
    await trx.updateTable("drafts").set({ support_kind: choice.kind, support_language: choice.language }).where("id", "=", draft.id).execute();
    await audit(trx, { userId, action: "support.start", entity: "survey", entityId: survey.id, after: { kind: choice.kind } });
    return draft;
  });
}

/** How the draft behind this token was supported, if it was: the confirmation page offers such a person a printable slip. */
export async function draftSupport(db: DB, draftId: number) {
  const row = await db.selectFrom("drafts").select(["support_kind", "support_language"]).where("id", "=", draftId).executeTakeFirst();
  return row?.support_kind ? { kind: row.support_kind, language: row.support_language } : null;
}
