import { useLocation } from "@remix-run/react";
import { useTranslation } from "react-i18next";

export interface LanguageChoice {
  code: string;
  /** The language's name in itself ("Polski", "اردو"), so people find their own. */
  name: string;
  lang: string;
  dir: "ltr" | "rtl";
}

/**
 * A GET form on every page: it reloads the same address with ?lng=, which the server remembers in a
 * cookie. It needs no JavaScript, and the address it lands on can be shared in that language.
 */
export function LanguageSwitcher({ languages, current }: { languages: LanguageChoice[]; current: string }) {
  const { t } = useTranslation();
  const location = useLocation();
  const kept = [...new URLSearchParams(location.search)].filter(([name]) => name !== "lng");
  return (
    <form method="get" action={location.pathname} className="app-language" aria-label={t("language.choose")}>
      {kept.map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <label className="app-language__label" htmlFor="app-language">
        {t("language.label")}
      </label>
      <select id="app-language" name="lng" className="govuk-select app-language__select" defaultValue={current}>
        {languages.map((language) => (
          <option key={language.code} value={language.code} lang={language.lang} dir={language.dir}>
            {language.name}
          </option>
        ))}
      </select>
      <button type="submit" className="govuk-button govuk-button--secondary app-language__button">
        {t("language.change")}
      </button>
    </form>
  );
}
