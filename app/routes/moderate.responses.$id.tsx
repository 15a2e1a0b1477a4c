import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { easyRead, fallbackLanguage, htmlLang, intlLocale } from "~/i18n/config";
import { z } from "zod";
import { CSRF_FIELD } from "~/accounts/csrf";
import { requireCsrf, requireStaff } from "~/accounts/session.server";
import { Choices } from "~/components/Choices";
import { ErrorSummary, type FieldError } from "~/components/ErrorSummary";
import { BackLink } from "~/components/Layout";
import { TextArea } from "~/components/TextFields";
import { getDb } from "~/db.server";
import { getFixedT, getLocale } from "~/i18n/i18n.server";
import { filtersQuery, readFilters, statuses } from "~/moderation/filters";
import { nextInQueue, themeChoices } from "~/moderation/queue.server";
import { responseForModeration, saveTranslation } from "~/moderation/response.server";
import { ConcernError, flagResponse } from "~/safeguarding/concerns.server";
import { addNote, ModerationError, saveResponse } from "~/moderation/tags.server";
import { formFailure, httpError } from "~/utils/http.server";
import { pageTitle } from "~/utils/meta";
import { Notice } from "~/components/Notice";

export const handle = { i18n: ["common", "staff", "survey"] };

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

async function load(request: Request, params: LoaderFunctionArgs["params"]) {
  const session = await requireStaff(request, "moderate");
  const lang = await getLocale(request);
  const t = await getFixedT(request, ["staff", "survey", "common"]);
  const id = Number(params.id);
  const response = Number.isInteger(id) && id > 0 ? await responseForModeration(getDb(), id, lang, t) : undefined;
  if (!response) httpError(t, 404, "notFound");
  return { session, lang, t, response };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { session, lang, t, response } = await load(request, params);
  const url = new URL(request.url);
  return json({
    title: t("response.title", { reference: response.reference }),
    csrf: session.csrfToken,
    response,
    themes: await themeChoices(getDb(), lang),
    queueQuery: filtersQuery(readFilters(url)),
    queueParams: Object.entries(readFilters(url)).filter(([, value]) => value !== undefined).map(([key, value]) => [key, String(value)]),
    find: (url.searchParams.get("find") ?? "").trim().slice(0, 80),
    saved: url.searchParams.get("saved"),
    translated: url.searchParams.has("translated"),
  });
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { session, t, response } = await load(request, params);
  const form = await request.formData();
  await requireCsrf(request, session, form);
  const db = getDb();
  const url = new URL(request.url);
  const filters = readFilters(url);

  if (form.get("intent") === "flag") {
    const parsed = FlagSchema.safeParse({ reason: form.get("reason") ?? "" });
    if (!parsed.success) {
      return formFailure(context, { errors: [{ field: "reason", message: t(`response.errors.${parsed.error.issues[0].message}`) }], reason: String(form.get("reason") ?? "") });
    }
    // Flagged by someone else a moment ago: it is no longer this moderator's to see.
    await flagResponse(db, response.id, parsed.data.reason, session.user.id).catch((error: unknown) => {
      if (error instanceof ConcernError) httpError(t, 404, "notFound");
      throw error;
    });
    const back = new URLSearchParams(filtersQuery(filters));
    back.set("flagged", "1");
    throw redirect(`/moderate?${back}`, 303);
  }

  if (form.get("intent") === "translate") {
    const parsed = TranslationSchema.safeParse({ answer: form.get("answer"), translation: form.get("translation") ?? "" });
    const answerId = Number(form.get("answer"));
    if (!parsed.success) {
      const field = parsed.error.issues[0].path[0] === "answer" ? "answer" : parsed.error.issues[0].message;
      if (field === "answer") httpError(t, 400, "badForm");
      return formFailure(context, { errors: [{ field: `translation-${answerId}`, message: t(`response.translation.${field}`) }], translation: { answerId, text: String(form.get("translation") ?? "") } });
    }
    if (!(await saveTranslation(db, response.id, parsed.data.answer, parsed.data.translation, session.user.id))) httpError(t, 400, "badForm");
    const back = new URLSearchParams(filtersQuery(filters));
    back.set("translated", "1");
    throw redirect(`/moderate/responses/${response.id}?${back}`, 303);
  }

  if (form.get("intent") === "note") {
    const parsed = NoteSchema.safeParse({ note: form.get("note") ?? "" });
    if (!parsed.success) {
      return formFailure(context, { errors: [{ field: "note", message: t(`response.errors.${parsed.error.issues[0].message}`) }], note: String(form.get("note") ?? "") });
    }
    await addNote(db, response.id, parsed.data.note, session.user.id);
    throw redirect(`/moderate/responses/${response.id}${filtersQuery(filters)}`, 303);
  }

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
    const status = error.reason === "changedElsewhere" ? 409 : 400;
    context.formErrors = true;
    return json({ errors: [{ field: "themes", message: t(`response.errors.${error.reason}`) }], submitted }, { status });
  }
  if (parsed.data.intent === "save-next") {
    const next = await nextInQueue(db, filters, { submitted_at: response.submittedAt, id: response.id });
    throw redirect(next ? `/moderate/responses/${next}${filtersQuery(filters)}` : `/moderate${filtersQuery(filters, { after: undefined })}`, 303);
  }
  const back = new URLSearchParams(filtersQuery(filters));
  back.set("saved", "1");
  throw redirect(`/moderate/responses/${response.id}?${back}`, 303);
}

/** The English translation of one answer, shown beside the original and changeable. */
function TranslationForm({ answerId, current, csrf, error, submitted }: { answerId: number; current: string | null; csrf: string; error?: string; submitted?: string }) {
  const { t } = useTranslation("staff");
  return (
    <>
      {current ? (
        <>
          <h3 className="govuk-heading-s">{t("response.translation.heading")}</h3>
          <p className="govuk-body app-free-text" lang="en">
            {current}
          </p>
        </>
      ) : null}
      <details className="govuk-details" open={Boolean(error)}>
        <summary className="govuk-details__summary">
          <span className="govuk-details__summary-text">{current ? t("response.translation.edit") : t("response.translation.add")}</span>
        </summary>
        <div className="govuk-details__text">
          <form method="post" noValidate>
            <input type="hidden" name={CSRF_FIELD} value={csrf} />
            <input type="hidden" name="intent" value="translate" />
            <input type="hidden" name="answer" value={answerId} />
            <TextArea
              id={`translation-${answerId}`}
              name="translation"
              label={t("response.translation.label")}
              hint={t("response.translation.hint")}
              rows={4}
              error={error}
              defaultValue={submitted ?? current ?? ""}
            />
            <button type="submit" className="govuk-button govuk-button--secondary">
              {t("response.translation.save")}
            </button>
          </form>
        </div>
      </details>
    </>
  );
}

export default function ModerateResponse() {
  const data = useLoaderData<typeof loader>();
  const failure = useActionData<typeof action>();
  const { t, i18n } = useTranslation("staff");
  const { response } = data;
  const errors: FieldError[] = failure?.errors ?? [];
  const submitted = failure && "submitted" in failure ? failure.submitted : null;
  const themeName = (id: number) => data.themes.find((theme) => theme.id === id)?.name ?? String(id);
  // "Find a theme" narrows the list without JavaScript; ticked themes that are hidden stay ticked.
  const selectedThemes = (submitted?.themeIds ?? response.themeIds).map(String);
  const needle = data.find.toLocaleLowerCase();
  const shownThemes = needle ? data.themes.filter((theme) => theme.name.toLocaleLowerCase().includes(needle)) : data.themes;
  const hiddenSelected = selectedThemes.filter((id) => !shownThemes.some((theme) => String(theme.id) === id));
  const date = (iso: string) => new Intl.DateTimeFormat(intlLocale(i18n.language), { dateStyle: "long", timeStyle: "short" }).format(new Date(iso));
  // Answers in another language can be given an English translation; Easy Read is English already.
  const needsTranslation = response.lang !== fallbackLanguage && response.lang !== easyRead;
  return (
    <>
      <BackLink to={`/moderate${data.queueQuery}`} />
      <ErrorSummary errors={errors} />
      {data.saved ? (
        <Notice>{t("response.saved")}</Notice>
      ) : null}
      {data.translated ? <Notice>{t("response.translation.saved")}</Notice> : null}
      <span className="govuk-caption-l">{response.surveyTitle}</span>
      <h1 className="govuk-heading-l">{t("response.title", { reference: response.reference })}</h1>
      <p className="govuk-body">
        {t("response.meta", { date: date(response.submittedAt), language: t(`common:languageNames.${response.lang}`, { defaultValue: response.lang }), audience: t(`audience.${response.audience}`) })}
        <br />
        {response.quoteConsent ? t("response.consentYes") : t("response.consentNo")}
        {response.helpedBy ? (
          <>
            <br />
            {t("response.helpedBy", { helper: t(`survey:helped.options.${response.helpedBy}`) })}
          </>
        ) : null}
      </p>

      <div className="govuk-grid-row">
        <div className="govuk-grid-column-one-half">
          <h2 className="govuk-heading-m">{t("response.answers")}</h2>
          <dl className="app-answers">
            {response.answers.map((answer) => (
              <div key={answer.questionId} className="app-answers__row">
                <dt className="app-answers__question">{answer.question}</dt>
                <dd className="app-answers__answer">
                  {answer.text !== null ? (
                    <>
                      {needsTranslation ? <h3 className="govuk-heading-s">{t("response.translation.original", { language: t(`common:languageNames.${response.lang}`, { defaultValue: response.lang }) })}</h3> : null}
                      <p className="govuk-body app-free-text" lang={htmlLang(response.lang)} dir="auto">
                        {answer.text}
                      </p>
                      {needsTranslation && answer.answerId ? (
                        <TranslationForm
                          answerId={answer.answerId}
                          current={answer.translation}
                          csrf={data.csrf}
                          error={errors.find((e) => e.field === `translation-${answer.answerId}`)?.message}
                          submitted={failure && "translation" in failure && failure.translation?.answerId === answer.answerId ? failure.translation.text : undefined}
                        />
                      ) : null}
                      {response.quoteConsent && answer.answerId ? (
                        <Link className="govuk-link govuk-body-s" to={`/moderate/quotes/new?answer=${answer.answerId}`}>
                          {t("response.makeQuote")}
                        </Link>
                      ) : (
                        <p className="govuk-body-s">{t("response.noConsentForQuote")}</p>
                      )}
                    </>
                  ) : (
                    answer.labels.join(", ")
                  )}
                </dd>
              </div>
            ))}
          </dl>
        </div>
        <div className="govuk-grid-column-one-half">
          <form method="get" className="app-find-theme" role="search">
            {data.queueParams.map(([name, value]) => (
              <input key={name} type="hidden" name={name} value={value} />
            ))}
            <label className="govuk-label" htmlFor="find">
              {t("response.findTheme")}
            </label>
            <div className="app-find-theme__row">
              <input className="govuk-input govuk-input--width-20" id="find" name="find" type="search" defaultValue={data.find} />
              <button type="submit" className="govuk-button govuk-button--secondary">
                {t("response.findThemeSubmit")}
              </button>
            </div>
            {data.find ? (
              <p className="govuk-body">
                {shownThemes.length === 0 ? `${t("response.noThemeMatches", { find: data.find })} ` : null}
                <Link className="govuk-link" to={`/moderate/responses/${response.id}${data.queueQuery}`}>
                  {t("response.showAllThemes")}
                </Link>
              </p>
            ) : null}
          </form>
          <form method="post" noValidate>
            <input type="hidden" name={CSRF_FIELD} value={data.csrf} />
            <input type="hidden" name="version" value={response.version} />
            {hiddenSelected.map((id) => (
              <input key={id} type="hidden" name="theme" value={id} />
            ))}
            <Choices
              id="themes"
              name="theme"
              variant="checkboxes"
              className="govuk-checkboxes--small"
              legend={t("response.themes")}
              hint={t("response.themesHint")}
              error={errors.find((e) => e.field === "themes")?.message}
              selected={selectedThemes}
              items={shownThemes.map((theme) => ({ value: String(theme.id), label: theme.name }))}
            />
            {response.automaticThemeIds.length > 0 ? (
              <p className="govuk-body-s">{t("response.automatic", { themes: response.automaticThemeIds.map(themeName).join(", ") })}</p>
            ) : null}
            <Choices
              id="status"
              name="status"
              className="govuk-radios--small govuk-radios--inline"
              legend={t("response.status")}
              error={errors.find((e) => e.field === "status")?.message}
              selected={[submitted?.status ?? response.status]}
              items={statuses.map((status) => ({ value: status, label: t(`status.${status}`) }))}
            />
            <div className="govuk-button-group">
              <button type="submit" name="intent" value="save-next" className="govuk-button">
                {t("response.saveNext")}
              </button>
              <button type="submit" name="intent" value="save" className="govuk-button govuk-button--secondary">
                {t("response.save")}
              </button>
            </div>
          </form>

          <h2 className="govuk-heading-m">{t("response.notes")}</h2>
          <p className="govuk-body-s">{t("response.notesHint")}</p>
          {response.notes.length === 0 ? <p className="govuk-body">{t("response.noNotes")}</p> : null}
          <ul className="govuk-list">
            {response.notes.map((note) => (
              <li key={note.id}>
                <p className="govuk-body app-free-text">{note.body}</p>
                <p className="govuk-body-s">{t("response.noteBy", { name: note.name, date: date(note.created_at) })}</p>
              </li>
            ))}
          </ul>
          <form method="post" noValidate>
            <input type="hidden" name={CSRF_FIELD} value={data.csrf} />
            <TextArea id="note" name="note" label={t("response.note")} rows={3} error={errors.find((e) => e.field === "note")?.message} defaultValue={failure && "note" in failure ? failure.note : ""} />
            <button type="submit" name="intent" value="note" className="govuk-button govuk-button--secondary">
              {t("response.addNote")}
            </button>
          </form>
          <h2 className="govuk-heading-m">{t("response.flag.heading")}</h2>
          <p className="govuk-body">{t("response.flag.lead")}</p>
          <form method="post" noValidate>
            <input type="hidden" name={CSRF_FIELD} value={data.csrf} />
            <TextArea
              id="reason"
              name="reason"
              label={t("response.flag.reason")}
              hint={t("response.flag.reasonHint")}
              rows={3}
              error={errors.find((e) => e.field === "reason")?.message}
              defaultValue={failure && "reason" in failure ? failure.reason : ""}
            />
            <button type="submit" name="intent" value="flag" className="govuk-button govuk-button--warning">
              {t("response.flag.submit")}
            </button>
          </form>
          <p className="govuk-body">
            <Link className="govuk-link" to={`/moderate${data.queueQuery}`}>
              {t("response.backToQueue")}
            </Link>
          </p>
        </div>
      </div>
    </>
  );
}

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => pageTitle(matches, data?.title);
