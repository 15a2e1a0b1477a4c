import { useId } from "react";
import { useTranslation } from "react-i18next";
import type { ActionSeen } from "~/updates/seen.server";
import { DataTable } from "./charts/DataTable";
import { TargetChart } from "./charts/TargetChart";
import type { InsightFormat } from "./format";

/**
 * "Can identify action taken": of the people who answered the question in their updates, the share
 * who said yes, against the area's target, with the count behind it. Every answer so far, whatever
 * the period: people answer long after they took part.
 */
export function ActionSeenSection({ seen, format }: { seen: ActionSeen; format: InsightFormat }) {
  const { t } = useTranslation("insight");
  const id = useId();
  const { yes, answered, target } = seen;
  const share = answered === 0 ? null : (100 * yes) / answered;
  const shown = format.percent(yes, answered) ?? t("notKnown");
  const targetText = format.wholePercent(target);
  const verdict =
    share === null ? t("actionSeen.noAnswers") : share >= target ? t("actionSeen.met", { target: targetText }) : t("actionSeen.below", { target: targetText });
  return (
    <section className="app-insight-section" aria-labelledby="action-seen-heading">
      <h2 className="govuk-heading-m" id="action-seen-heading">
        {t("actionSeen.heading")}
      </h2>
      <p className="govuk-body">{t("actionSeen.lead", { target: targetText })}</p>
      <p className="govuk-body govuk-!-font-weight-bold">{verdict}</p>
      <figure className="app-chart">
        <figcaption className="govuk-body govuk-!-font-weight-bold" id={id}>
          {t("actionSeen.caption")}
        </figcaption>
        <TargetChart
          labelledBy={id}
          description={t("actionSeen.describe", { share: shown, yes: format.number(yes), answered: format.number(answered), target: targetText })}
          percent={share}
          target={target}
          valueText={shown}
          targetText={t("listened.target", { target: targetText })}
          scaleText={[format.wholePercent(0), format.wholePercent(100)]}
          dir={format.dir}
        />
        <DataTable
          caption={t("actionSeen.caption")}
          headers={[t("listened.figure"), t("listened.value")]}
          rows={[
            { key: "share", header: t("actionSeen.share"), cells: [shown] },
            { key: "yes", header: t("actionSeen.yes"), cells: [format.number(yes)] },
            { key: "answered", header: t("actionSeen.answered"), cells: [format.number(answered)] },
            { key: "target", header: t("listened.targetRow"), cells: [targetText] },
          ]}
        />
      </figure>
    </section>
  );
}
