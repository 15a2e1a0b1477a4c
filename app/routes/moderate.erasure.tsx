import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { canUse, requireStaff } from "~/accounts/session.server";
import { Notice } from "~/components/Notice";
import { Table } from "~/components/Table";
import { getDb } from "~/db.server";
import { intlLocale } from "~/i18n/config";
import { getFixedT } from "~/i18n/i18n.server";
import { waitingRequests } from "~/responses/erasure-lists.server";
import { pageTitle } from "~/utils/meta";

export const handle = { i18n: ["common", "staff"] };

export async function loader({ request }: LoaderFunctionArgs) {
  const session = await requireStaff(request, "moderate");
  const t = await getFixedT(request, "staff");
  const done = new URL(request.url).searchParams.get("done");
  const waiting = await waitingRequests(getDb(), canUse(session.user.role, "safeguarding"));
  return json({
    title: t("erasure.list.title"),
    ...waiting,
    done: done === "deleted" || done === "refused" ? done : null,
    today: new Date().toISOString().slice(0, 10),
  });
}

export default function ErasureRequests() {
  const data = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation("staff");
  const date = (day: string) => new Intl.DateTimeFormat(intlLocale(i18n.language), { dateStyle: "medium" }).format(new Date(day));
  return (
    <>
      {data.done ? <Notice>{t(`erasure.list.done.${data.done}`)}</Notice> : null}
      <h1 className="govuk-heading-l">{t("erasure.list.title")}</h1>
      <p className="govuk-body">{t("erasure.list.lead")}</p>
      <p className="govuk-body">{t("erasure.list.withCode")}</p>
      {data.requests.length === 0 ? (
        <p className="govuk-body">{t("erasure.list.none")}</p>
      ) : (
        <Table
          caption={t("erasure.list.caption")}
          headers={(["reference", "asked", "due", "next"] as const).map((column) => t(`erasure.list.columns.${column}`))}
        >
          {data.requests.map((request) => (
            <tr key={request.id} className="govuk-table__row">
              <th scope="row" className="govuk-table__header app-reference">
                {request.reference}
              </th>
              <td className="govuk-table__cell">{date(request.requestedAt)}</td>
              <td className="govuk-table__cell">
                {date(request.dueBy)}
                {request.dueBy < data.today ? (
                  <>
                    {" "}
                    <strong className="govuk-tag govuk-tag--red">{t("erasure.list.overdue")}</strong>
                  </>
                ) : null}
              </td>
              <td className="govuk-table__cell">
                {request.held ? (
                  t(request.verified ? "erasure.list.heldVerified" : "erasure.list.held")
                ) : (
                  <Link className="govuk-link" to={`/moderate/responses/${request.responseId}/delete`}>
                    {t("erasure.list.decide")}
                    <span className="govuk-visually-hidden"> {request.reference}</span>
                  </Link>
                )}
              </td>
            </tr>
          ))}
        </Table>
      )}
      {data.notShown > 0 ? <p className="govuk-body">{t("erasure.list.notShown", { count: data.notShown })}</p> : null}
    </>
  );
}

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => pageTitle(matches, data?.title);
