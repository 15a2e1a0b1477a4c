import { useTranslation } from "react-i18next";
import type { ActionSeen } from "~/updates/seen.server";
import type { InsightFormat } from "./format";
import { TargetSection } from "./TargetSection";

/**
 * "Can identify action taken": of the people who answered the question in their updates, the share
 * who said yes, against the area's target, with the count behind it. Every answer so far, whatever
 * the period: people answer long after they took part.
 */
export function ActionSeenSection({ seen, format }: { seen: ActionSeen; format: InsightFormat }) {
  const { t } = useTranslation("insight");
  const caption = t("actionSeen.caption");
  return (
    <TargetSection
      name="actionSeen"
      countKey="yes"
      count={seen.yes}
      answered={seen.answered}
      target={seen.target}
      format={format}
      caption={{ node: caption, text: caption }}
    />
  );
}
