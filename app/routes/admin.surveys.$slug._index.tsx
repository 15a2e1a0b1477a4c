import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { CSRF_FIELD } from "~/accounts/csrf";
import { ErrorSummary } from "~/components/ErrorSummary";
import { Notice } from "~/components/Notice";
import { TextInput } from "~/components/TextFields";
import { getDb } from "~/db.server";
import { fallbackLanguage, htmlLang, intlLocale } from "~/i18n/config";
import { getFixedT, getLocale } from "~/i18n/i18n.server";
import { changeSurveyState, duplicateSurvey, findSurvey, themeChoices, type StateChange } from "~/surveys/builder.server";
import { loadBuilderSurvey } from "~/surveys/builder/load.server";
import { moveQuestion, removeQuestion } from "~/surveys/questions.server";
import { formFailure, httpError } from "~/utils/http.server";
import { pageTitle } from "~/utils/meta";
import { readStaffForm } from "~/utils/staff-form.server";

export const handle = { i18n: ["common", "staff"] };

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { session, canBuild, survey } = await loadBuilderSurvey(request, params);
  const t = await getFixedT(request, "staff");
  const themes = await themeChoices(getDb(), await getLocale(request));
  const themeName = new Map(themes.map((theme) => [theme.slug, theme.name]));
  const english = survey.file.text[fallbackLanguage];
  const questionText = new Map(survey.file.questions.map((question) => [question.key, question.text[fallbackLanguage].text]));
  return json({
    title: t("builder.overview.title", { title: english.title }),
    csrf: session.csrfToken,
    canBuild,
    done: new URL(request.url).searchParams.get("done"),
    survey: {
      slug: survey.slug,
      state: survey.state,
      status: survey.status,
      version: survey.version,
      responses: survey.responses,
      title: english.title,
      summary: english.summary,
      privacy: english.privacy ?? null,
      runBy: survey.file.runBy ?? null,
      audience: survey.file.audience,
      estimatedMinutes: survey.file.estimatedMinutes,
      opensOn: survey.opensOn,
      closesOn: survey.closesOn,
      themes: (survey.file.themes ?? []).map((slug) => themeName.get(slug) ?? slug),
      languages: survey.languages,
      questions: survey.file.questions.map((question) => ({
        id: survey.questionIds[question.key],
        key: question.key,
        kind: question.kind,
        section: question.section,
        required: question.required,
        samePage: question.samePage ?? false,
        version: question.version ?? 1,
        text: question.text[fallbackLanguage].text,
        theme: question.theme ? (themeName.get(question.theme) ?? question.theme) : null,
        condition: question.showIf
          ? {
              question: questionText.get(question.showIf.question) ?? question.showIf.question,
              answer:
                survey.file.questions.find((q) => q.key === question.showIf?.question)?.options.find((o) => o.value === question.showIf?.value)?.label[
                  fallbackLanguage
                ] ?? question.showIf.value,
            }
          : null,
        options: question.options.map((option) =>
          option.exit ? t("builder.overview.endsSurvey", { option: option.label[fallbackLanguage] }) : option.label[fallbackLanguage],
        ),
      })),
    },
  });
}

const QuestionIntent = z.object({ intent: z.enum(["up", "down", "remove"]), question: z.coerce.number().int() });
const CopySlug = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/)
  .max(60);

export async function action({ request, params, context }: ActionFunctionArgs) {
  const staff = await readStaffForm(request, "admin");
  const db = getDb();
  const survey = params.slug ? await findSurvey(db, params.slug) : undefined;
  if (!survey) httpError(staff.t, 404, "notFound");
  const userId = staff.session.user.id;
  const refuse = (field: string, message: string, params?: Record<string, string>) =>
    formFailure(context, { errors: [{ field, message: staff.t(`builder.errors.${message}`, params) }], values: staff.values });

  const question = QuestionIntent.safeParse(staff.values);
  if (question.success) {
    const { intent, question: questionId } = question.data;
    const refusal =
      intent === "remove" ? await removeQuestion(db, survey.id, questionId, userId) : await moveQuestion(db, survey.id, questionId, intent, userId);
    if (refusal) return refuse(`question-${questionId}`, refusal.message, refusal.params);
    throw redirect(`/admin/surveys/${survey.slug}?done=${intent === "remove" ? "removed" : "moved"}#questions`, 303);
  }
  if (staff.intent === "duplicate") {
    const slug = CopySlug.safeParse(staff.values.copySlug ?? "");
    if (!slug.success) return refuse("copySlug", "slug");
    const copied = await duplicateSurvey(db, survey.slug, slug.data, userId);
    if ("refusal" in copied) return refuse(copied.refusal.field, copied.refusal.message, copied.refusal.params);
    throw redirect(`/admin/surveys/${copied.slug}?done=duplicated`, 303);
  }
  const change = z.enum(["open", "close", "archive", "delete"]).safeParse(staff.intent);
  if (!change.success) httpError(staff.t, 400, "badForm");
  const refusal = await changeSurveyState(db, survey.id, change.data as StateChange, userId);
  if (refusal) return refuse("state", refusal.message);
  throw redirect(change.data === "delete" ? "/admin/surveys?done=deleted" : `/admin/surveys/${survey.slug}?done=${change.data}`, 303);
}

const stateTag: Record<string, string> = {
  draft: "govuk-tag--grey",
  scheduled: "govuk-tag--blue",
  open: "govuk-tag--green",
  ended: "govuk-tag--yellow",
  closed: "govuk-tag--grey",
  archived: "govuk-tag--grey",
};

function CsrfForm({ csrf, children, className }: { csrf: string; children: React.ReactNode; className?: string }) {
  return (
    <Form method="post" className={className}>
      <input type="hidden" name={CSRF_FIELD} value={csrf} />
      {children}
    </Form>
  );
}

export default function SurveyOverview() {
  const data = useLoaderData<typeof loader>();
  const failure = useActionData<typeof action>();
  const { t, i18n } = useTranslation("staff");
  const { survey, canBuild, csrf } = data;
  const errors = failure?.errors ?? [];
  const errorFor = (field: string) => errors.find((error) => error.field === field)?.message;
  const date = (day: string | null) =>
    day ? new Intl.DateTimeFormat(intlLocale(i18n.language), { dateStyle: "long", timeZone: "UTC" }).format(new Date(`${day}T00:00:00Z`)) : t("surveys.noDate");
  const base = `/admin/surveys/${survey.slug}`;
  const details: [string, React.ReactNode][] = [
    [
      "title",
      <span key="title" lang="en">
        {survey.title}
      </span>,
    ],
    ["slug", <code key="slug">/surveys/{survey.slug}</code>],
    ["audience", t(`audience.${survey.audience}`)],
    ["runBy", survey.runBy ?? t("builder.overview.notGiven")],
    ["estimatedMinutes", t("builder.overview.minutes", { count: survey.estimatedMinutes })],
    ["opensOn", date(survey.opensOn)],
    ["closesOn", date(survey.closesOn)],
    ["privacy", survey.privacy ? t("builder.overview.privacyOwn") : t("builder.overview.privacyPortal")],
    ["themes", survey.themes.length ? survey.themes.join(", ") : t("builder.overview.notGiven")],
  ];
  return (
    <>
      <Link to="/admin/surveys" className="govuk-back-link">
        {t("builder.backToSurveys")}
      </Link>
      <ErrorSummary errors={errors} />
      {data.done ? <Notice>{t(`builder.done.${data.done}`, { defaultValue: t("builder.done.saved") })}</Notice> : null}
      <span className="govuk-caption-l">{t("builder.overview.caption")}</span>
      <h1 className="govuk-heading-l" lang="en">
        {survey.title}
      </h1>
      <p className="govuk-body">
        <strong className={`govuk-tag ${stateTag[survey.state]}`}>{t(`surveys.states.${survey.state}`)}</strong>{" "}
        {t("builder.overview.responses", { count: survey.responses })}
        {survey.version > 1 ? ` · ${t("builder.overview.version", { version: survey.version })}` : null}
      </p>
      {!canBuild ? <p className="govuk-inset-text">{t("builder.readOnly")}</p> : null}

      <h2 className="govuk-heading-m">{t("builder.overview.details")}</h2>
      <dl className="govuk-summary-list">
        {details.map(([field, value]) => (
          <div key={field} className="govuk-summary-list__row">
            <dt className="govuk-summary-list__key">{t(`builder.fields.${field}`)}</dt>
            <dd className="govuk-summary-list__value">{value}</dd>
          </div>
        ))}
      </dl>
      {canBuild ? (
        <p className="govuk-body">
          <Link className="govuk-link" to={`${base}/details`}>
            {t("builder.overview.changeDetails")}
          </Link>
        </p>
      ) : null}

      <h2 className="govuk-heading-m" id="questions">
        {t("builder.overview.questions", { count: survey.questions.length })}
      </h2>
      {survey.questions.length === 0 ? <p className="govuk-body">{t("builder.overview.noQuestions")}</p> : null}
      <ol className="app-question-list">
        {survey.questions.map((question, index) => (
          <li key={question.key} className="app-question-list__item" id={`question-${question.id}`}>
            <h3 className="govuk-heading-s" lang="en">
              {t("builder.overview.questionNumber", { number: index + 1 })} {question.text}
            </h3>
            <ErrorMessageLine message={errorFor(`question-${question.id}`)} />
            <p className="govuk-body-s">
              {t(`builder.kinds.${question.kind}`)} · {question.required ? t("builder.overview.required") : t("builder.overview.optional")}
              {question.section === "about_you" ? ` · ${t("builder.overview.aboutYou")}` : null}
              {question.samePage && index > 0 ? ` · ${t("builder.overview.samePage")}` : null}
              {question.theme ? ` · ${t("builder.overview.theme", { theme: question.theme })}` : null}
              {question.version > 1 ? ` · ${t("builder.overview.wording", { version: question.version })}` : null}
            </p>
            {question.options.length ? (
              <p className="govuk-body-s" lang="en">
                {question.options.join(" · ")}
              </p>
            ) : null}
            {question.condition ? (
              <p className="govuk-body-s">{t("builder.overview.condition", { question: question.condition.question, answer: question.condition.answer })}</p>
            ) : null}
            {canBuild ? (
              <div className="app-button-row">
                <Link className="govuk-link" to={`${base}/questions/${question.key}`}>
                  {t("builder.overview.edit")}
                  <span className="govuk-visually-hidden"> {t("builder.overview.questionNumber", { number: index + 1 })}</span>
                </Link>
                <CsrfForm csrf={csrf} className="app-inline-form">
                  <input type="hidden" name="question" value={question.id} />
                  {index > 0 ? (
                    <button type="submit" name="intent" value="up" className="govuk-button govuk-button--secondary app-button--small">
                      {t("builder.overview.moveUp")}
                      <span className="govuk-visually-hidden"> {t("builder.overview.questionNumber", { number: index + 1 })}</span>
                    </button>
                  ) : null}
                  {index < survey.questions.length - 1 ? (
                    <button type="submit" name="intent" value="down" className="govuk-button govuk-button--secondary app-button--small">
                      {t("builder.overview.moveDown")}
                      <span className="govuk-visually-hidden"> {t("builder.overview.questionNumber", { number: index + 1 })}</span>
                    </button>
                  ) : null}
                  <button type="submit" name="intent" value="remove" className="govuk-button govuk-button--warning app-button--small">
                    {t("builder.overview.remove")}
                    <span className="govuk-visually-hidden"> {t("builder.overview.questionNumber", { number: index + 1 })}</span>
                  </button>
                </CsrfForm>
              </div>
            ) : null}
          </li>
        ))}
      </ol>
      {canBuild ? (
        <Link to={`${base}/questions/new`} className="govuk-button govuk-button--secondary">
          {t("builder.overview.addQuestion")}
        </Link>
      ) : null}

      <h2 className="govuk-heading-m">{t("builder.overview.languages")}</h2>
      <p className="govuk-body">{t("builder.overview.languagesLead")}</p>
      <ul className="govuk-list">
        {survey.languages.map((language) => (
          <li key={language.lang}>
            {canBuild ? (
              <Link className="govuk-link" to={`${base}/translate/${language.lang}`}>
                <span lang={htmlLang(language.lang)}>{t(`common:languageNames.${language.lang}`)}</span>
              </Link>
            ) : (
              <span lang={htmlLang(language.lang)}>{t(`common:languageNames.${language.lang}`)}</span>
            )}
            : {t("builder.overview.progress", { done: language.done, total: language.total })}{" "}
            {language.total > 0 && language.done === language.total ? (
              <strong className="govuk-tag govuk-tag--green">{t("builder.overview.complete")}</strong>
            ) : (
              <strong className="govuk-tag govuk-tag--grey">{t("builder.overview.incomplete")}</strong>
            )}
          </li>
        ))}
      </ul>

      <h2 className="govuk-heading-m">{t("builder.overview.run")}</h2>
      <ul className="govuk-list">
        <li>
          <Link className="govuk-link" to={`${base}/preview`}>
            {t("builder.overview.preview")}
          </Link>
        </li>
        <li>
          <Link className="govuk-link" to={`${base}/history`}>
            {t("builder.overview.history")}
          </Link>
        </li>
        <li>
          <a className="govuk-link" href={`${base}/export`} download>
            {t("builder.overview.export")}
          </a>
        </li>
      </ul>
      {canBuild && survey.state !== "archived" ? (
        <>
          <ErrorMessageLine id="state" message={errorFor("state")} />
          <CsrfForm csrf={csrf} className="app-button-row">
            {survey.status !== "open" ? (
              <button type="submit" name="intent" value="open" className="govuk-button">
                {t("builder.overview.open")}
              </button>
            ) : (
              <button type="submit" name="intent" value="close" className="govuk-button govuk-button--secondary">
                {t("builder.overview.close")}
              </button>
            )}
            {survey.status !== "open" ? (
              <button type="submit" name="intent" value="archive" className="govuk-button govuk-button--secondary">
                {t("builder.overview.archive")}
              </button>
            ) : null}
            {survey.responses === 0 && survey.status === "draft" ? (
              <button type="submit" name="intent" value="delete" className="govuk-button govuk-button--warning">
                {t("builder.overview.delete")}
              </button>
            ) : null}
          </CsrfForm>
        </>
      ) : null}
      {canBuild ? (
        <>
          <h2 className="govuk-heading-m">{t("builder.overview.duplicate")}</h2>
          <CsrfForm csrf={csrf} className="app-narrow-form">
            <TextInput
              id="copySlug"
              name="copySlug"
              label={t("builder.overview.copySlug")}
              hint={t("builder.fields.slugHint")}
              error={errorFor("copySlug")}
              defaultValue={failure?.values.copySlug ?? `${survey.slug}-copy`}
              className="govuk-input--width-20"
            />
            <button type="submit" name="intent" value="duplicate" className="govuk-button govuk-button--secondary">
              {t("builder.overview.duplicateSubmit")}
            </button>
          </CsrfForm>
        </>
      ) : null}
    </>
  );
}

function ErrorMessageLine({ message, id }: { message?: string; id?: string }) {
  const { t } = useTranslation("common");
  if (!message) return null;
  return (
    <p className="govuk-error-message" id={id} tabIndex={id ? -1 : undefined}>
      <span className="govuk-visually-hidden">{t("errorPrefix")}</span> {message}
    </p>
  );
}

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => pageTitle(matches, data?.title);
