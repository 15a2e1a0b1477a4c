import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireStaff } from "~/accounts/session.server";
import { getDb } from "~/db.server";
import { intlLocale } from "~/i18n/config";
import { getFixedT } from "~/i18n/i18n.server";
import { openFlags } from "~/moderation/safeguarding.server";
import { pageTitle } from "~/utils/meta";

export const handle = { i18n: ["common", "staff"] };

export async function loader({ request }: LoaderFunctionArgs) {
  await requireStaff(request, "safeguarding");
  const t = await getFixedT(request, "staff");
  return json({ title: t("safeguarding.title"), flags: await openFlags(getDb()), now: new Date().toISOString() });
}

export default function Safeguarding() {
  const data = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation("staff");
  const date = new Intl.DateTimeFormat(intlLocale(i18n.language), { dateStyle: "medium", timeStyle: "short" });
  const waiting = (since: string) => {
    const hours = Math.max(0, Math.floor((new Date(data.now).getTime() - new Date(since).getTime()) / 3_600_000));
    return hours >= 48 ? t("safeguarding.waitingDays", { count: Math.floor(hours / 24) }) : t("safeguarding.waiting", { count: hours });
  };
  return (
    <>
      <h1 className="govuk-heading-l">{t("safeguarding.title")}</h1>
      <p className="govuk-body">{t("safeguarding.lead")}</p>
      {data.flags.length === 0 ? (
        <p className="govuk-body">{t("safeguarding.none")}</p>
      ) : (
        <table className="govuk-table">
          <caption className="govuk-table__caption govuk-visually-hidden">{t("safeguarding.title")}</caption>
          <thead className="govuk-table__head">
            <tr className="govuk-table__row">
              {(["reference", "flagged", "waiting", "by", "handover"] as const).map((column) => (
                <th key={column} scope="col" className="govuk-table__header">
                  {t(`safeguarding.table.${column}`)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody className="govuk-table__body">
            {data.flags.map((flag) => (
              <tr key={flag.id} className="govuk-table__row">
                <td className="govuk-table__cell">
                  <Link className="govuk-link" to={`/moderate/safeguarding/${flag.id}`}>
                    {flag.reference}
                  </Link>
                </td>
                <td className="govuk-table__cell">{date.format(new Date(flag.flagged_at))}</td>
                <td className="govuk-table__cell">
                  <strong className={`govuk-tag ${flag.last_handover_at ? "govuk-tag--grey" : "govuk-tag--red"}`}>{waiting(flag.flagged_at)}</strong>
                </td>
                <td className="govuk-table__cell">{flag.flagged_by}</td>
                <td className="govuk-table__cell">
                  {flag.last_handover_at ? t("safeguarding.handedOver", { date: date.format(new Date(flag.last_handover_at)) }) : t("safeguarding.notHandedOver")}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => pageTitle(matches, data?.title);
