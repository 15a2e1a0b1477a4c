import { useTranslation } from "react-i18next";
import { intlLocale } from "../i18n/config";
import { Choices } from "../components/Choices";
import { Face } from "../components/Face";
import { TextArea } from "../components/TextFields";
import type { Choice } from "./choices";
import { DEFAULT_FREE_TEXT_LIMIT, type QuestionView } from "./model";
import { ANSWER_FIELD } from "./validation";
import { SpokenAnswerField, type SpokenFieldView } from "../spoken/SpokenAnswerField";

interface QuestionFieldProps {
  question: Pick<QuestionView, "kind" | "text" | "hint" | "lang" | "maxLength" | "required">;
  choices: Choice[];
  value: string | string[] | undefined;
  error: string | null;
  pageLang: string;
  /** Young people's free-text questions say where to get help now, at the point of writing. */
  safetyHint?: boolean;
  /** The form field; "answer" when the question is alone on its page. */
  field?: string;
  /** Alone on its page, the question is the page heading; on a page of several, each is a legend or label under it. */
  asHeading?: boolean;
  /** A free-text question's spoken answer: the recording kept, and the limits (app/spoken/). */
  spoken?: SpokenFieldView | null;
  spokenError?: string | null;
}

/** One survey question as the page's only field: its text is the page heading (legend or label). */
export function QuestionField({
  question,
  choices,
  value,
  error,
  pageLang,
  safetyHint,
  field = ANSWER_FIELD,
  asHeading = true,
  spoken = null,
  spokenError = null,
}: QuestionFieldProps) {
  const { t } = useTranslation("survey");
  const textLang = question.lang === pageLang ? undefined : question.lang;
  const heading = (
    <>
      <span lang={textLang}>{question.text}</span>
      {question.required ? null : <span className="app-optional"> {t("question.optional")}</span>}
    </>
  );

  if (question.kind === "free_text") {
    const max = question.maxLength ?? DEFAULT_FREE_TEXT_LIMIT;
    const typed = (
      <TextArea
        id={field}
        name={field}
        label={heading}
        labelIsHeading={asHeading}
        hint={
          <>
            {question.hint ? <span lang={textLang}>{question.hint} </span> : null}
            <span>{t("question.charLimit", { max: max.toLocaleString(intlLocale(pageLang)) })}</span>
            {safetyHint ? <strong className="app-safety-hint">{t("question.safetyHint")}</strong> : null}
          </>
        }
        error={error}
        defaultValue={typeof value === "string" ? value : ""}
        maxLength={max}
      />
    );
    if (!spoken) return typed;
    return (
      <>
        {typed}
        <SpokenAnswerField field={field} spoken={spoken} error={spokenError} />
      </>
    );
  }

  const selected = value === undefined ? [] : Array.isArray(value) ? value : [value];
  const smiley = question.kind === "smiley_scale";
  return (
    <Choices
      id={field}
      name={field}
      variant={question.kind === "multiple_choice" ? "checkboxes" : "radios"}
      className={smiley ? "app-smileys" : question.kind === "yes_no" ? "govuk-radios--inline" : undefined}
      legend={heading}
      legendIsHeading={asHeading}
      hint={question.hint ? <span lang={textLang}>{question.hint}</span> : null}
      error={error}
      selected={selected}
      items={choices.map((choice) => ({
        value: choice.value,
        label: choice.label,
        lang: choice.lang,
        dividerBefore: choice.dividerBefore,
        picture: smiley ? <Face mood={choice.value} /> : undefined,
      }))}
    />
  );
}
