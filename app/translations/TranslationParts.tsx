import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { missingLanguages, type LanguageProgress } from "./languages";

/** "Missing in 9 languages", or "In every language", beside a statement or action in staff lists. */
export function MissingLanguages({ progress }: { progress: LanguageProgress[] }) {
  const { t } = useTranslation("staff");
  const count = missingLanguages(progress).length;
  return count === 0 ? (
    <strong className="govuk-tag govuk-tag--green">{t("translations.complete")}</strong>
  ) : (
    <strong className="govuk-tag govuk-tag--grey">{t("translations.missing", { count })}</strong>
  );
}

/**
 * On a statement's or action's page: how far each language has got, with a link to translate it.
 * `waiting` lists the languages whose translation waits for a second person.
 */
export function TranslationsPanel({ progress, waiting, translateUrl }: { progress: LanguageProgress[]; waiting: string[]; translateUrl: (lang: string) => string }) {
  const { t } = useTranslation("staff");
  return (
    <section aria-labelledby="translations-heading" className="app-translations">
      <h2 className="govuk-heading-m" id="translations-heading">
        {t("translations.heading")}
      </h2>
      <p className="govuk-body">
        <MissingLanguages progress={progress} />
      </p>
      <p className="govuk-body">{t("translations.lead")}</p>
      <table className="govuk-table">
        <caption className="govuk-table__caption govuk-visually-hidden">{t("translations.heading")}</caption>
        <thead className="govuk-table__head">
          <tr className="govuk-table__row">
            <th scope="col" className="govuk-table__header">
              {t("translations.table.language")}
            </th>
            <th scope="col" className="govuk-table__header">
              {t("translations.table.texts")}
            </th>
            <th scope="col" className="govuk-table__header">
              <span className="govuk-visually-hidden">{t("translations.table.action")}</span>
            </th>
          </tr>
        </thead>
        <tbody className="govuk-table__body">
          {progress.map((language) => {
            const name = t(`common:languageNames.${language.lang}`);
            return (
              <tr key={language.lang} className="govuk-table__row">
                <th scope="row" className="govuk-table__header">
                  {name}
                </th>
                <td className="govuk-table__cell">
                  {t("translations.progress", { done: language.done, total: language.total })}
                  {waiting.includes(language.lang) ? (
                    <>
                      {" "}
                      <strong className="govuk-tag govuk-tag--yellow">{t("translations.waiting")}</strong>
                    </>
                  ) : null}
                </td>
                <td className="govuk-table__cell">
                  <Link className="govuk-link" to={translateUrl(language.lang)}>
                    {t("translations.translate")}
                    <span className="govuk-visually-hidden"> {t("translations.into", { language: name })}</span>
                  </Link>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </section>
  );
}
