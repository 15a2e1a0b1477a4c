import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Paragraphs } from "~/components/Paragraphs";
import { ScriptFont } from "~/components/ScriptFont";
import { Select } from "~/components/Select";
import { getDb } from "~/db.server";
import { fallbackLanguage, htmlLang, isSupportedLanguage, supportedLanguages, textDirection } from "~/i18n/config";
import { fixedT, getFixedT } from "~/i18n/i18n.server";
import { loadBuilderSurvey } from "~/surveys/builder/load.server";
import { choicesFor } from "~/surveys/choices";
import { QuestionField } from "~/surveys/QuestionField";
import { getSurvey } from "~/surveys/surveys.server";
import { httpError } from "~/utils/http.server";
import { pageTitle } from "~/utils/meta";

export const handle = { i18n: ["common", "staff", "survey"] };

/**
 * The survey as a respondent sees it, one question at a time, in any language: every question in
 * order (conditions are named, not applied), with nothing stored. Links, not forms, move between pages.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { survey: built } = await loadBuilderSurvey(request, params);
  const t = await getFixedT(request, "staff");
  const url = new URL(request.url);
  const wanted = url.searchParams.get("lang") ?? fallbackLanguage;
  const lang = isSupportedLanguage(wanted) ? wanted : fallbackLanguage;
  const survey = await getSurvey(getDb(), built.slug, lang);
  if (!survey) httpError(t, 404, "notFound");
  const page = Math.max(0, Math.min(survey.questions.length, Number.parseInt(url.searchParams.get("page") ?? "0", 10) || 0));
  const question = page > 0 ? survey.questions[page - 1] : undefined;
  const respondentT = fixedT(survey.lang, ["survey", "common"]);
  const condition = question?.showIf ? survey.questions.find((candidate) => candidate.id === question.showIf?.questionId) : undefined;
  return json({
    title: t("builder.preview.title"),
    slug: built.slug,
    lang,
    shownIn: survey.lang,
    page,
    pages: survey.questions.length,
    start: { title: survey.title, summary: survey.summary, description: survey.description },
    question: question
      ? {
          view: {
            kind: question.kind,
            text: question.text,
            hint: question.hint,
            lang: question.lang,
            maxLength: question.maxLength,
            required: question.required,
          },
          choices: choicesFor(question, respondentT, survey.lang),
          condition: condition
            ? { question: condition.text, answer: condition.options.find((option) => option.value === question.showIf?.value)?.label ?? question.showIf?.value }
            : null,
        }
      : null,
  });
}

export default function PreviewSurvey() {
  const data = useLoaderData<typeof loader>();
  const { t } = useTranslation("staff");
  const base = `/admin/surveys/${data.slug}/preview`;
  const link = (page: number) => `${base}?${new URLSearchParams({ lang: data.lang, page: String(page) })}`;
  const lang = htmlLang(data.shownIn);
  return (
    <>
      <Link to={`/admin/surveys/${data.slug}`} className="govuk-back-link">
        {t("builder.backToSurvey")}
      </Link>
      <div className="govuk-notification-banner" role="region" aria-labelledby="preview-banner-title">
        <div className="govuk-notification-banner__header">
          <h2 className="govuk-notification-banner__title" id="preview-banner-title">
            {t("builder.preview.title")}
          </h2>
        </div>
        <div className="govuk-notification-banner__content">
          <p className="govuk-body">{t("builder.preview.nothingStored")}</p>
          {data.shownIn !== data.lang ? (
            <p className="govuk-body">{t("builder.preview.fallback", { language: t(`common:languageNames.${data.lang}`) })}</p>
          ) : null}
          <form method="get" action={base} className="app-inline-form">
            <input type="hidden" name="page" value={data.page} />
            <Select
              id="lang"
              name="lang"
              label={t("builder.preview.language")}
              defaultValue={data.lang}
              options={supportedLanguages.map((code) => ({ value: code, label: t(`common:languageNames.${code}`) }))}
            />
            <button type="submit" className="govuk-button govuk-button--secondary app-button--small">
              {t("builder.preview.show")}
            </button>
          </form>
        </div>
      </div>
      <ScriptFont lang={data.shownIn} />
      <p className="govuk-caption-m">{t("builder.preview.page", { page: data.page, pages: data.pages })}</p>
      {/* The condition is a note for staff, in their language; the respondent's page follows in its own. */}
      {data.question?.condition ? (
        <p className="govuk-inset-text">
          {t("builder.overview.condition", { question: data.question.condition.question, answer: data.question.condition.answer })}
        </p>
      ) : null}
      <div lang={lang} dir={textDirection(data.shownIn)}>
        {data.question ? (
          <>
            <QuestionField question={data.question.view} choices={data.question.choices} value={undefined} error={null} pageLang={data.shownIn} />
          </>
        ) : (
          <>
            <h1 className="govuk-heading-l">{data.start.title}</h1>
            <p className="govuk-body-l">{data.start.summary}</p>
            <Paragraphs text={data.start.description} />
          </>
        )}
      </div>
      <nav className="govuk-pagination govuk-pagination--block" aria-label={t("builder.preview.pagesLabel")}>
        {data.page > 0 ? (
          <div className="govuk-pagination__prev">
            <Link className="govuk-link govuk-pagination__link" to={link(data.page - 1)} rel="prev">
              <span className="govuk-pagination__link-title">{t("builder.preview.previous")}</span>
            </Link>
          </div>
        ) : null}
        {data.page < data.pages ? (
          <div className="govuk-pagination__next">
            <Link className="govuk-link govuk-pagination__link" to={link(data.page + 1)} rel="next">
              <span className="govuk-pagination__link-title">{t("builder.preview.next")}</span>
            </Link>
          </div>
        ) : null}
      </nav>
    </>
  );
}

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => pageTitle(matches, data?.title);
