import { useId } from "react";
import { useTranslation } from "react-i18next";
import { BarChart } from "~/publishing/BarChart";
import { ColumnChart } from "./charts/ColumnChart";
import { DataTable } from "./charts/DataTable";
import type { Dashboard } from "./dashboard.server";
import type { InsightFormat, PeriodWords } from "./format";

interface ResponsesSectionProps {
  data: Pick<Dashboard, "overTime" | "stops" | "filters">;
  format: InsightFormat;
  period: PeriodWords;
}

/** Responses over time, the completion rate, and where people stop. */
export function ResponsesSection({ data, format, period }: ResponsesSectionProps) {
  const { t } = useTranslation("insight");
  const ids = { received: useId(), completion: useId() };
  const by = data.filters.by;
  const rate = (sent: number, started: number) => format.percent(sent, started) ?? t("notKnown");
  const bucketHeader = t(`time.${by}`);
  return (
    <section className="app-insight-section" aria-labelledby="responses-heading">
      <h2 className="govuk-heading-m" id="responses-heading">
        {t("responses.heading")}
      </h2>
      <figure className="app-chart">
        <figcaption className="govuk-heading-s" id={ids.received}>
          {period.node((name) => t(`responses.received.${by}`, { period: name }))}
        </figcaption>
        <ColumnChart
          labelledBy={ids.received}
          description={data.overTime.map((b) => `${format.bucket(by, b.from)}: ${format.number(b.finished)}`).join("; ")}
          series={[{ key: "finished", name: t("responses.finished"), fill: "solid" }]}
          columns={data.overTime.map((b) => ({ key: b.key, label: format.bucketShort(by, b.from), values: [b.finished] }))}
          format={format.number}
          dir={format.dir}
        />
        <DataTable
          caption={t(`responses.received.${by}Table`)}
          headers={[bucketHeader, t("responses.finished")]}
          rows={data.overTime.map((b) => ({ key: b.key, header: format.bucket(by, b.from), cells: [format.number(b.finished)] }))}
        />
      </figure>

      <h3 className="govuk-heading-s">{t("responses.completion.heading")}</h3>
      <p className="govuk-body">{t("responses.completion.lead")}</p>
      {data.overTime.some((b) => b.started > 0) ? (
        <figure className="app-chart">
          <figcaption className="govuk-body govuk-!-font-weight-bold" id={ids.completion}>
            {t(`responses.completion.caption.${by}`)}
          </figcaption>
          <ColumnChart
            labelledBy={ids.completion}
            description={data.overTime
              .map((b) =>
                t("responses.completion.describe", { bucket: format.bucket(by, b.from), started: format.number(b.started), sent: format.number(b.sent) }),
              )
              .join("; ")}
            series={[
              { key: "started", name: t("responses.started"), fill: "hatch" },
              { key: "sent", name: t("responses.sent"), fill: "solid" },
            ]}
            columns={data.overTime.map((b) => ({ key: b.key, label: format.bucketShort(by, b.from), values: [b.started, b.sent] }))}
            format={format.number}
            dir={format.dir}
          />
          <DataTable
            caption={t(`responses.completion.caption.${by}`)}
            headers={[bucketHeader, t("responses.started"), t("responses.sent"), t("responses.rate")]}
            rows={data.overTime.map((b) => ({
              key: b.key,
              header: format.bucket(by, b.from),
              cells: [format.number(b.started), format.number(b.sent), rate(b.sent, b.started)],
            }))}
          />
        </figure>
      ) : (
        <p className="govuk-body">{t("responses.completion.none")}</p>
      )}

      <StopPoints stops={data.stops} format={format} />
    </section>
  );
}

function StopPoints({ stops, format }: { stops: Dashboard["stops"]; format: InsightFormat }) {
  const { t } = useTranslation("insight");
  const label = (stop: Dashboard["stops"][number]) => stop.question?.text ?? t("stops.beforeFirst");
  const most = stops[0];
  return (
    <>
      <h3 className="govuk-heading-s">{t("stops.heading")}</h3>
      <p className="govuk-body">{t("stops.lead")}</p>
      {most ? (
        <>
          <p className="govuk-body">
            {most.question
              ? format.named((name) => t("stops.most", { question: name, count: most.drafts, number: format.number(most.drafts) }), most.question)
              : t("stops.mostBeforeFirst", { count: most.drafts, number: format.number(most.drafts) })}
          </p>
          <BarChart
            caption={t("stops.caption")}
            labelHeader={t("stops.question")}
            valueHeader={t("stops.drafts")}
            dir={format.dir}
            bars={stops.map((stop) => ({
              key: stop.key,
              label: stop.survey && stops.some((other) => other.survey?.text !== stop.survey?.text) ? `${label(stop)} (${stop.survey.text})` : label(stop),
              lang: stop.question ? format.langOf(stop.question.lang) : undefined,
              value: stop.drafts,
              text: format.number(stop.drafts),
            }))}
          />
        </>
      ) : (
        <p className="govuk-body">{t("stops.none")}</p>
      )}
    </>
  );
}
