import { useId } from "react";
import { useTranslation } from "react-i18next";
import { DataTable } from "./charts/DataTable";
import { TargetChart } from "./charts/TargetChart";
import type { Dashboard } from "./dashboard.server";
import type { InsightFormat, PeriodWords } from "./format";

/** "Felt listened to": the share who agree, against the target in the settings, with the count behind it. */
export function ListenedSection({ listened, format, period }: { listened: Dashboard["listened"]; format: InsightFormat; period: PeriodWords }) {
  const { t } = useTranslation("insight");
  const id = useId();
  const { agreed, answered, target } = listened;
  const share = answered === 0 ? null : (100 * agreed) / answered;
  const shown = format.percent(agreed, answered) ?? t("notKnown");
  const targetText = format.wholePercent(target);
  const verdict =
    share === null ? t("listened.noAnswers") : share >= target ? t("listened.met", { target: targetText }) : t("listened.below", { target: targetText });
  return (
    <section className="app-insight-section" aria-labelledby="listened-heading">
      <h2 className="govuk-heading-m" id="listened-heading">
        {t("listened.heading")}
      </h2>
      <p className="govuk-body">{t("listened.lead", { target: targetText })}</p>
      <p className="govuk-body govuk-!-font-weight-bold">{verdict}</p>
      <figure className="app-chart">
        <figcaption className="govuk-body govuk-!-font-weight-bold" id={id}>
          {period.node((name) => t("listened.caption", { period: name }))}
        </figcaption>
        <TargetChart
          labelledBy={id}
          description={t("listened.describe", { share: shown, agreed: format.number(agreed), answered: format.number(answered), target: targetText })}
          percent={share}
          target={target}
          valueText={shown}
          targetText={t("listened.target", { target: targetText })}
          scaleText={[format.wholePercent(0), format.wholePercent(100)]}
          dir={format.dir}
        />
        <DataTable
          caption={period.text((name) => t("listened.caption", { period: name }))}
          headers={[t("listened.figure"), t("listened.value")]}
          rows={[
            { key: "share", header: t("listened.share"), cells: [shown] },
            { key: "agreed", header: t("listened.agreed"), cells: [format.number(agreed)] },
            { key: "answered", header: t("listened.answered"), cells: [format.number(answered)] },
            { key: "target", header: t("listened.targetRow"), cells: [targetText] },
          ]}
        />
      </figure>
    </section>
  );
}
