import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { CSRF_FIELD } from "~/accounts/csrf";
import { requireStaff } from "~/accounts/session.server";
import { ErrorSummary, type FieldError } from "~/components/ErrorSummary";
import { Notice } from "~/components/Notice";
import { ScriptFont } from "~/components/ScriptFont";
import { SideBySide } from "~/components/SideBySide";
import { getDb } from "~/db.server";
import { fallbackLanguage, isSupportedLanguage } from "~/i18n/config";
import { getFixedT } from "~/i18n/i18n.server";
import { saveTranslations, surveyForBuilder } from "~/surveys/builder.server";
import { surveyTexts, translationProgress } from "~/surveys/view";
import { formFailure, httpError } from "~/utils/http.server";
import { pageTitle } from "~/utils/meta";
import { readStaffForm } from "~/utils/staff-form.server";

export const handle = { i18n: ["common", "staff"] };

const MAX_TEXT = 5000;

async function load(params: LoaderFunctionArgs["params"], t: Awaited<ReturnType<typeof getFixedT>>) {
  const lang = params.lang ?? "";
  if (!isSupportedLanguage(lang) || lang === fallbackLanguage) httpError(t, 404, "notFound");
  const survey = params.slug ? await surveyForBuilder(getDb(), params.slug) : undefined;
  if (!survey) httpError(t, 404, "notFound");
  return { survey, lang };
}

/** "questions.support-type.options.ehc_plan" → what the translator is looking at, in words. */
function describe(key: string, numbers: Map<string, number>, t: Awaited<ReturnType<typeof getFixedT>>): string {
  const [scope, questionKey, part, , exit] = key.split(".");
  if (scope !== "questions") return t(`builder.fields.${scope}`);
  const number = numbers.get(questionKey) ?? 0;
  if (part === "text") return t("builder.translate.questionText", { number });
  if (part === "hint") return t("builder.translate.questionHint", { number });
  return exit ? t("builder.translate.questionExit", { number }) : t("builder.translate.questionOption", { number });
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const session = await requireStaff(request, "admin");
  const t = await getFixedT(request, "staff");
  const { survey, lang } = await load(params, t);
  const numbers = new Map(survey.file.questions.map((question, index) => [question.key, index + 1]));
  const language = t(`common:languageNames.${lang}`);
  return json({
    title: t("builder.translate.title", { language }),
    csrf: session.csrfToken,
    slug: survey.slug,
    surveyTitle: survey.file.text[fallbackLanguage].title,
    lang,
    language,
    done: new URL(request.url).searchParams.has("saved"),
    progress: translationProgress(survey.file, lang),
    texts: surveyTexts(survey.file).map((text) => ({
      key: text.key,
      what: describe(text.key, numbers, t),
      english: text.english,
      current: text.get(lang) ?? "",
      long: text.english.length > 80,
    })),
  });
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const staff = await readStaffForm(request, "admin");
  const { survey, lang } = await load(params, staff.t);
  const keys = new Set(surveyTexts(survey.file).map((text) => text.key));
  const values = Object.fromEntries(Object.entries(staff.values).filter(([key]) => keys.has(key)));
  const errors: FieldError[] = Object.entries(values)
    .filter(([, value]) => value.length > MAX_TEXT)
    .map(([key]) => ({ field: key, message: staff.t("builder.errors.tooLong") }));
  if (errors.length) return formFailure(context, { errors, values });
  await saveTranslations(getDb(), survey.id, lang, values, staff.session.user.id);
  throw redirect(`/admin/surveys/${survey.slug}/translate/${lang}?saved=1`, 303);
}

export default function TranslateSurvey() {
  const data = useLoaderData<typeof loader>();
  const failure = useActionData<typeof action>();
  const { t } = useTranslation("staff");
  const errors = failure?.errors ?? [];
  const values: Record<string, string> = failure?.values ?? {};
  const errorFor = (key: string) => errors.find((error) => error.field === key)?.message;
  const complete = data.progress.total > 0 && data.progress.done === data.progress.total;
  return (
    <>
      <Link to={`/admin/surveys/${data.slug}`} className="govuk-back-link">
        {t("builder.backToSurvey")}
      </Link>
      <ErrorSummary errors={errors} />
      {data.done ? <Notice>{t("builder.translate.saved")}</Notice> : null}
      <span className="govuk-caption-l" lang="en">
        {data.surveyTitle}
      </span>
      <h1 className="govuk-heading-l">{data.title}</h1>
      <p className="govuk-body">
        <strong>{t("builder.overview.progress", { done: data.progress.done, total: data.progress.total })}</strong>.{" "}
        {complete ? t("builder.translate.complete", { language: data.language }) : t("builder.translate.incomplete", { language: data.language })}
      </p>
      <ScriptFont lang={data.lang} />
      <form method="post" noValidate>
        <input type="hidden" name={CSRF_FIELD} value={data.csrf} />
        {data.texts.map((text) => (
          <SideBySide
            key={text.key}
            name={text.key}
            what={text.what}
            english={text.english}
            lang={data.lang}
            defaultValue={values[text.key] ?? text.current}
            error={errorFor(text.key)}
          />
        ))}
        <button type="submit" className="govuk-button">
          {t("builder.translate.save")}
        </button>
      </form>
    </>
  );
}

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => pageTitle(matches, data?.title);
