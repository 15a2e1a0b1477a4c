import { useTranslation } from "react-i18next";
import { supportKinds } from "../../db/schema";
import { Table } from "~/components/Table";
import type { InsightFormat, PeriodWords } from "./format";
import type { SupportFigures } from "./support.server";

/** Supported responses by kind of help, beside the outreach links: how people who needed help took part. */
export function SupportSection({ support, format, period }: { support: SupportFigures; format: InsightFormat; period: PeriodWords }) {
  const { t } = useTranslation(["insight", "staff"]);
  const figure = (value: number | null, protects: boolean) =>
    value !== null ? format.number(value) : protects ? t("supportKinds.hidden") : t("supportKinds.fewer", { threshold: support.threshold });
  return (
    <section className="app-insight-section" aria-labelledby="support-kinds-heading">
      <h2 className="govuk-heading-m" id="support-kinds-heading">
        {t("supportKinds.heading")}
      </h2>
      <p className="govuk-body">{t("supportKinds.lead", { threshold: support.threshold })}</p>
      {support.any ? (
        <Table
          caption={period.node((name) => t("supportKinds.caption", { period: name }))}
          captionSize="s"
          headers={[t("supportKinds.kind"), { label: t("supportKinds.responses"), numeric: true }]}
        >
          {supportKinds.map((kind) => (
            <tr key={kind} className="govuk-table__row">
              <th scope="row" className="govuk-table__header">
                {t(`staff:support.kinds.${kind}`)}
              </th>
              <td className="govuk-table__cell govuk-table__cell--numeric">{figure(support.parts[kind], support.secondary.includes(kind))}</td>
            </tr>
          ))}
          <tr className="govuk-table__row">
            <th scope="row" className="govuk-table__header">
              {t("supportKinds.total")}
            </th>
            <td className="govuk-table__cell govuk-table__cell--numeric">{figure(support.total, false)}</td>
          </tr>
        </Table>
      ) : (
        <p className="govuk-body">{t("supportKinds.none")}</p>
      )}
    </section>
  );
}
