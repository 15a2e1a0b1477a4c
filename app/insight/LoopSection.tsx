import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Table } from "~/components/Table";
import { BarChart } from "~/publishing/BarChart";
import type { Dashboard } from "./dashboard.server";
import type { InsightFormat, PeriodWords } from "./format";

/** Closing the loop: themes with a published action, the time it took, and actions past their due date. */
export function LoopSection({
  loop,
  overdue,
  format,
  period,
}: {
  loop: Dashboard["loop"];
  overdue: Dashboard["overdue"];
  format: InsightFormat;
  period: PeriodWords;
}) {
  const { t } = useTranslation("insight");
  const days = (theme: Dashboard["loop"]["themes"][number]) =>
    theme.days !== null ? t("loop.days", { count: theme.days, number: format.number(theme.days) }) : theme.hasAction ? t("loop.before") : t("loop.noAction");
  return (
    <section className="app-insight-section" aria-labelledby="loop-heading">
      <h2 className="govuk-heading-m" id="loop-heading">
        {t("loop.heading")}
      </h2>
      {loop.raised === 0 ? (
        <p className="govuk-body">{t("loop.noThemes")}</p>
      ) : (
        <>
          <p className="govuk-body">
            {period.node((name) =>
              t("loop.share", {
                count: loop.raised,
                answered: format.number(loop.answered),
                raised: format.number(loop.raised),
                share: format.percent(loop.answered, loop.raised),
                period: name,
              }),
            )}
          </p>
          <p className="govuk-body">
            {loop.medianDays === null ? t("loop.noMedian") : t("loop.median", { count: loop.medianDays, number: format.number(loop.medianDays) })}
          </p>
          <BarChart
            caption={t("loop.caption")}
            labelHeader={t("loop.theme")}
            valueHeader={t("loop.daysHeader")}
            dir={format.dir}
            bars={loop.themes.map((theme) => ({
              key: String(theme.themeId),
              label: theme.name.text,
              lang: format.langOf(theme.name.lang),
              value: theme.days,
              text: days(theme),
            }))}
          />
        </>
      )}
      <Overdue overdue={overdue} format={format} />
    </section>
  );
}

function Overdue({ overdue, format }: { overdue: Dashboard["overdue"]; format: InsightFormat }) {
  const { t } = useTranslation("insight");
  return (
    <>
      <h3 className="govuk-heading-s">{t("overdue.heading")}</h3>
      <p className="govuk-body">
        {overdue.total === 0 ? t("overdue.none") : t("overdue.count", { count: overdue.total, number: format.number(overdue.total) })}
      </p>
      {overdue.actions.length < overdue.total ? (
        <p className="govuk-body">{t("overdue.oldest", { count: overdue.actions.length, number: format.number(overdue.actions.length) })}</p>
      ) : null}
      {overdue.actions.length > 0 ? (
        <Table
          caption={t("overdue.heading")}
          headers={(["action", "owner", "due", "late", "status"] as const).map((column) => ({
            label: t(`overdue.columns.${column}`),
            numeric: column === "late",
          }))}
        >
          {overdue.actions.map((action) => (
            <tr key={action.id} className="govuk-table__row">
              <th scope="row" className="govuk-table__header">
                <Link className="govuk-link" to={`/moderate/actions/${action.id}`} lang={format.langOf(action.titleLang)}>
                  {action.title}
                </Link>
              </th>
              <td className="govuk-table__cell">{action.owner}</td>
              <td className="govuk-table__cell">{format.day(action.dueOn)}</td>
              <td className="govuk-table__cell govuk-table__cell--numeric">
                {t("loop.days", { count: action.daysOverdue, number: format.number(action.daysOverdue) })}
              </td>
              <td className="govuk-table__cell">{t(`staff:actions.statuses.${action.status}`)}</td>
            </tr>
          ))}
        </Table>
      ) : null}
    </>
  );
}
