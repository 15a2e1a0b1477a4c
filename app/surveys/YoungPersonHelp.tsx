import { Trans, useTranslation } from "react-i18next";
import { PhoneLink } from "../components/PhoneLink";

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
          components={[<PhoneLink key="childline" number="08001111" />, <PhoneLink key="999" number="999" />]}
        />
      </p>
    </aside>
  );
}
