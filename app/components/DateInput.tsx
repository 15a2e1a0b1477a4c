import { useTranslation } from "react-i18next";
import { describedBy, ErrorMessage, Hint } from "./ErrorSummary";

interface DateInputProps {
  id: string;
  name: string;
  legend: React.ReactNode;
  hint?: React.ReactNode;
  error?: string | null;
  /** What was typed (`name-day`, `name-month`, `name-year`), or a stored day "2027-03-31". */
  values: Record<string, string | undefined>;
  stored?: string | null;
}

/**
 * The GOV.UK date input: day, month and year boxes in a fieldset. The day box carries the field id,
 * so the error summary's link lands on it.
 */
export function DateInput({ id, name, legend, hint, error, values, stored }: DateInputProps) {
  const { t } = useTranslation("common");
  const [year, month, day] = stored ? stored.split("-").map((part) => String(Number(part))) : [];
  const typed = (part: "day" | "month" | "year", fallback?: string) => values[`${name}-${part}`] ?? fallback ?? "";
  const parts = [
    { part: "day", label: t("dateInput.day"), value: typed("day", day), width: 2, inputId: id },
    { part: "month", label: t("dateInput.month"), value: typed("month", month), width: 2, inputId: `${id}-month` },
    { part: "year", label: t("dateInput.year"), value: typed("year", year), width: 4, inputId: `${id}-year` },
  ] as const;
  return (
    <div className={`govuk-form-group${error ? " govuk-form-group--error" : ""}`}>
      <fieldset className="govuk-fieldset" role="group" aria-describedby={describedBy(id, hint, error)}>
        <legend className="govuk-fieldset__legend govuk-fieldset__legend--s">{legend}</legend>
        <Hint id={id}>{hint}</Hint>
        <ErrorMessage id={id} message={error} />
        <div className="govuk-date-input">
          {parts.map((part) => (
            <div key={part.part} className="govuk-date-input__item">
              <div className="govuk-form-group">
                <label className="govuk-label govuk-date-input__label" htmlFor={part.inputId}>
                  {part.label}
                </label>
                <input
                  className={`govuk-input govuk-date-input__input govuk-input--width-${part.width}${error ? " govuk-input--error" : ""}`}
                  id={part.inputId}
                  name={`${name}-${part.part}`}
                  type="text"
                  inputMode="numeric"
                  defaultValue={part.value}
                />
              </div>
            </div>
          ))}
        </div>
      </fieldset>
    </div>
  );
}
