import { Trans, useTranslation } from "react-i18next";

/** Where a young person can get help now; on every page of a young person's survey. */
export function YoungPersonHelp() {
  const { t } = useTranslation("survey");
  return (
    <aside className="govuk-inset-text app-help" aria-labelledby="young-help-heading">
      <h2 className="govuk-heading-s" id="young-help-heading">
        {t("youngHelp.heading")}
      </h2>
      <p className="govuk-body">
        <Trans
          t={t}
          i18nKey="youngHelp.body"
          components={[<a key="childline" className="govuk-link" href="tel:08001111" />, <a key="999" className="govuk-link" href="tel:999" />]}
        />
      </p>
    </aside>
  );
}
