import { describedBy, ErrorMessage, Hint } from "./ErrorSummary";

interface TextFieldProps {
  id: string;
  name: string;
  label: React.ReactNode;
  labelIsHeading?: boolean;
  labelLang?: string;
  hint?: React.ReactNode;
  error?: string | null;
  defaultValue?: string;
}

function Label({ id, label, labelIsHeading, labelLang }: Pick<TextFieldProps, "id" | "label" | "labelIsHeading" | "labelLang">) {
  const element = (
    <label className={`govuk-label${labelIsHeading ? " govuk-label--l" : ""}`} htmlFor={id} lang={labelLang}>
      {label}
    </label>
  );
  return labelIsHeading ? <h1 className="govuk-label-wrapper">{element}</h1> : element;
}

export function TextArea({ maxLength, rows = 6, ...props }: TextFieldProps & { maxLength?: number; rows?: number }) {
  const { id, name, hint, error, defaultValue } = props;
  return (
    <div className={`govuk-form-group${error ? " govuk-form-group--error" : ""}`}>
      <Label {...props} />
      <Hint id={id}>{hint}</Hint>
      <ErrorMessage id={id} message={error} />
      <textarea
        className={`govuk-textarea${error ? " govuk-textarea--error" : ""}`}
        id={id}
        name={name}
        rows={rows}
        defaultValue={defaultValue}
        aria-describedby={describedBy(id, hint, error)}
        data-maxlength={maxLength}
        // People write in the script they think in: an Urdu answer on an English page runs right to left.
        dir="auto"
        spellCheck
      />
    </div>
  );
}

export function TextInput({
  autoComplete = "off",
  className,
  spellCheck = false,
  type = "text",
  ...props
}: TextFieldProps & { autoComplete?: string; className?: string; spellCheck?: boolean; type?: "text" | "email" | "password" | "search" | "tel" }) {
  const { id, name, hint, error, defaultValue } = props;
  return (
    <div className={`govuk-form-group${error ? " govuk-form-group--error" : ""}`}>
      <Label {...props} />
      <Hint id={id}>{hint}</Hint>
      <ErrorMessage id={id} message={error} />
      <input
        className={`govuk-input${className ? ` ${className}` : ""}${error ? " govuk-input--error" : ""}`}
        id={id}
        name={name}
        type={type}
        defaultValue={defaultValue}
        autoComplete={autoComplete}
        spellCheck={spellCheck}
        aria-describedby={describedBy(id, hint, error)}
      />
    </div>
  );
}
