import { useTranslation } from "react-i18next";
import type { ConcernState } from "../../db/schema";

/** How long a concern has waited, with the word "Overdue" when it has waited too long. */
export function Waited({ since, now, overdue }: { since: string; now: string; overdue: boolean }) {
  const { t } = useTranslation("staff");
  const hours = Math.max(0, Math.floor((new Date(now).getTime() - new Date(since).getTime()) / 3_600_000));
  const waited = hours >= 48 ? t("safeguarding.waitingDays", { count: Math.floor(hours / 24) }) : t("safeguarding.waiting", { count: hours });
  return overdue ? (
    <strong className="govuk-tag govuk-tag--red app-overdue-tag">
      {t("safeguarding.overdue")}: {waited}
    </strong>
  ) : (
    <span>{waited}</span>
  );
}

interface ConcernSummary {
  state: ConcernState;
  looking_by: string | null;
  looking_since: string | null;
  handed_to: string | null;
  handed_over_at: string | null;
  closed_at: string | null;
  decision: string | null;
}

const tagColour: Record<ConcernState, string> = {
  new: "govuk-tag--red",
  looking: "govuk-tag--yellow",
  handed_over: "govuk-tag--blue",
  closed: "govuk-tag--grey",
};

/** The state in words, with who has it or where it went. */
export function ConcernStateTag({ concern, format }: { concern: ConcernSummary; format: (iso: string) => string }) {
  const { t } = useTranslation("staff");
  const detail =
    concern.state === "looking" && concern.looking_by && concern.looking_since
      ? t("safeguarding.stateDetail.looking", { name: concern.looking_by, date: format(concern.looking_since) })
      : concern.state === "handed_over" && concern.handed_to && concern.handed_over_at
        ? t("safeguarding.stateDetail.handed_over", { name: concern.handed_to, date: format(concern.handed_over_at) })
        : concern.state === "closed" && concern.closed_at
          ? t(`safeguarding.stateDetail.${concern.decision === "not_concern" ? "closed_not_concern" : "closed_concern"}`, { date: format(concern.closed_at) })
          : null;
  return (
    <>
      <strong className={`govuk-tag ${tagColour[concern.state]}`}>{t(`safeguarding.states.${concern.state}`)}</strong>
      {detail ? (
        <>
          <br />
          <span className="govuk-body-s">{detail}</span>
        </>
      ) : null}
    </>
  );
}
