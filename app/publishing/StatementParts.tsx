import { useTranslation } from "react-i18next";
import { intlLocale } from "~/i18n/config";
import { Choices } from "~/components/Choices";
import type { FieldError } from "~/components/ErrorSummary";
import { TextArea } from "~/components/TextFields";
import type { PublicThemeFigures } from "./figures.server";

export function FiguresPanel({ figures, threshold }: { figures: PublicThemeFigures | null; threshold: number }) {
  const { t, i18n } = useTranslation("staff");
  const show = (value: number | null, protects = false) =>
    value !== null
      ? value.toLocaleString(intlLocale(i18n.language))
      : protects
        ? t("statements.figures.protected")
        : t("statements.figures.fewer", { threshold });
  return (
    <div className="govuk-inset-text">
      <h2 className="govuk-heading-s">{t("statements.figures.heading")}</h2>
      {figures ? (
        <ul className="govuk-list">
          <li>{t("statements.figures.raised", { figure: show(figures.raised.total) })}</li>
          <li>
            {t("statements.figures.split", {
              parents: show(figures.raised.parts.parent_carer, figures.raised.secondary.includes("parent_carer")),
              young: show(figures.raised.parts.young_person, figures.raised.secondary.includes("young_person")),
            })}
          </li>
          <li>{t("statements.figures.agreed", { figure: figures.agreedPercent === null ? t("statements.figures.notShown") : `${figures.agreedPercent}%` })}</li>
        </ul>
      ) : (
        <p className="govuk-body">{t("statements.figures.noFigures")}</p>
      )}
    </div>
  );
}

interface StatementFieldsProps {
  quotes: { id: number; text: string; lang: string }[];
  /** The summary and correction, and the chosen quotes' ids joined by commas. */
  values: Record<string, string | undefined>;
  errors: FieldError[];
  published: boolean;
}

export function StatementFields({ quotes, values, errors, published }: StatementFieldsProps) {
  const { t } = useTranslation("staff");
  const errorFor = (field: string) => errors.find((error) => error.field === field)?.message;
  return (
    <>
      <TextArea
        id="summary"
        name="summary"
        label={t("statements.form.summary")}
        hint={t("statements.form.summaryHint")}
        rows={6}
        error={errorFor("summary")}
        defaultValue={values.summary}
      />
      {quotes.length === 0 ? (
        <p className="govuk-body">{t("statements.form.noQuotes")}</p>
      ) : (
        <Choices
          id="quote"
          name="quote"
          variant="checkboxes"
          legend={t("statements.form.quotes")}
          hint={t("statements.form.quotesHint")}
          error={errorFor("quote")}
          selected={values.quote ? values.quote.split(",") : []}
          items={quotes.map((quote) => ({ value: String(quote.id), label: `“${quote.text}”`, lang: quote.lang }))}
        />
      )}
      {published ? (
        <TextArea
          id="correction"
          name="correction"
          label={t("statements.form.correction")}
          hint={t("statements.form.correctionHint")}
          rows={2}
          error={errorFor("correction")}
          defaultValue={values.correction}
        />
      ) : null}
    </>
  );
}
