import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { populationDimensions, type PopulationDimension } from "../../db/schema";
import { CSRF_FIELD } from "~/accounts/csrf";
import { requireStaff } from "~/accounts/session.server";
import { describedBy, ErrorMessage, ErrorSummary, Hint } from "~/components/ErrorSummary";
import { Notice } from "~/components/Notice";
import { getDb } from "~/db.server";
import { getFixedT } from "~/i18n/i18n.server";
import { populationNamespaces } from "~/insight/population-pages.server";
import { comparableQuestions, setComparisons, type ComparableQuestion } from "~/insight/population-questions.server";
import { groupWords } from "~/insight/population-words";
import { isDimension } from "~/insight/population.server";
import { formFailure } from "~/utils/http.server";
import { pageTitle } from "~/utils/meta";
import { readStaffForm, type StaffFormFailure } from "~/utils/staff-form.server";

export const handle = { i18n: ["population", "staff", "common"] };

const field = (questionId: number) => `question-${questionId}`;

export async function loader({ request }: LoaderFunctionArgs) {
  const session = await requireStaff(request, "admin");
  const t = await getFixedT(request, populationNamespaces);
  return json({
    title: t("questions.title"),
    csrf: session.csrfToken,
    questions: await comparableQuestions(getDb()),
    notice: new URL(request.url).searchParams.get("notice"),
  });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const staff = await readStaffForm(request, "admin", populationNamespaces);
  const wanted = new Map<number, PopulationDimension | null>();
  for (const [name, value] of Object.entries(staff.values)) {
    const id = /^question-(\d+)$/.exec(name)?.[1];
    if (id && (value === "" || isDimension(value))) wanted.set(Number(id), value === "" ? null : value);
  }
  const { refused } = await setComparisons(getDb(), wanted, staff.session.user.id);
  if (refused.length) {
    const errors = refused.map(({ questionId, dimension }) => ({
      field: field(questionId),
      message: staff.t("questions.errors.twice", { dimension: staff.t(`dimensions.${dimension}`) }),
    }));
    return formFailure<StaffFormFailure>(context, { errors, values: staff.values });
  }
  throw redirect("/admin/population/questions?notice=saved", 303);
}

export default function ComparedQuestions() {
  const data = useLoaderData<typeof loader>();
  const failure = useActionData<typeof action>();
  const { t } = useTranslation("population");
  const errors = failure?.errors ?? [];
  const surveys = [...new Set(data.questions.map((question) => question.surveyId))].map((id) => data.questions.filter((question) => question.surveyId === id));
  return (
    <>
      <Link to="/admin/population" className="govuk-back-link">
        {t("backToPopulations")}
      </Link>
      <ErrorSummary errors={errors} />
      {data.notice === "saved" ? <Notice>{t("done.questions")}</Notice> : null}
      <h1 className="govuk-heading-l">{t("questions.title")}</h1>
      <p className="govuk-body">{t("questions.lead")}</p>
      <p className="govuk-body">{t("questions.notCounted")}</p>
      {surveys.length === 0 ? (
        <p className="govuk-body">{t("questions.none")}</p>
      ) : (
        <form method="post" noValidate className="app-narrow-form">
          <input type="hidden" name={CSRF_FIELD} value={data.csrf} />
          {surveys.map((questions) => (
            <section key={questions[0].surveyId}>
              <h2 className="govuk-heading-m">
                <bdi lang="en">{questions[0].survey}</bdi>
                {questions[0].archived ? ` (${t("questions.archived")})` : null}
              </h2>
              {questions.map((question) => (
                <QuestionChoice
                  key={question.id}
                  question={question}
                  typed={failure?.values[field(question.id)]}
                  error={errors.find((error) => error.field === field(question.id))?.message}
                />
              ))}
            </section>
          ))}
          <button type="submit" className="govuk-button">
            {t("questions.save")}
          </button>
        </form>
      )}
    </>
  );
}

function QuestionChoice({ question, typed, error }: { question: ComparableQuestion; typed?: string; error?: string }) {
  const { t } = useTranslation("population");
  const id = field(question.id);
  const hint = question.dimension ? "counted" : null;
  return (
    <div className={`govuk-form-group${error ? " govuk-form-group--error" : ""}`}>
      <label className="govuk-label govuk-label--s" htmlFor={id}>
        <bdi lang="en">{question.text}</bdi>
      </label>
      <Hint id={id}>
        {question.dimension ? (
          <>
            {t("questions.howCounted")}
            <ul className="govuk-list govuk-list--bullet">
              {question.options.map((option) => (
                <li key={option.value}>
                  <bdi lang="en">{option.label}</bdi>: {option.groups ? groupWords(t, question.dimension!, option.groups) : t("questions.notCountedOption")}
                </li>
              ))}
            </ul>
          </>
        ) : null}
      </Hint>
      <ErrorMessage id={id} message={error} />
      <select
        className={`govuk-select${error ? " govuk-select--error" : ""}`}
        id={id}
        name={id}
        defaultValue={typed ?? question.dimension ?? ""}
        aria-describedby={describedBy(id, hint, error)}
      >
        <option value="">{t("questions.notCompared")}</option>
        {populationDimensions.map((dimension) => (
          <option key={dimension} value={dimension}>
            {t(`dimensions.${dimension}`)}
          </option>
        ))}
      </select>
    </div>
  );
}

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => pageTitle(matches, data?.title);
