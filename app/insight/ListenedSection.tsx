import { useTranslation } from "react-i18next";
import type { Dashboard } from "./dashboard.server";
import type { InsightFormat, PeriodWords } from "./format";
import { TargetSection } from "./TargetSection";

/** "Felt listened to": the share who agree, against the target in the settings, with the count behind it. */
export function ListenedSection({ listened, format, period }: { listened: Dashboard["listened"]; format: InsightFormat; period: PeriodWords }) {
  const { t } = useTranslation("insight");
  const { agreed, answered, target } = listened;
  const caption = {
    node: period.node((name) => t("listened.caption", { period: name })),
    text: period.text((name) => t("listened.caption", { period: name })),
  };
  return <TargetSection name="listened" countKey="agreed" count={agreed} answered={answered} target={target} format={format} caption={caption} />;
}
