import { json, redirect, type AppLoadContext } from "@remix-run/node";
import type { TFunction } from "i18next";
import { z } from "zod";
import type { DB } from "../../db/connection";
import { requireStaff } from "../accounts/session.server";
import { getDb } from "../db.server";
import { getFixedT, getLocale } from "../i18n/i18n.server";
import { ConcernError, flagResponse } from "../safeguarding/concerns.server";
import { formFailure, httpError } from "../utils/http.server";
import { readStaffForm, type StaffForm } from "../utils/staff-form.server";
import { filtersQuery, readFilters, statuses, type QueueFilters } from "./filters";
import { nextInQueue, themeChoices } from "./queue.server";
import { responseForModeration, saveTranslation } from "./response.server";
import { SAVED_ANCHOR } from "./ResponseParts";
import { suggestThemes } from "./suggestions.server";
import { spokenBlock } from "../spoken/staff.server";
import { addNote, ModerationError, saveResponse } from "./tags.server";

const TranslationSchema = z.object({
  answer: z.coerce.number().int().positive(),
  translation: z.string().trim().min(1, { error: "empty" }).max(5000, { error: "tooLong" }),
});
const SaveSchema = z.object({
  intent: z.enum(["save", "save-next"]),
  theme: z.array(z.coerce.number().int().positive()),
  status: z.enum(statuses, { error: "status" }),
  version: z.coerce.number().int().min(0),
});
const FlagSchema = z.object({
  reason: z.string().trim().min(1, { error: "reasonEmpty" }).max(2000, { error: "reasonTooLong" }),
});
const NoteSchema = z.object({
  note: z.string().trim().min(1, { error: "noteEmpty" }).max(2000, { error: "noteTooLong" }),
});

type ModeratedResponse = NonNullable<Awaited<ReturnType<typeof responseForModeration>>>;

async function loadResponse(db: DB, t: TFunction, id: string | undefined, lang: string) {
  const responseId = Number(id);
  const response = Number.isInteger(responseId) && responseId > 0 ? await responseForModeration(db, responseId, lang, t) : undefined;
  if (!response) httpError(t, 404, "notFound");
  return response;
}

/** Suggested themes for the response's free text, with the names a moderator reads. */
async function suggestionsFor(db: DB, response: ModeratedResponse, themes: { id: number; name: string }[]) {
  const texts = response.answers.flatMap((answer) => (answer.text === null ? [] : [answer.text]));
  const suggested = await suggestThemes(db, texts, response.lang);
  return suggested.flatMap((suggestion) => {
    const theme = themes.find((candidate) => candidate.id === suggestion.themeId);
    return theme ? [{ ...suggestion, name: theme.name }] : [];
  });
}

/** Everything the response page shows: the answers, the themes with suggestions, and where the queue was. */
export async function responsePageData(request: Request, id: string | undefined) {
  const session = await requireStaff(request, "moderate");
  const lang = await getLocale(request);
  const t = await getFixedT(request, ["staff", "survey", "common"]);
  const db = getDb();
  const response = await loadResponse(db, t, id, lang);
  const url = new URL(request.url);
  const filters = readFilters(url);
  const themes = await themeChoices(db, lang);
  return {
    title: t("response.title", { reference: response.reference }),
    csrf: session.csrfToken,
    response,
    themes,
    suggestions: await suggestionsFor(db, response, themes),
    queueQuery: filtersQuery(filters),
    queueParams: Object.entries(filters)
      .filter(([, value]) => value !== undefined)
      .map(([key, value]) => [key, String(value)]),
    find: (url.searchParams.get("find") ?? "").trim().slice(0, 80),
    saved: url.searchParams.has("saved"),
    translated: url.searchParams.has("translated"),
    // Recordings made instead of (or as well as) typing (app/spoken/), and a notice once one is typed up.
    spoken: await spokenBlock(db, response.id, lang),
    typedUp: url.searchParams.has("typed"),
  };
}

const backTo = (path: string, filters: QueueFilters, notice?: string) => {
  const query = new URLSearchParams(filtersQuery(filters));
  if (notice) query.set(notice, "1");
  const search = query.toString();
  return `${path}${search ? `?${search}` : ""}`;
};

async function flag({ form, t, session }: StaffForm, response: ModeratedResponse, filters: QueueFilters, context: AppLoadContext) {
  const parsed = FlagSchema.safeParse({ reason: form.get("reason") ?? "" });
  if (!parsed.success) {
    return formFailure(context, {
      errors: [{ field: "reason", message: t(`response.errors.${parsed.error.issues[0].message}`) }],
      reason: String(form.get("reason") ?? ""),
    });
  }
  // Flagged by someone else a moment ago: it is no longer this moderator's to see.
  await flagResponse(getDb(), response.id, parsed.data.reason, session.user.id).catch((error: unknown) => {
    if (error instanceof ConcernError) httpError(t, 404, "notFound");
    throw error;
  });
  throw redirect(backTo("/moderate", filters, "flagged"), 303);
}

async function translate({ form, t, session }: StaffForm, response: ModeratedResponse, filters: QueueFilters, context: AppLoadContext) {
  const parsed = TranslationSchema.safeParse({ answer: form.get("answer"), translation: form.get("translation") ?? "" });
  const answerId = Number(form.get("answer"));
  if (!parsed.success) {
    const field = parsed.error.issues[0].path[0] === "answer" ? "answer" : parsed.error.issues[0].message;
    if (field === "answer") httpError(t, 400, "badForm");
    const typed = { answerId, text: String(form.get("translation") ?? "") };
    return formFailure(context, { errors: [{ field: `translation-${answerId}`, message: t(`response.translation.${field}`) }], translation: typed });
  }
  if (!(await saveTranslation(getDb(), response.id, parsed.data.answer, parsed.data.translation, session.user.id))) httpError(t, 400, "badForm");
  throw redirect(backTo(`/moderate/responses/${response.id}`, filters, "translated"), 303);
}

async function note({ form, t, session }: StaffForm, response: ModeratedResponse, filters: QueueFilters, context: AppLoadContext) {
  const parsed = NoteSchema.safeParse({ note: form.get("note") ?? "" });
  if (!parsed.success) {
    return formFailure(context, {
      errors: [{ field: "note", message: t(`response.errors.${parsed.error.issues[0].message}`) }],
      note: String(form.get("note") ?? ""),
    });
  }
  await addNote(getDb(), response.id, parsed.data.note, session.user.id);
  throw redirect(backTo(`/moderate/responses/${response.id}`, filters), 303);
}

/** Saves the themes and status; "Save" comes back to the "Saved" banner, "Save and go to next" moves on. */
async function save({ form, t, session }: StaffForm, response: ModeratedResponse, filters: QueueFilters, context: AppLoadContext) {
  const db = getDb();
  const parsed = SaveSchema.safeParse({
    intent: form.get("intent"),
    theme: form.getAll("theme"),
    status: form.get("status") ?? undefined,
    version: form.get("version"),
  });
  const submitted = { themeIds: form.getAll("theme").map(Number), status: String(form.get("status") ?? "") };
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const message = issue.path[0] === "status" ? t("response.errors.status") : t("common:errors.badForm.body");
    return formFailure(context, { errors: [{ field: issue.path[0] === "status" ? "status" : "themes", message }], submitted });
  }
  try {
    await saveResponse(db, response.id, { themeIds: parsed.data.theme, status: parsed.data.status, version: parsed.data.version }, session.user.id);
  } catch (error) {
    if (!(error instanceof ModerationError)) throw error;
    context.formErrors = true;
    return json(
      { errors: [{ field: "themes", message: t(`response.errors.${error.reason}`) }], submitted },
      { status: error.reason === "changedElsewhere" ? 409 : 400 },
    );
  }
  if (parsed.data.intent === "save-next") {
    const next = await nextInQueue(db, filters, { submitted_at: response.submittedAt, id: response.id });
    throw redirect(next ? `/moderate/responses/${next}${filtersQuery(filters)}` : `/moderate${filtersQuery(filters, { after: undefined })}`, 303);
  }
  throw redirect(`${backTo(`/moderate/responses/${response.id}`, filters, "saved")}#${SAVED_ANCHOR}`, 303);
}

/** Every form on the response page: the role, then the CSRF token, and only then the intent. */
export async function responsePagePost(request: Request, id: string | undefined, context: AppLoadContext) {
  const staff = await readStaffForm(request, "moderate", ["staff", "survey", "common"]);
  const response = await loadResponse(getDb(), staff.t, id, await getLocale(request));
  const filters = readFilters(new URL(request.url));
  if (staff.intent === "flag") return flag(staff, response, filters, context);
  if (staff.intent === "translate") return translate(staff, response, filters, context);
  if (staff.intent === "note") return note(staff, response, filters, context);
  return save(staff, response, filters, context);
}
