import { useTranslation } from "react-i18next";

export interface FieldError {
  /** The id of the field the message is about; the summary links to it. */
  field: string;
  message: string;
}

/**
 * GOV.UK error summary: focused on arrival (autofocus works without JavaScript), links to each field.
 * As in the Design System, the alert inside it is what is announced; the box itself is a plain
 * `div`, which takes no name (`aria-labelledby` on a generic element is not allowed).
 */
export function ErrorSummary({ errors }: { errors: FieldError[] }) {
  const { t } = useTranslation();
  if (errors.length === 0) return null;
  return (
    // eslint-disable-next-line jsx-a11y/no-autofocus -- GOV.UK pattern: the summary takes focus so it is read first
    <div className="govuk-error-summary" tabIndex={-1} autoFocus>
      <div role="alert">
        <h2 className="govuk-error-summary__title">{t("errorSummaryTitle")}</h2>
        <div className="govuk-error-summary__body">
          <ul className="govuk-list govuk-error-summary__list">
            {errors.map((error) => (
              <li key={error.field}>
                <a href={`#${error.field}`}>{error.message}</a>
              </li>
            ))}
          </ul>
        </div>
      </div>
    </div>
  );
}

export function ErrorMessage({ id, message }: { id: string; message?: string | null }) {
  const { t } = useTranslation();
  if (!message) return null;
  return (
    <p id={`${id}-error`} className="govuk-error-message">
      <span className="govuk-visually-hidden">{t("errorPrefix")}</span> {message}
    </p>
  );
}

export function Hint({ id, children }: { id: string; children?: React.ReactNode }) {
  if (!children) return null;
  return (
    <div id={`${id}-hint`} className="govuk-hint">
      {children}
    </div>
  );
}

/** The ids that aria-describedby should list for a field with an optional hint and error. */
export function describedBy(id: string, hint: unknown, error: unknown, extra?: string): string | undefined {
  const ids = [hint ? `${id}-hint` : null, extra ?? null, error ? `${id}-error` : null].filter(Boolean);
  return ids.length ? ids.join(" ") : undefined;
}
