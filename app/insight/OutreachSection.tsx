import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Table } from "~/components/Table";
import type { Dashboard } from "./dashboard.server";
import type { InsightFormat, PeriodWords } from "./format";

interface OutreachSectionProps {
  links: Dashboard["outreach"];
  format: InsightFormat;
  period: PeriodWords;
}

/** Responses, completion and who answered, by the outreach link that brought them: which routes reach which families. */
export function OutreachSection({ links, format, period }: OutreachSectionProps) {
  const { t } = useTranslation(["insight", "staff"]);
  const numeric = (label: string) => ({ label, numeric: true });
  return (
    <section className="app-insight-section" aria-labelledby="outreach-heading">
      <h2 className="govuk-heading-m" id="outreach-heading">
        {t("outreach.heading")}
      </h2>
      <p className="govuk-body">{t("outreach.lead")}</p>
      {links.length === 0 ? (
        <p className="govuk-body">
          {t("outreach.none")}{" "}
          <Link className="govuk-link" to="/moderate/outreach">
            {t("outreach.manage")}
          </Link>
        </p>
      ) : (
        <Table
          caption={period.node((name) => t("outreach.caption", { period: name }))}
          captionSize="s"
          headers={[
            t("outreach.link"),
            numeric(t("outreach.responses")),
            numeric(t("staff:audience.parent_carer")),
            numeric(t("staff:audience.young_person")),
            numeric(t("outreach.started")),
            numeric(t("outreach.completion")),
          ]}
        >
          {links.map((link) => (
            <tr key={link.id} className="govuk-table__row">
              <th scope="row" className="govuk-table__header">
                <Link className="govuk-link" to={`/moderate/outreach/${link.id}`}>
                  {link.name}
                </Link>
                <span className="govuk-body-s govuk-!-display-block govuk-!-margin-bottom-0">
                  {t(`staff:outreach.kinds.${link.kind}`)}
                  {link.paused ? `, ${t("staff:outreach.paused")}` : ""}
                </span>
              </th>
              <td className="govuk-table__cell govuk-table__cell--numeric">{format.number(link.responses)}</td>
              <td className="govuk-table__cell govuk-table__cell--numeric">{format.number(link.byAudience.parent_carer)}</td>
              <td className="govuk-table__cell govuk-table__cell--numeric">{format.number(link.byAudience.young_person)}</td>
              <td className="govuk-table__cell govuk-table__cell--numeric">{format.number(link.started)}</td>
              <td className="govuk-table__cell govuk-table__cell--numeric">{format.percent(link.sent, link.started) ?? t("notKnown")}</td>
            </tr>
          ))}
        </Table>
      )}
    </section>
  );
}
