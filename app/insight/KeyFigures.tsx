import { useTranslation } from "react-i18next";
import type { Dashboard } from "./dashboard.server";
import type { InsightFormat } from "./format";

/** The dashboard's headline figures, each with the count behind it. */
export function KeyFigures({ data, format }: { data: Pick<Dashboard, "overTime" | "listened" | "loop" | "overdue">; format: InsightFormat }) {
  const { t } = useTranslation("insight");
  const sum = (pick: (bucket: Dashboard["overTime"][number]) => number) => data.overTime.reduce((total, bucket) => total + pick(bucket), 0);
  const started = sum((b) => b.started);
  const sent = sum((b) => b.sent);
  const { agreed, answered, target } = data.listened;
  const figures = [
    { key: "responses", figure: format.number(sum((b) => b.finished)), detail: null },
    {
      key: "completion",
      figure: format.percent(sent, started),
      detail: started ? t("key.completionDetail", { sent: format.number(sent), started: format.number(started) }) : null,
    },
    {
      key: "listened",
      figure: format.percent(agreed, answered),
      detail: t("key.listenedDetail", { agreed: format.number(agreed), answered: format.number(answered), target: format.wholePercent(target) }),
    },
    {
      key: "actioned",
      figure: format.percent(data.loop.answered, data.loop.raised),
      detail: data.loop.raised
        ? t("key.actionedDetail", { count: data.loop.raised, answered: format.number(data.loop.answered), raised: format.number(data.loop.raised) })
        : null,
    },
    {
      key: "median",
      figure: data.loop.medianDays === null ? null : t("loop.days", { count: data.loop.medianDays, number: format.number(data.loop.medianDays) }),
      detail: null,
    },
    { key: "overdue", figure: format.number(data.overdue.total), detail: null },
  ];
  return (
    <dl className="app-overview">
      {figures.map((item) => (
        <div key={item.key} className="app-overview__item">
          <dt>{t(`key.${item.key}`)}</dt>
          {item.figure === null ? (
            <dd className="govuk-body govuk-!-font-weight-bold">{t("notKnown")}</dd>
          ) : (
            <dd className="app-overview__figure">{item.figure}</dd>
          )}
          {item.detail ? <dd className="govuk-body-s">{item.detail}</dd> : null}
        </div>
      ))}
    </dl>
  );
}
