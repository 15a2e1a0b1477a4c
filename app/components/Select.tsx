import { describedBy, ErrorMessage, Hint } from "./ErrorSummary";

interface SelectProps {
  id: string;
  name: string;
  label: string;
  /** `lang` on an option whose label is in another language than the page. */
  options: { value: string; label: string; lang?: string }[];
  defaultValue?: string;
  hint?: string;
  error?: string | null;
}

export function Select({ id, name, label, options, defaultValue, hint, error }: SelectProps) {
  return (
    <div className={`govuk-form-group${error ? " govuk-form-group--error" : ""}`}>
      <label className="govuk-label" htmlFor={id}>
        {label}
      </label>
      <Hint id={id}>{hint}</Hint>
      <ErrorMessage id={id} message={error} />
      <select
        className={`govuk-select${error ? " govuk-select--error" : ""}`}
        id={id}
        name={name}
        defaultValue={defaultValue ?? ""}
        aria-describedby={describedBy(id, hint, error)}
      >
        {options.map((option) => (
          <option key={option.value} value={option.value} lang={option.lang}>
            {option.label}
          </option>
        ))}
      </select>
    </div>
  );
}
