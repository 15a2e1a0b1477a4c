import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { requireStaff } from "~/accounts/session.server";
import { Select } from "~/components/Select";
import { Table } from "~/components/Table";
import { getDb } from "~/db.server";
import { intlLocale } from "~/i18n/config";
import { getFixedT } from "~/i18n/i18n.server";
import { concernStates, listConcerns } from "~/safeguarding/concerns.server";
import { isOverdue } from "~/safeguarding/overdue";
import { ConcernStateTag, Waited } from "~/safeguarding/ConcernParts";
import { overdueWorkingDays } from "~/settings.server";
import { pageTitle } from "~/utils/meta";
import { listenToday } from "~/spoken/staff.server";
import { ListenToday } from "~/spoken/ListenToday";
import { Notice } from "~/components/Notice";

export const handle = { i18n: ["common", "staff"] };

const filters = ["open", ...concernStates, "all"] as const;
const FilterSchema = z.enum(filters).catch("open");

export async function loader({ request }: LoaderFunctionArgs) {
  await requireStaff(request, "safeguarding");
  const t = await getFixedT(request, "staff");
  const filter = FilterSchema.parse(new URL(request.url).searchParams.get("state") ?? "open");
  const db = getDb();
  const now = new Date();
  const days = await overdueWorkingDays(db);
  const concerns = (await listConcerns(db, filter)).map((concern) => ({ ...concern, overdue: isOverdue(concern.state, concern.raised_at, days, now) }));
  const listen = await listenToday(db, now);
  return json({ title: t("safeguarding.title"), filter, concerns, listen, typed: new URL(request.url).searchParams.has("typed"), now: now.toISOString() });
}

export default function Safeguarding() {
  const data = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation("staff");
  const date = new Intl.DateTimeFormat(intlLocale(i18n.language), { dateStyle: "medium", timeStyle: "short" });
  return (
    <>
      {data.typed ? <Notice>{t("spoken.block.saved")}</Notice> : null}
      <h1 className="govuk-heading-l">{t("safeguarding.title")}</h1>
      <p className="govuk-body">{t("safeguarding.lead")}</p>
      <ListenToday rows={data.listen} now={data.now} />
      <h2 className="govuk-heading-m">{t("spoken.listen.concernsHeading")}</h2>
      <Form method="get" className="app-filters">
        <Select
          id="state"
          name="state"
          label={t("safeguarding.filter.state")}
          defaultValue={data.filter}
          options={filters.map((value) => ({ value, label: t(`safeguarding.filter.options.${value}`) }))}
        />
        <button type="submit" className="govuk-button govuk-button--secondary">
          {t("safeguarding.filter.apply")}
        </button>
      </Form>
      {data.concerns.length === 0 ? (
        <p className="govuk-body">{t("safeguarding.none")}</p>
      ) : (
        <Table
          caption={t("safeguarding.table.caption")}
          headers={(["reference", "waiting", "found", "words", "state"] as const).map((column) => t(`safeguarding.table.${column}`))}
        >
          {data.concerns.map((concern) => (
            <tr key={concern.id} className="govuk-table__row">
              <td className="govuk-table__cell">
                <Link className="govuk-link" to={`/moderate/safeguarding/${concern.id}`}>
                  {concern.reference}
                </Link>
                {concern.urgency === 1 && concern.state !== "closed" ? (
                  <>
                    <br />
                    <strong className="govuk-tag govuk-tag--red">{t("safeguarding.urgent")}</strong>
                  </>
                ) : null}
              </td>
              <td className="govuk-table__cell">
                <Waited since={concern.raised_at} now={data.now} overdue={concern.overdue} />
                <br />
                <span className="govuk-body-s">{date.format(new Date(concern.raised_at))}</span>
              </td>
              <td className="govuk-table__cell">
                {concern.source === "detected" ? t("safeguarding.source.detected") : t("safeguarding.source.person", { name: concern.raised_by })}
              </td>
              <td className="govuk-table__cell app-excerpt">
                {concern.matches.length > 0 ? (
                  <ul className="govuk-list">
                    {concern.matches.slice(0, 3).map((match, index) => (
                      <li key={index}>
                        <strong>{t(`safeguarding.categories.${match.category}`)}</strong>: <span dir="auto">{match.excerpt}</span>
                      </li>
                    ))}
                  </ul>
                ) : (
                  <span dir="auto">{concern.reason}</span>
                )}
              </td>
              <td className="govuk-table__cell">
                <ConcernStateTag concern={concern} format={(iso) => date.format(new Date(iso))} />
              </td>
            </tr>
          ))}
        </Table>
      )}
    </>
  );
}

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => pageTitle(matches, data?.title);
