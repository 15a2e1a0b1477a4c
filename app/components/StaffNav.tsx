import { Link, useLocation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { CSRF_FIELD } from "~/accounts/csrf";

interface StaffNavProps {
  staff: { name: string; csrf: string; admin: boolean; safeguarding: boolean; newConcerns: number; moderate: boolean };
}

/** The bar a signed-in moderator or administrator sees on every page, with sign-out. */
export function StaffNav({ staff }: StaffNavProps) {
  const { t } = useTranslation(["common", "staff"]);
  return (
    <div className="app-staff-bar">
      <nav className="govuk-width-container app-staff-bar__inner" aria-label={t("nav.staffLabel")}>
        <ul className="app-staff-bar__list">
          {staff.moderate ? (
            <>
              <li>
                <Link to="/moderate">{t("staff:nav.queue")}</Link>
              </li>
              <li>
                <Link to="/moderate/waiting">{t("staff:nav.waiting")}</Link>
              </li>
              <li>
                <Link to="/moderate/quotes">{t("staff:nav.quotes")}</Link>
              </li>
              <li>
                <Link to="/moderate/statements">{t("staff:nav.statements")}</Link>
              </li>
              <li>
                <Link to="/moderate/actions">{t("staff:nav.actions")}</Link>
              </li>
              <li>
                <Link to="/admin/surveys">{t("staff:nav.surveys")}</Link>
              </li>
              <li>
                <Link to="/moderate/insight">{t("staff:nav.insight")}</Link>
              </li>
              <li>
                <Link to="/moderate/outreach">{t("staff:nav.outreach")}</Link>
              </li>
              <li>
                <Link to="/moderate/exports">{t("staff:nav.exports")}</Link>
              </li>
              <li>
                <Link to="/moderate/erasure">{t("staff:nav.erasure")}</Link>
              </li>
            </>
          ) : null}
          {/* Every member of staff may help someone answer; for a supporter it is the only page. */}
          <li>
            <Link to="/support">{t("staff:nav.support")}</Link>
          </li>
          {staff.safeguarding ? (
            <li>
              <Link to="/moderate/safeguarding">
                {staff.newConcerns > 0 ? t("staff:nav.safeguardingCount", { count: staff.newConcerns }) : t("staff:nav.safeguarding")}
              </Link>
            </li>
          ) : null}
          {staff.safeguarding ? (
            <li>
              <Link to="/admin/safeguarding-phrases">{t("staff:nav.phrases")}</Link>
            </li>
          ) : null}
          {staff.admin ? (
            <>
              <li>
                <Link to="/admin/themes">{t("staff:nav.themes")}</Link>
              </li>
              <li>
                <Link to="/admin/users">{t("staff:nav.users")}</Link>
              </li>
              <li>
                <Link to="/admin/periods">{t("staff:nav.periods")}</Link>
              </li>
              <li>
                <Link to="/admin/population">{t("staff:nav.population")}</Link>
              </li>
              <li>
                <Link to="/admin/settings">{t("staff:nav.settings")}</Link>
              </li>
              <li>
                <Link to="/admin/audit">{t("staff:nav.audit")}</Link>
              </li>
            </>
          ) : null}
          <li>
            <Link to="/account/second-factor">{t("staff:nav.account")}</Link>
          </li>
        </ul>
        <form method="post" action="/sign-out" className="app-staff-bar__account">
          <span>{t("nav.signedInAs", { name: staff.name })}</span> <input type="hidden" name={CSRF_FIELD} value={staff.csrf} />
          <button type="submit" className="govuk-button govuk-button--secondary app-staff-bar__sign-out">
            {t("nav.signOut")}
          </button>
        </form>
      </nav>
    </div>
  );
}

/** On every staff page while concerns wait unopened: a lead must never miss one. */
export function ConcernBanner({ count }: { count: number }) {
  const { t } = useTranslation("staff");
  const { pathname } = useLocation();
  if (count === 0 || !/^\/(moderate|admin)(\/|$)/.test(pathname)) return null;
  return (
    <div className="govuk-notification-banner app-concern-banner" role="region" aria-labelledby="concern-banner-title">
      <div className="govuk-notification-banner__header">
        <h2 className="govuk-notification-banner__title" id="concern-banner-title">
          {t("safeguarding.bannerTitle")}
        </h2>
      </div>
      <div className="govuk-notification-banner__content">
        <p className="govuk-notification-banner__heading">
          {t("safeguarding.banner", { count })}{" "}
          <Link className="govuk-notification-banner__link" to="/moderate/safeguarding?state=new">
            {t("safeguarding.bannerLink")}
          </Link>
        </p>
      </div>
    </div>
  );
}
