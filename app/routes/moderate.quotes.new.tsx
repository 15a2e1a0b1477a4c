import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { CSRF_FIELD } from "~/accounts/csrf";
import { requireCsrf, requireStaff } from "~/accounts/session.server";
import { Choices } from "~/components/Choices";
import { ErrorSummary } from "~/components/ErrorSummary";
import { BackLink } from "~/components/Layout";
import { TextArea } from "~/components/TextFields";
import { QuoteTranslationField } from "~/moderation/QuoteTranslationField";
import { htmlLang } from "~/i18n/config";
import { namesUnchecked } from "~/moderation/redaction";
import { getDb } from "~/db.server";
import { getFixedT, getLocale } from "~/i18n/i18n.server";
import { themeChoices } from "~/moderation/queue.server";
import { quoteFormError, quoteFormValues, readQuoteForm } from "~/moderation/quote-form";
import { createQuote, quotableAnswer, QuoteError, responseThemeIds } from "~/moderation/quotes.server";
import { applyRedactions, suggestRedactions, type RedactionKind } from "~/moderation/redaction";
import { getSettings } from "~/settings.server";
import { formFailure, httpError } from "~/utils/http.server";
import { pageTitle } from "~/utils/meta";

export const handle = { i18n: ["common", "staff"] };

async function load(request: Request) {
  const session = await requireStaff(request, "moderate");
  const t = await getFixedT(request, ["staff", "common"]);
  const answerId = Number(new URL(request.url).searchParams.get("answer"));
  try {
    const answer = await quotableAnswer(getDb(), Number.isInteger(answerId) ? answerId : 0);
    return { session, t, answer };
  } catch (error) {
    if (error instanceof QuoteError) httpError(t, error.reason === "notFound" ? 404 : 400, error.reason === "notFound" ? "notFound" : "cannotQuote");
    throw error;
  }
}

export async function loader({ request }: LoaderFunctionArgs) {
  const { session, t, answer } = await load(request);
  const lang = await getLocale(request);
  const settings = await getSettings(getDb());
  const redactions = suggestRedactions(
    answer.text,
    settings.setting_names
      .split("\n")
      .map((name) => name.trim())
      .filter(Boolean),
  );
  return json({
    title: t("quotes.new.title"),
    csrf: session.csrfToken,
    answer: {
      id: answer.id,
      text: answer.text,
      lang: answer.lang,
      reference: answer.reference,
      responseId: answer.response_id,
      translation: answer.translation,
    },
    suggestions: redactions.map((r) => ({ kind: r.kind, found: r.found })),
    suggested: applyRedactions(answer.text, redactions, (kind: RedactionKind) => t(`quotes.placeholders.${kind}`)),
    themes: await themeChoices(getDb(), lang),
    answerThemeIds: await responseThemeIds(getDb(), answer.response_id),
  });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const { session, t, answer } = await load(request);
  const form = await request.formData();
  await requireCsrf(request, session, form);
  const parsed = readQuoteForm(form);
  const values = quoteFormValues(form);
  if (!parsed.success) {
    const { field, key } = quoteFormError(parsed.error);
    return formFailure(context, { errors: [{ field, message: t(`quotes.errors.${key}`) }], values });
  }
  try {
    const id = await createQuote(
      getDb(),
      answer.id,
      { text: parsed.data.text, themeIds: parsed.data.theme, translation: parsed.data.translation },
      session.user,
    );
    throw redirect(`/moderate/quotes/${id}?created=1`, 303);
  } catch (error) {
    if (!(error instanceof QuoteError)) throw error;
    return formFailure(context, { errors: [{ field: "text", message: t(`quotes.errors.${error.reason}`) }], values });
  }
}

export default function NewQuote() {
  const data = useLoaderData<typeof loader>();
  const failure = useActionData<typeof action>();
  const { t } = useTranslation("staff");
  const errors = failure?.errors ?? [];
  return (
    <>
      <BackLink to={`/moderate/responses/${data.answer.responseId}`} />
      <ErrorSummary errors={errors} />
      <span className="govuk-caption-l">{t("quotes.new.from", { reference: data.answer.reference })}</span>
      <h1 className="govuk-heading-l">{t("quotes.new.title")}</h1>
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-one-half">
          <h2 className="govuk-heading-m">{t("quotes.new.original")}</h2>
          <blockquote className="app-original" lang={htmlLang(data.answer.lang)} dir="auto">
            <p className="govuk-body app-free-text">{data.answer.text}</p>
          </blockquote>
          <h2 className="govuk-heading-s">{t("quotes.new.suggestions")}</h2>
          {namesUnchecked(data.answer.text) ? (
            <div className="govuk-warning-text">
              <span className="govuk-warning-text__icon" aria-hidden="true">
                !
              </span>
              <strong className="govuk-warning-text__text">{t("quotes.new.namesUnchecked")}</strong>
            </div>
          ) : null}
          {data.suggestions.length === 0 ? (
            <p className="govuk-body">{t("quotes.new.noSuggestions")}</p>
          ) : (
            <ul className="govuk-list govuk-list--bullet">
              {data.suggestions.map((suggestion, index) => (
                <li key={index}>
                  {t(`quotes.kinds.${suggestion.kind}`)}: <mark>{suggestion.found}</mark>
                </li>
              ))}
            </ul>
          )}
        </div>
        <div className="govuk-grid-column-one-half">
          <form method="post" noValidate>
            <input type="hidden" name={CSRF_FIELD} value={data.csrf} />
            <TextArea
              id="text"
              name="text"
              label={t("quotes.new.text")}
              hint={t("quotes.new.textHint")}
              rows={8}
              error={errors.find((e) => e.field === "text")?.message}
              defaultValue={failure?.values.text ?? data.suggested}
            />
            <QuoteTranslationField
              lang={data.answer.lang}
              error={errors.find((e) => e.field === "translation")?.message}
              defaultValue={failure?.values.translation ?? data.answer.translation ?? ""}
            />
            <Choices
              id="themes"
              name="theme"
              variant="checkboxes"
              className="govuk-checkboxes--small"
              legend={t("quotes.new.themes")}
              hint={data.answerThemeIds.length > 0 ? `${t("quotes.new.themesHint")} ${t("quotes.new.themesFromResponse")}` : t("quotes.new.themesHint")}
              selected={failure?.values.themeIds ?? data.answerThemeIds.map(String)}
              items={data.themes.map((theme) => ({ value: String(theme.id), label: theme.name }))}
            />
            <button type="submit" className="govuk-button">
              {t("quotes.new.submit")}
            </button>
          </form>
        </div>
      </div>
    </>
  );
}

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => pageTitle(matches, data?.title);
