import { describedBy, ErrorMessage, Hint } from "./ErrorSummary";

export interface FieldsetProps {
  id: string;
  legend: React.ReactNode;
  /** The legend is the page heading on one-question pages. */
  legendIsHeading?: boolean;
  legendLang?: string;
  hint?: React.ReactNode;
  error?: string | null;
  children: React.ReactNode;
}

export function Fieldset({ id, legend, legendIsHeading, legendLang, hint, error, children }: FieldsetProps) {
  return (
    <div className={`govuk-form-group${error ? " govuk-form-group--error" : ""}`}>
      <fieldset className="govuk-fieldset" aria-describedby={describedBy(id, hint, error)}>
        <legend className={`govuk-fieldset__legend ${legendIsHeading ? "govuk-fieldset__legend--l" : "govuk-fieldset__legend--m"}`} lang={legendLang}>
          {legendIsHeading ? <h1 className="govuk-fieldset__heading">{legend}</h1> : legend}
        </legend>
        <Hint id={id}>{hint}</Hint>
        <ErrorMessage id={id} message={error} />
        {children}
      </fieldset>
    </div>
  );
}
