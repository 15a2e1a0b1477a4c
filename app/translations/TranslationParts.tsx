import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Table } from "~/components/Table";
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
export function TranslationsPanel({
  progress,
  waiting,
  translateUrl,
}: {
  progress: LanguageProgress[];
  waiting: string[];
  translateUrl: (lang: string) => string;
}) {
  const { t } = useTranslation("staff");
  return (
    // Not a named region itself: the table's scrolling box below is the region, named by its caption.
    <section className="app-translations">
      <h2 className="govuk-heading-m" id="translations-heading">
        {t("translations.heading")}
      </h2>
      <p className="govuk-body">
        <MissingLanguages progress={progress} />
      </p>
      <p className="govuk-body">{t("translations.lead")}</p>
      <Table
        caption={t("translations.heading")}
        headers={[
          t("translations.table.language"),
          t("translations.table.texts"),
          { key: "action", label: <span className="govuk-visually-hidden">{t("translations.table.action")}</span> },
        ]}
      >
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
      </Table>
    </section>
  );
}
