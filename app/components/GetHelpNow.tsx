import { Trans, useTranslation } from "react-i18next";
import { useRouteLoaderData } from "@remix-run/react";
import type { loader as rootLoader } from "../root";
import { PhoneLink } from "./PhoneLink";

/**
 * Where to get help now: 999, Childline, Samaritans and, when an administrator has set it, the
 * council's children's services. On the confirmation page, the privacy notice and young people's pages.
 */
export function GetHelpNow({ heading, headingLevel = 2 }: { heading?: string; headingLevel?: 2 | 3 }) {
  const { t } = useTranslation("common");
  const phone = useRouteLoaderData<typeof rootLoader>("root")?.childrenServicesPhone;
  const Heading = headingLevel === 2 ? "h2" : "h3";
  return (
    <aside className="govuk-inset-text app-help" aria-labelledby="help-now-heading">
      <Heading className="govuk-heading-s" id="help-now-heading">
        {heading ?? t("helpNow.heading")}
      </Heading>
      <ul className="govuk-list">
        <li>
          <Trans t={t} i18nKey="helpNow.emergency" components={[<PhoneLink key="999" number="999" />]} />
        </li>
        <li>
          <Trans t={t} i18nKey="helpNow.childline" components={[<PhoneLink key="childline" number="08001111" />]} />
        </li>
        <li>
          <Trans t={t} i18nKey="helpNow.samaritans" components={[<PhoneLink key="samaritans" number="116123" />]} />
        </li>
        {phone ? (
          <li>
            <Trans
              t={t}
              i18nKey="helpNow.childrenServices"
              values={{ phone }}
              components={[<PhoneLink key="council" number={phone.replace(/[^0-9+]/g, "")} />]}
            />
          </li>
        ) : null}
      </ul>
    </aside>
  );
}
