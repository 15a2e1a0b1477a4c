import { Link, useLocation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Table } from "../components/Table";
import { Waited } from "../safeguarding/ConcernParts";

export interface ListenRow {
  id: number;
  reference: string;
  since: string;
  length: string | null;
  overdue: boolean;
}

/** The safeguarding lead's "Listen today": young people's spoken answers that nothing can check until someone hears them. */
export function ListenToday({ rows, now }: { rows: ListenRow[]; now: string }) {
  const { t } = useTranslation("staff");
  return (
    <section aria-labelledby="listen-today" className="govuk-!-margin-bottom-8">
      <h2 className="govuk-heading-m" id="listen-today">
        {t("spoken.listen.heading")}
      </h2>
      <p className="govuk-body">{t("spoken.listen.lead")}</p>
      {rows.length === 0 ? (
        <p className="govuk-body">{t("spoken.listen.none")}</p>
      ) : (
        <Table caption={t("spoken.listen.caption")} headers={[t("spoken.listen.reference"), t("spoken.listen.waiting"), t("spoken.listen.length")]}>
          {rows.map((row) => (
            <tr key={row.id} className="govuk-table__row">
              <td className="govuk-table__cell">
                <Link className="govuk-link" to={`/moderate/spoken/${row.id}`}>
                  {t("spoken.listen.open", { reference: row.reference })}
                </Link>
              </td>
              <td className="govuk-table__cell">
                <Waited since={row.since} now={now} overdue={row.overdue} />
              </td>
              <td className="govuk-table__cell">{row.length ?? t("spoken.listen.unknownLength")}</td>
            </tr>
          ))}
        </Table>
      )}
    </section>
  );
}

/** On every staff page while a young person's recording waits to be heard: nothing else can check it. */
export function ListenBanner({ count }: { count: number }) {
  const { t } = useTranslation("staff");
  const { pathname } = useLocation();
  if (count === 0 || !/^\/(moderate|admin)(\/|$)/.test(pathname)) return null;
  return (
    <div className="govuk-notification-banner app-concern-banner" role="region" aria-labelledby="listen-banner-title">
      <div className="govuk-notification-banner__header">
        <h2 className="govuk-notification-banner__title" id="listen-banner-title">
          {t("spoken.listen.bannerTitle")}
        </h2>
      </div>
      <div className="govuk-notification-banner__content">
        <p className="govuk-notification-banner__heading">
          {t("spoken.listen.banner", { count })}{" "}
          <Link className="govuk-notification-banner__link" to="/moderate/safeguarding#listen-today">
            {t("spoken.listen.bannerLink")}
          </Link>
        </p>
      </div>
    </div>
  );
}
