import { useId } from "react";
import { useTranslation } from "react-i18next";
import { BarChart } from "~/publishing/BarChart";
import { DataTable } from "./charts/DataTable";
import { fills } from "./charts/patterns";
import { StackedBarChart } from "./charts/StackedBarChart";
import type { Dashboard } from "./dashboard.server";
import { scales, type ScaleKind } from "./scales";
import type { InsightFormat, PeriodWords } from "./format";

interface ThemesSectionProps {
  data: Pick<Dashboard, "themes" | "scales" | "previousRange">;
  format: InsightFormat;
  period: PeriodWords;
}

/** How often each theme was raised, against the period before, and the scale answers that carry it. */
export function ThemesSection({ data, format, period }: ThemesSectionProps) {
  const { t } = useTranslation("insight");
  const hasPrevious = data.previousRange !== null;
  const change = (now: number, before: number) =>
    now === before
      ? t("themes.same")
      : now > before
        ? t("themes.up", { count: now - before, number: format.number(now - before) })
        : t("themes.down", { count: before - now, number: format.number(before - now) });
  const text = (theme: Dashboard["themes"][number]) =>
    theme.previous === null
      ? format.number(theme.responses)
      : t("themes.trend", { now: format.number(theme.responses), before: format.number(theme.previous), change: change(theme.responses, theme.previous) });
  return (
    <section className="app-insight-section" aria-labelledby="themes-heading">
      <h2 className="govuk-heading-m" id="themes-heading">
        {t("themes.heading")}
      </h2>
      <p className="govuk-body">{hasPrevious ? t("themes.lead") : t("themes.leadNoPrevious")}</p>
      {data.themes.length === 0 ? (
        <p className="govuk-body">{t("themes.none")}</p>
      ) : (
        <BarChart
          caption={period.node((name) => t("themes.caption", { period: name }))}
          title={period.text((name) => t("themes.caption", { period: name }))}
          labelHeader={t("themes.theme")}
          valueHeader={hasPrevious ? t("themes.responsesTrend") : t("themes.responses")}
          dir={format.dir}
          valueRoom={hasPrevious ? 340 : 240}
          bars={data.themes.map((theme) => ({
            key: String(theme.id),
            label: theme.name.text,
            lang: format.langOf(theme.name.lang),
            value: theme.responses,
            text: text(theme),
          }))}
        />
      )}
      {(Object.keys(scales) as ScaleKind[]).map((kind) => (
        <ScaleAnswers key={kind} kind={kind} rows={data.scales[kind]} format={format} />
      ))}
    </section>
  );
}

function ScaleAnswers({ kind, rows, format }: { kind: ScaleKind; rows: Dashboard["scales"][ScaleKind]; format: InsightFormat }) {
  const { t } = useTranslation("insight");
  const id = useId();
  if (rows.length === 0) return null;
  const choices = scales[kind];
  const choiceName = (choice: string) => t(`survey:options.${choice}`);
  return (
    <>
      <h3 className="govuk-heading-s">{t(`scales.${kind}.heading`)}</h3>
      <figure className="app-chart">
        <figcaption className="govuk-body govuk-!-font-weight-bold" id={id}>
          {t(`scales.${kind}.caption`)}
        </figcaption>
        <StackedBarChart
          labelledBy={id}
          description={rows
            .map((row) => `${row.name.text}: ${choices.map((choice) => `${choiceName(choice)} ${format.number(row.counts[choice])}`).join(", ")}`)
            .join("; ")}
          segments={choices.map((choice, index) => ({ key: choice, name: choiceName(choice), fill: fills[index] }))}
          rows={rows.map((row) => ({
            key: String(row.themeId),
            label: row.name.text,
            lang: format.langOf(row.name.lang),
            values: choices.map((choice) => row.counts[choice]),
            total: t("scales.answers", { count: row.total, number: format.number(row.total) }),
          }))}
          dir={format.dir}
        />
        <DataTable
          caption={t(`scales.${kind}.caption`)}
          headers={[t("themes.theme"), ...choices.map(choiceName), t("scales.agreed")]}
          rows={rows.map((row) => ({
            key: String(row.themeId),
            header: row.name.text,
            lang: format.langOf(row.name.lang),
            cells: [...choices.map((choice) => format.number(row.counts[choice])), format.percent(row.agreed, row.answered) ?? t("notKnown")],
          }))}
        />
      </figure>
    </>
  );
}
