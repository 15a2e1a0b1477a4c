import { useTranslation } from "react-i18next";
import { htmlLang, textDirection } from "../i18n/config";

interface SideBySideProps {
  /** The field's id and name. */
  name: string;
  /** What the text is ("Question 3", "Title"), above the English. */
  what: string;
  english: string;
  /** The language being written, for the box's `lang` and direction. */
  lang: string;
  defaultValue: string;
  error?: string;
  /** A one-line box for short names; otherwise a text area sized to the English. */
  short?: boolean;
}

/**
 * One text to translate: the English on the left as the box's label, the box on the right in the
 * language being written, with its own direction. Used by every translate page.
 */
export function SideBySide({ name, what, english, lang, defaultValue, error, short }: SideBySideProps) {
  const { t } = useTranslation("common");
  const described = error ? `${name}-error` : undefined;
  const shared = { id: name, name, lang: htmlLang(lang), dir: textDirection(lang), defaultValue, "aria-describedby": described };
  return (
    <div className={`govuk-form-group app-translate-row${error ? " govuk-form-group--error" : ""}`}>
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-one-half">
          <label className="govuk-label" htmlFor={name}>
            <span className="govuk-caption-s app-translate-what">{what}</span>
            <span lang="en" className="app-translate-source app-free-text">
              {english}
            </span>
          </label>
        </div>
        <div className="govuk-grid-column-one-half">
          {error ? (
            <p className="govuk-error-message" id={described}>
              <span className="govuk-visually-hidden">{t("errorPrefix")}</span> {error}
            </p>
          ) : null}
          {short ? (
            <input className={`govuk-input${error ? " govuk-input--error" : ""}`} type="text" spellCheck={false} autoComplete="off" {...shared} />
          ) : (
            <textarea className={`govuk-textarea${error ? " govuk-textarea--error" : ""}`} rows={english.length > 80 ? 4 : 2} spellCheck {...shared} />
          )}
        </div>
      </div>
    </div>
  );
}
