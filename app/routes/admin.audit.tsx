import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { intlLocale } from "~/i18n/config";
import { z } from "zod";
import { requireStaff } from "~/accounts/session.server";
import { Select } from "~/components/Select";
import { DateInput } from "~/components/DateInput";
import { Table } from "~/components/Table";
import { getDb } from "~/db.server";
import { getFixedT } from "~/i18n/i18n.server";
import { readDateInput } from "~/utils/date-input";
import { pageTitle } from "~/utils/meta";

export const handle = { i18n: ["common", "staff"] };

const PAGE = 50;
const blank = (value: unknown) => (value === "" ? undefined : value);
const AuditFilters = z.object({
  action: z
    .preprocess(
      blank,
      z
        .string()
        .regex(/^[a-z_.]+$/)
        .optional(),
    )
    .catch(undefined),
  user: z.preprocess(blank, z.coerce.number().int().positive().optional()).catch(undefined),
  before: z.preprocess(blank, z.coerce.number().int().positive().optional()).catch(undefined),
});

export async function loader({ request }: LoaderFunctionArgs) {
  await requireStaff(request, "admin");
  const t = await getFixedT(request, "staff");
  const url = new URL(request.url);
  const params = Object.fromEntries(url.searchParams);
  // Dates come as GOV.UK date inputs (day, month and year boxes); one that is not a date filters nothing and says why.
  const dates = { from: readDateInput(params, "from"), to: readDateInput(params, "to") };
  const dateErrors = Object.fromEntries(
    Object.entries(dates).flatMap(([field, read]) =>
      "problem" in read ? [[field, t(`common:dateInput.errors.${read.problem}`, { label: t(`audit.${field}`) })]] : [],
    ),
  );
  const filters = {
    ...AuditFilters.parse(params),
    from: "day" in dates.from ? (dates.from.day ?? undefined) : undefined,
    to: "day" in dates.to ? (dates.to.day ?? undefined) : undefined,
  };
  const db = getDb();
  let query = db
    .selectFrom("audit_log as a")
    .leftJoin("users as u", "u.id", "a.user_id")
    .select(["a.id", "a.at", "a.action", "a.entity", "a.entity_id", "a.before", "a.after", "u.name"]);
  if (filters.action) query = query.where("a.action", "=", filters.action);
  if (filters.user) query = query.where("a.user_id", "=", filters.user);
  if (filters.from) query = query.where("a.at", ">=", filters.from);
  if (filters.to) query = query.where("a.at", "<", new Date(new Date(filters.to).getTime() + 86_400_000).toISOString());
  if (filters.before) query = query.where("a.id", "<", filters.before);
  const rows = await query
    .orderBy("a.id", "desc")
    .limit(PAGE + 1)
    .execute();
  const [actions, users] = await Promise.all([
    db.selectFrom("audit_log").select("action").distinct().orderBy("action").execute(),
    db.selectFrom("users").select(["id", "name"]).orderBy("name").execute(),
  ]);
  // Failed sign-ins are one row per account and hour; their count and addresses are kept beside the log.
  const page = rows.slice(0, PAGE);
  const failures = page.flatMap((row) => (row.action === "sign_in.failures" && row.after ? [JSON.parse(row.after) as { account: string; hour: string }] : []));
  const counts = failures.length
    ? await db
        .selectFrom("sign_in_failures")
        .select(["account", "hour", "failures", "addresses"])
        .where(
          "account",
          "in",
          failures.map((f) => f.account),
        )
        .where(
          "hour",
          "in",
          failures.map((f) => f.hour),
        )
        .execute()
    : [];
  const entries = page.map((row) => {
    if (row.action !== "sign_in.failures" || !row.after) return row;
    const { account, hour } = JSON.parse(row.after) as { account: string; hour: string };
    const counted = counts.find((count) => count.account === account && count.hour === hour);
    return counted
      ? { ...row, after: JSON.stringify({ account, hour, failures: counted.failures, addresses: JSON.parse(counted.addresses) as string[] }) }
      : row;
  });
  const next = new URLSearchParams(url.searchParams);
  if (rows.length > PAGE) next.set("before", String(rows[PAGE - 1].id));
  return json({
    title: t("audit.title"),
    filters,
    dates: params,
    dateErrors: dateErrors as Record<string, string>,
    entries,
    actions: actions.map((row) => row.action),
    users,
    olderQuery: rows.length > PAGE ? `?${next}` : null,
  });
}

export default function AuditLog() {
  const data = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation("staff");
  const date = new Intl.DateTimeFormat(intlLocale(i18n.language), { dateStyle: "medium", timeStyle: "medium" });
  const any = { value: "", label: t("audit.any") };
  return (
    <>
      <h1 className="govuk-heading-l">{t("audit.title")}</h1>
      <p className="govuk-body">{t("audit.lead")}</p>
      <form method="get" className="app-filters">
        <div className="app-filters__fields">
          <Select
            id="action"
            name="action"
            label={t("audit.action")}
            defaultValue={data.filters.action}
            options={[any, ...data.actions.map((a) => ({ value: a, label: a }))]}
          />
          <Select
            id="user"
            name="user"
            label={t("audit.user")}
            defaultValue={data.filters.user ? String(data.filters.user) : ""}
            options={[any, ...data.users.map((u) => ({ value: String(u.id), label: u.name }))]}
          />
          <DateInput id="from" name="from" legend={t("audit.from")} values={data.dates} error={data.dateErrors.from} />
          <DateInput id="to" name="to" legend={t("audit.to")} values={data.dates} error={data.dateErrors.to} />
        </div>
        <button type="submit" className="govuk-button govuk-button--secondary">
          {t("audit.apply")}
        </button>
      </form>
      {data.entries.length === 0 ? <p className="govuk-body">{t("audit.none")}</p> : null}
      <Table
        caption={t("audit.title")}
        headers={(["at", "who", "action", "entity", "before", "after"] as const).map((column) => t(`audit.table.${column}`))}
        className="app-audit"
      >
        {data.entries.map((entry) => (
          <tr key={entry.id} className="govuk-table__row">
            <td className="govuk-table__cell">{date.format(new Date(entry.at))}</td>
            <td className="govuk-table__cell">{entry.name ?? t("audit.system")}</td>
            <td className="govuk-table__cell">
              <code>{entry.action}</code>
            </td>
            <td className="govuk-table__cell">
              {entry.entity}
              {entry.entity_id ? ` ${entry.entity_id}` : ""}
            </td>
            <td className="govuk-table__cell app-break-anywhere">
              <code>{entry.before}</code>
            </td>
            <td className="govuk-table__cell app-break-anywhere">
              <code>{entry.after}</code>
            </td>
          </tr>
        ))}
      </Table>
      {data.olderQuery ? (
        <p className="govuk-body">
          <Link className="govuk-link" to={`/admin/audit${data.olderQuery}`} rel="next">
            {t("audit.older")}
          </Link>
        </p>
      ) : null}
    </>
  );
}

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => pageTitle(matches, data?.title);
