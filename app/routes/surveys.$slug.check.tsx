import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { BackLink, ButtonTo } from "~/components/Layout";
import { answerLabels } from "~/surveys/choices";
import { loadSurvey, requireDraft, requireNoExit, requireOpen } from "~/surveys/journey.server";
import { firstIncomplete, visibleQuestions } from "~/surveys/model";
import { surveyPaths } from "~/surveys/paths";
import { YoungPersonHelp } from "~/surveys/YoungPersonHelp";
import { pageTitle } from "~/utils/meta";
import { getDb } from "~/db.server";
import { clock, draftRecordings } from "~/spoken/recordings.server";

export const handle = { i18n: ["common", "survey"] };

export async function loader({ request, params }: LoaderFunctionArgs) {
  const context = await loadSurvey(request, params);
  requireOpen(context);
  const { lang, t } = context;
  const { draft, survey } = await requireDraft(request, context);
  requireNoExit(survey, draft);
  const paths = surveyPaths(survey.slug);
  const shown = visibleQuestions(survey.questions, draft.answers);
  const recordings = await draftRecordings(getDb(), draft.id);
  const incomplete = firstIncomplete(survey.questions, draft.answers, new Set(recordings.keys()));
  const rows = shown.map((question) => {
    const value = draft.answers[String(question.id)];
    return {
      key: question.key,
      section: question.section,
      question: question.text,
      questionLang: question.lang === lang ? undefined : question.lang,
      missing: question.id === incomplete?.id,
      text: question.kind === "free_text" && typeof value === "string" ? value : null,
      labels: value !== undefined && question.kind !== "free_text" ? answerLabels(question, value, t, lang) : [],
      spoken: recordings.has(question.id) ? { length: clock(recordings.get(question.id)?.durationMs ?? null) } : null,
      changeTo: paths.question(question.key, true),
    };
  });
  const last = shown.at(-1);
  return json({
    title: t("check.title"),
    audience: survey.audience,
    rows,
    backTo: last ? paths.question(last.key) : paths.start,
    continueTo: incomplete ? paths.question(incomplete.key, true) : paths.consent,
  });
}

type Row = ReturnType<typeof useLoaderData<typeof loader>>["rows"][number];

function AnswerList({ rows }: { rows: Row[] }) {
  const { t } = useTranslation("survey");
  return (
    <dl className="govuk-summary-list">
      {rows.map((row) => (
        <div key={row.key} className={`govuk-summary-list__row${row.missing ? " app-summary-row--missing" : ""}`}>
          <dt className="govuk-summary-list__key" lang={row.questionLang}>
            {row.question}
          </dt>
          <dd className="govuk-summary-list__value">
            {row.missing ? (
              <strong className="app-missing">{t("check.missingRequired")}</strong>
            ) : row.text !== null || row.spoken ? (
              <>
                {row.text !== null ? <p className="govuk-body app-free-text">{row.text}</p> : null}
                {row.spoken ? (
                  <p className="govuk-body">{row.spoken.length ? t("spoken.check", { length: row.spoken.length }) : t("spoken.checkNoLength")}</p>
                ) : null}
              </>
            ) : row.labels.length === 0 ? (
              <span className="app-not-answered">{t("check.notAnswered")}</span>
            ) : row.labels.length === 1 ? (
              <span lang={row.labels[0].lang}>{row.labels[0].label}</span>
            ) : (
              <ul className="govuk-list">
                {row.labels.map((label) => (
                  <li key={label.value} lang={label.lang}>
                    {label.label}
                  </li>
                ))}
              </ul>
            )}
          </dd>
          <dd className="govuk-summary-list__actions">
            <Link className="govuk-link" to={row.changeTo}>
              {row.spoken ? t("spoken.changeOrRemove") : t("check.change")}
              <span className="govuk-visually-hidden"> {t("check.changeHidden", { question: row.question })}</span>
            </Link>
          </dd>
        </div>
      ))}
    </dl>
  );
}

export default function CheckAnswers() {
  const data = useLoaderData<typeof loader>();
  const { t } = useTranslation("survey");
  const main = data.rows.filter((row) => row.section === "main");
  const aboutYou = data.rows.filter((row) => row.section === "about_you");
  return (
    <>
      <BackLink to={data.backTo} />
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds-from-desktop">
          <h1 className="govuk-heading-l">{t("check.title")}</h1>
          <p className="govuk-body">{t("check.lead")}</p>
          <h2 className="govuk-heading-m">{t("check.yourAnswers")}</h2>
          <AnswerList rows={main} />
          {aboutYou.length > 0 ? (
            <>
              <h2 className="govuk-heading-m">{t("check.aboutYou")}</h2>
              <AnswerList rows={aboutYou} />
            </>
          ) : null}
          <ButtonTo to={data.continueTo}>{t("check.continue")}</ButtonTo>
          {data.audience === "young_person" ? <YoungPersonHelp /> : null}
        </div>
      </div>
    </>
  );
}

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => pageTitle(matches, data?.title);
