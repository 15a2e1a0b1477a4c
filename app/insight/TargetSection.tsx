import { useId, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { DataTable } from "./charts/DataTable";
import { TargetChart } from "./charts/TargetChart";
import type { InsightFormat } from "./format";

interface TargetSectionProps {
  /** Where its words are in the insight namespace: `<name>.heading`, `.lead`, `.met`, `.below`, `.noAnswers`, `.describe`, `.share`, `.answered`. */
  name: "listened" | "actionSeen";
  /** What the count is called in its words and its table row (`<name>.<countKey>`). */
  countKey: "agreed" | "yes";
  count: number;
  answered: number;
  /** The area's target, in percent. */
  target: number;
  format: InsightFormat;
  caption: { node: ReactNode; text: string };
}

/**
 * A share against the area's target, with the count behind it: the verdict in words, a chart with
 * the target marked, and the same figures as a table. "Felt listened to" and "can see what was done"
 * are both drawn by it.
 */
export function TargetSection({ name, countKey, count, answered, target, format, caption }: TargetSectionProps) {
  const { t } = useTranslation("insight");
  const id = useId();
  const share = answered === 0 ? null : (100 * count) / answered;
  const shown = format.percent(count, answered) ?? t("notKnown");
  const targetText = format.wholePercent(target);
  const verdict = share === null ? t(`${name}.noAnswers`) : t(share >= target ? `${name}.met` : `${name}.below`, { target: targetText });
  const headingId = `${name}-heading`;
  return (
    <section className="app-insight-section" aria-labelledby={headingId}>
      <h2 className="govuk-heading-m" id={headingId}>
        {t(`${name}.heading`)}
      </h2>
      <p className="govuk-body">{t(`${name}.lead`, { target: targetText })}</p>
      <p className="govuk-body govuk-!-font-weight-bold">{verdict}</p>
      <figure className="app-chart">
        <figcaption className="govuk-body govuk-!-font-weight-bold" id={id}>
          {caption.node}
        </figcaption>
        <TargetChart
          labelledBy={id}
          description={t(`${name}.describe`, { share: shown, [countKey]: format.number(count), answered: format.number(answered), target: targetText })}
          percent={share}
          target={target}
          valueText={shown}
          targetText={t("listened.target", { target: targetText })}
          scaleText={[format.wholePercent(0), format.wholePercent(100)]}
          dir={format.dir}
        />
        <DataTable
          caption={caption.text}
          headers={[t("listened.figure"), t("listened.value")]}
          rows={[
            { key: "share", header: t(`${name}.share`), cells: [shown] },
            { key: countKey, header: t(`${name}.${countKey}`), cells: [format.number(count)] },
            { key: "answered", header: t(`${name}.answered`), cells: [format.number(answered)] },
            { key: "target", header: t("listened.targetRow"), cells: [targetText] },
          ]}
        />
      </figure>
    </section>
  );
}
