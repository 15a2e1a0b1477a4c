import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { CSRF_FIELD } from "~/accounts/csrf";
import { requireStaff } from "~/accounts/session.server";
import { Choices } from "~/components/Choices";
import { ErrorSummary, type FieldError } from "~/components/ErrorSummary";
import { Select } from "~/components/Select";
import { TextArea, TextInput } from "~/components/TextFields";
import { getDb } from "~/db.server";
import { fallbackLanguage } from "~/i18n/config";
import { getFixedT, getLocale } from "~/i18n/i18n.server";
import { surveyForBuilder, themeChoices } from "~/surveys/builder.server";
import type { QuestionFile } from "~/surveys/definition";
import { isChoice, nameFrom, questionKinds, saveQuestion, type QuestionInput } from "~/surveys/questions.server";
import { fieldErrors } from "~/utils/forms";
import { formFailure, httpError } from "~/utils/http.server";
import { pageTitle } from "~/utils/meta";
import { readStaffForm } from "~/utils/staff-form.server";

export const handle = { i18n: ["common", "staff"] };

const NEW = "new";
const MAX_OPTIONS = 30;
const blank = (value: unknown) => (typeof value === "string" && value.trim() === "" ? undefined : value);

const QuestionForm = z.object({
  text: z.string().trim().min(1, { error: "questionText" }).max(500, { error: "tooLong" }),
  hint: z.preprocess(blank, z.string().trim().max(1000, { error: "tooLong" }).optional()),
  kind: z.enum(questionKinds as [string, ...string[]], { error: "kind" }),
  section: z.enum(["main", "about_you"], { error: "section" }),
  required: z.enum(["yes", "no"], { error: "required" }),
  samePage: z.enum(["yes", "no"]).catch("no"),
  maxLength: z.preprocess(
    blank,
    z.coerce.number({ error: "maxLength" }).int({ error: "maxLength" }).min(10, { error: "maxLength" }).max(5000, { error: "maxLength" }).optional(),
  ),
  theme: z.preprocess(blank, z.coerce.number().int().optional()),
  showIf: z.preprocess(
    blank,
    z
      .string()
      .regex(/^\d+:[a-z0-9_]+$/, { error: "showIf" })
      .optional(),
  ),
});

async function loadQuestion(request: Request, params: LoaderFunctionArgs["params"], t: Awaited<ReturnType<typeof getFixedT>>) {
  const survey = params.slug ? await surveyForBuilder(getDb(), params.slug) : undefined;
  if (!survey) httpError(t, 404, "notFound");
  const question = params.key === NEW ? null : survey.file.questions.find((candidate) => candidate.key === params.key);
  if (question === undefined) httpError(t, 404, "notFound");
  return { survey, question };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const session = await requireStaff(request, "admin");
  const t = await getFixedT(request, "staff");
  const { survey, question } = await loadQuestion(request, params, t);
  const position = question ? survey.file.questions.indexOf(question) : survey.file.questions.length;
  const english = (q: QuestionFile) => q.text[fallbackLanguage].text;
  return json({
    title: question ? t("builder.question.editTitle") : t("builder.question.newTitle"),
    csrf: session.csrfToken,
    slug: survey.slug,
    answered: survey.responses > 0,
    first: position === 0,
    themes: await themeChoices(getDb(), await getLocale(request)),
    conditions: survey.file.questions.slice(0, position).flatMap((earlier) =>
      earlier.kind === "single_choice"
        ? earlier.options.map((option) => ({
            value: `${survey.questionIds[earlier.key]}:${option.value}`,
            label: t("builder.question.conditionOption", { question: english(earlier), answer: option.label[fallbackLanguage] }),
          }))
        : [],
    ),
    stored: question
      ? {
          text: english(question),
          hint: question.text[fallbackLanguage].hint ?? "",
          kind: question.kind,
          section: question.section,
          required: question.required ? "yes" : "no",
          samePage: question.samePage ? "yes" : "no",
          maxLength: question.maxLength ? String(question.maxLength) : "",
          theme: question.theme ? String((await themeChoices(getDb(), "en")).find((theme) => theme.slug === question.theme)?.id ?? "") : "",
          showIf: question.showIf ? `${survey.questionIds[question.showIf.question]}:${question.showIf.value}` : "",
          options: question.options.map((option) => ({
            value: option.value,
            label: option.label[fallbackLanguage],
            exclusive: option.exclusive,
            exit: option.exit?.[fallbackLanguage] ?? "",
          })),
        }
      : null,
  });
}

/** The option rows of the form: label, the value it keeps, and "only on its own". */
function readOptions(values: Record<string, string>): QuestionInput["options"] {
  const options: QuestionInput["options"] = [];
  for (let index = 0; index < MAX_OPTIONS; index++) {
    const label = values[`option-${index}-label`]?.trim();
    if (!label) continue;
    const exit = values[`option-${index}-exit`]?.trim().slice(0, 2000) || null;
    options.push({
      value: values[`option-${index}-value`] || null,
      label: label.slice(0, 300),
      exclusive: values[`option-${index}-exclusive`] === "yes",
      exit,
    });
  }
  return options;
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const staff = await readStaffForm(request, "admin");
  const { survey, question } = await loadQuestion(request, params, staff.t);
  const values = staff.values;
  // "More option boxes" keeps what was typed and adds three empty rows; nothing is saved.
  if (staff.intent === "more") return json({ errors: [] as FieldError[], values, extraRows: Number(values.extraRows ?? 3) + 3 });
  const parsed = QuestionForm.safeParse(values);
  const refuse = (errors: FieldError[]) => formFailure(context, { errors, values, extraRows: Number(values.extraRows ?? 3) });
  if (!parsed.success) return refuse(fieldErrors(parsed.error.issues, staff.t, "builder.errors"));
  const data = parsed.data;
  const [showIfId, showIfValue] = data.showIf ? data.showIf.split(":") : [];
  const input: QuestionInput = {
    // A new question's key comes from its first words; "new" is this page's own address.
    key: question?.key ?? nameFrom(data.text, new Set([...Object.keys(survey.questionIds), NEW]), { joiner: "-", words: 5, fallback: "question" }),
    kind: data.kind as QuestionInput["kind"],
    section: data.section,
    required: data.required === "yes",
    samePage: data.samePage === "yes",
    maxLength: data.kind === "free_text" ? (data.maxLength ?? null) : null,
    themeId: data.theme ?? null,
    showIf: data.showIf ? { questionId: Number(showIfId), value: showIfValue } : null,
    text: data.text,
    hint: data.hint ?? null,
    options: isChoice(data.kind as QuestionInput["kind"]) ? readOptions(values) : [],
  };
  const known = (await themeChoices(getDb(), "en")).map((theme) => theme.id);
  if (input.themeId !== null && !known.includes(input.themeId)) return refuse([{ field: "theme", message: staff.t("builder.errors.theme") }]);
  const result = await saveQuestion(getDb(), survey.id, question ? survey.questionIds[question.key] : null, input, {
    userId: staff.session.user.id,
    typoOnly: values.typoOnly === "yes",
  });
  if (result.status === "refused") {
    const field = result.refusal.field === "options" ? "option-0-label" : result.refusal.field;
    return refuse([{ field, message: staff.t(`builder.errors.${result.refusal.message}`, result.refusal.params) }]);
  }
  throw redirect(`/admin/surveys/${survey.slug}?done=${result.newVersion ? "newVersion" : "questionSaved"}#question-${result.questionId}`, 303);
}

export default function QuestionPage() {
  const data = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { t } = useTranslation("staff");
  const errors = result?.errors ?? [];
  const values: Record<string, string> = result?.values ?? {};
  const errorFor = (field: string) => errors.find((error) => error.field === field)?.message;
  const stored = data.stored;
  const value = (field: keyof NonNullable<typeof stored>) => values[field] ?? (stored ? String(stored[field]) : undefined);
  const extraRows = result?.extraRows ?? 3;
  const storedOptions = stored?.options ?? [];
  const rows = Array.from({ length: Math.min(MAX_OPTIONS, storedOptions.length + extraRows) }, (_, index) => ({
    index,
    value: values[`option-${index}-value`] ?? storedOptions[index]?.value ?? "",
    label: values[`option-${index}-label`] ?? storedOptions[index]?.label ?? "",
    exclusive: result ? values[`option-${index}-exclusive`] === "yes" : (storedOptions[index]?.exclusive ?? false),
    exit: values[`option-${index}-exit`] ?? storedOptions[index]?.exit ?? "",
  }));
  return (
    <>
      <Link to={`/admin/surveys/${data.slug}#questions`} className="govuk-back-link">
        {t("builder.backToSurvey")}
      </Link>
      <ErrorSummary errors={errors} />
      <h1 className="govuk-heading-l">{data.title}</h1>
      {data.answered && stored ? <div className="govuk-inset-text">{t("builder.question.versionWarning")}</div> : null}
      <form method="post" noValidate className="app-narrow-form">
        <input type="hidden" name={CSRF_FIELD} value={data.csrf} />
        <input type="hidden" name="extraRows" value={extraRows} />
        <TextArea id="text" name="text" label={t("builder.question.text")} rows={2} error={errorFor("text")} defaultValue={value("text")} />
        <TextArea
          id="hint"
          name="hint"
          label={t("builder.question.hint")}
          hint={t("builder.question.hintHint")}
          rows={2}
          error={errorFor("hint")}
          defaultValue={value("hint")}
        />
        <Choices
          id="kind"
          name="kind"
          legend={t("builder.question.kind")}
          error={errorFor("kind")}
          selected={[value("kind") ?? "single_choice"]}
          items={questionKinds.map((kind) => ({ value: kind, label: t(`builder.kinds.${kind}`), hint: t(`builder.kindHints.${kind}`) }))}
        />
        <Choices
          id="required"
          name="required"
          legend={t("builder.question.required")}
          hint={t("builder.question.requiredHint")}
          error={errorFor("required")}
          className="govuk-radios--inline"
          selected={[value("required") ?? "no"]}
          items={[
            { value: "yes", label: t("builder.question.requiredYes") },
            { value: "no", label: t("builder.question.requiredNo") },
          ]}
        />
        {data.first ? null : (
          <Choices
            id="samePage"
            name="samePage"
            legend={t("builder.question.samePage")}
            hint={t("builder.question.samePageHint")}
            className="govuk-radios--inline"
            selected={[value("samePage") ?? "no"]}
            items={[
              { value: "no", label: t("builder.question.samePageNo") },
              { value: "yes", label: t("builder.question.samePageYes") },
            ]}
          />
        )}
        <Choices
          id="section"
          name="section"
          legend={t("builder.question.section")}
          error={errorFor("section")}
          selected={[value("section") ?? "main"]}
          items={[
            { value: "main", label: t("builder.question.sectionMain") },
            { value: "about_you", label: t("builder.question.sectionAboutYou"), hint: t("builder.question.sectionAboutYouHint") },
          ]}
        />
        <fieldset className="govuk-fieldset govuk-form-group" aria-describedby="options-hint">
          <legend className="govuk-fieldset__legend govuk-fieldset__legend--s">{t("builder.question.options")}</legend>
          <div className="govuk-hint" id="options-hint">
            {t("builder.question.optionsHint")}
          </div>
          {rows.map((row) => (
            <div key={row.index} className="app-option-row">
              <input type="hidden" name={`option-${row.index}-value`} value={row.value} />
              <TextInput
                id={`option-${row.index}-label`}
                name={`option-${row.index}-label`}
                label={t("builder.question.optionLabel", { number: row.index + 1 })}
                error={row.index === 0 ? errorFor("option-0-label") : undefined}
                defaultValue={row.label}
              />
              <div className="govuk-checkboxes govuk-checkboxes--small">
                <div className="govuk-checkboxes__item">
                  <input
                    className="govuk-checkboxes__input"
                    id={`option-${row.index}-exclusive`}
                    name={`option-${row.index}-exclusive`}
                    type="checkbox"
                    value="yes"
                    defaultChecked={row.exclusive}
                  />
                  <label className="govuk-label govuk-checkboxes__label" htmlFor={`option-${row.index}-exclusive`}>
                    {t("builder.question.exclusive", { number: row.index + 1 })}
                  </label>
                </div>
              </div>
              <details className="govuk-details app-option-exit" open={row.exit !== "" || undefined}>
                <summary className="govuk-details__summary">
                  <span className="govuk-details__summary-text">{t("builder.question.exitSummary", { number: row.index + 1 })}</span>
                </summary>
                <div className="govuk-details__text">
                  <TextArea
                    id={`option-${row.index}-exit`}
                    name={`option-${row.index}-exit`}
                    label={t("builder.question.exitLabel", { number: row.index + 1 })}
                    hint={t("builder.question.exitHint")}
                    rows={3}
                    defaultValue={row.exit}
                  />
                </div>
              </details>
            </div>
          ))}
          <button type="submit" name="intent" value="more" className="govuk-button govuk-button--secondary app-button--small">
            {t("builder.question.moreOptions")}
          </button>
        </fieldset>
        <TextInput
          id="maxLength"
          name="maxLength"
          label={t("builder.question.maxLength")}
          hint={t("builder.question.maxLengthHint")}
          error={errorFor("maxLength")}
          defaultValue={value("maxLength")}
          className="govuk-input--width-4"
        />
        <Select
          id="theme"
          name="theme"
          label={t("builder.question.theme")}
          hint={t("builder.question.themeHint")}
          error={errorFor("theme")}
          defaultValue={value("theme") ?? ""}
          options={[{ value: "", label: t("builder.question.noTheme") }, ...data.themes.map((theme) => ({ value: String(theme.id), label: theme.name }))]}
        />
        <Select
          id="showIf"
          name="showIf"
          label={t("builder.question.showIf")}
          hint={t("builder.question.showIfHint")}
          error={errorFor("showIf")}
          defaultValue={value("showIf") ?? ""}
          options={[{ value: "", label: t("builder.question.always") }, ...data.conditions]}
        />
        {data.answered && stored ? (
          <Choices
            id="typoOnly"
            name="typoOnly"
            variant="checkboxes"
            legend={t("builder.question.typoLegend")}
            hint={t("builder.question.typoHint")}
            selected={values.typoOnly === "yes" ? ["yes"] : []}
            items={[{ value: "yes", label: t("builder.question.typoOnly") }]}
          />
        ) : null}
        <button type="submit" name="intent" value="save" className="govuk-button">
          {t("builder.question.save")}
        </button>
      </form>
    </>
  );
}

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => pageTitle(matches, data?.title);
