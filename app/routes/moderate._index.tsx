import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { htmlLang, intlLocale, supportedLanguages } from "~/i18n/config";
import { z } from "zod";
import { CSRF_FIELD } from "~/accounts/csrf";
import { requireCsrf, requireStaff } from "~/accounts/session.server";
import { ErrorSummary } from "~/components/ErrorSummary";
import { Select } from "~/components/Select";
import { getDb } from "~/db.server";
import { getFixedT, getLocale } from "~/i18n/i18n.server";
import { filtersQuery, readFilters, statuses } from "~/moderation/filters";
import { supportKinds } from "../../db/schema";
import { queueCounts, queuePage, surveyChoices, themeChoices } from "~/moderation/queue.server";
import { ModerationError, tagResponses } from "~/moderation/tags.server";
import { formFailure } from "~/utils/http.server";
import { pageTitle } from "~/utils/meta";
import { Notice } from "~/components/Notice";
import { Table } from "~/components/Table";

export const handle = { i18n: ["common", "staff"] };

const BulkTag = z.object({
  response: z.array(z.coerce.number().int().positive()).min(1, { error: "none" }),
  theme: z.coerce.number({ error: "noTheme" }).int().positive({ error: "noTheme" }),
});

export async function loader({ request }: LoaderFunctionArgs) {
  const session = await requireStaff(request, "moderate");
  const lang = await getLocale(request);
  const t = await getFixedT(request, "staff");
  const url = new URL(request.url);
  const filters = readFilters(url);
  const db = getDb();
  const [page, counts, surveys, themes] = await Promise.all([
    queuePage(db, filters, lang),
    queueCounts(db, filters),
    surveyChoices(db, lang),
    themeChoices(db, lang),
  ]);
  return json({
    title: t("queue.title"),
    csrf: session.csrfToken,
    filters,
    page,
    counts,
    surveys,
    themes,
    query: filtersQuery(filters),
    nextQuery: page.next ? filtersQuery(filters, { after: page.next }) : null,
    firstQuery: filters.after ? filtersQuery(filters, { after: undefined }) : null,
    flagged: url.searchParams.has("flagged"),
  });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const session = await requireStaff(request, "moderate");
  const form = await request.formData();
  await requireCsrf(request, session, form);
  const t = await getFixedT(request, "staff");
  const parsed = BulkTag.safeParse({ response: form.getAll("response"), theme: form.get("theme") });
  if (!parsed.success) {
    const key = parsed.error.issues[0].message === "none" ? "none" : "noTheme";
    return formFailure(context, { error: { field: key === "none" ? "response" : "bulk-theme", message: t(`queue.bulk.${key}`) } });
  }
  try {
    const added = await tagResponses(getDb(), parsed.data.response, parsed.data.theme, session.user.id);
    return json({ done: t("queue.bulk.done", { count: added }) });
  } catch (error) {
    if (error instanceof ModerationError) {
      return formFailure(context, { error: { field: "bulk-theme", message: t(`response.errors.${error.reason}`) } });
    }
    throw error;
  }
}

export default function Queue() {
  const data = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { t, i18n } = useTranslation("staff");
  const error = result && "error" in result ? result.error : null;
  const dateFormat = new Intl.DateTimeFormat(intlLocale(i18n.language), { dateStyle: "medium", timeStyle: "short" });
  const any = { value: "", label: t("queue.any") };
  return (
    <>
      <ErrorSummary errors={error ? [error] : []} />
      <h1 className="govuk-heading-l">{t("queue.title")}</h1>
      {data.flagged ? <Notice>{t("response.flag.done")}</Notice> : null}
      {result && "done" in result ? <Notice>{result.done}</Notice> : null}

      <form method="get" className="app-filters" aria-labelledby="filters-heading">
        <h2 className="govuk-heading-s" id="filters-heading">
          {t("queue.filters")}
        </h2>
        <div className="app-filters__fields">
          <Select
            id="survey"
            name="survey"
            label={t("queue.survey")}
            defaultValue={data.filters.survey}
            options={[any, ...data.surveys.map((s) => ({ value: s.slug, label: s.title }))]}
          />
          <Select
            id="audience"
            name="audience"
            label={t("queue.audience")}
            defaultValue={data.filters.audience}
            options={[any, { value: "parent_carer", label: t("audience.parent_carer") }, { value: "young_person", label: t("audience.young_person") }]}
          />
          <Select
            id="lang"
            name="lang"
            label={t("queue.language")}
            defaultValue={data.filters.lang}
            options={[any, ...supportedLanguages.map((code) => ({ value: code, label: t(`common:languageNames.${code}`) }))]}
          />
          <Select
            id="status"
            name="status"
            label={t("queue.status")}
            defaultValue={data.filters.status}
            options={[any, ...statuses.map((s) => ({ value: s, label: t(`status.${s}`) }))]}
          />
          <Select
            id="theme"
            name="theme"
            label={t("queue.theme")}
            defaultValue={data.filters.theme ? String(data.filters.theme) : ""}
            options={[any, ...data.themes.map((th) => ({ value: String(th.id), label: th.name }))]}
          />
          <Select
            id="support"
            name="support"
            label={t("support.queue.label")}
            defaultValue={data.filters.support}
            options={[
              any,
              { value: "any", label: t("support.queue.any") },
              ...supportKinds.map((kind) => ({ value: kind, label: t(`support.kinds.${kind}`) })),
            ]}
          />
        </div>
        <div className="govuk-checkboxes govuk-checkboxes--small govuk-form-group">
          <div className="govuk-checkboxes__item">
            <input className="govuk-checkboxes__input" id="untagged" name="untagged" type="checkbox" value="1" defaultChecked={data.filters.untagged === "1"} />
            <label className="govuk-label govuk-checkboxes__label" htmlFor="untagged">
              {t("queue.untagged")}
            </label>
          </div>
        </div>
        <div className="govuk-button-group">
          <button type="submit" className="govuk-button govuk-button--secondary">
            {t("queue.apply")}
          </button>
          <Link className="govuk-link" to="/moderate">
            {t("queue.clear")}
          </Link>
        </div>
      </form>

      <p className="govuk-body" role="status">
        {t("queue.counts", data.counts)}
      </p>

      {data.page.rows.length === 0 ? (
        <p className="govuk-body">{t("queue.none")}</p>
      ) : (
        <form method="post">
          <input type="hidden" name={CSRF_FIELD} value={data.csrf} />
          <Table
            caption={t("queue.title")}
            headers={[
              t("queue.table.select"),
              t("queue.table.submitted"),
              t("queue.table.survey"),
              t("queue.table.status"),
              t("queue.table.themes"),
              t("queue.table.excerpt"),
            ]}
            className="app-queue"
            id="response"
          >
            {data.page.rows.map((row) => (
              <tr key={row.id} className="govuk-table__row">
                <td className="govuk-table__cell">
                  <div className="govuk-checkboxes govuk-checkboxes--small">
                    <div className="govuk-checkboxes__item">
                      <input className="govuk-checkboxes__input" id={`response-${row.id}`} name="response" type="checkbox" value={row.id} />
                      <label className="govuk-label govuk-checkboxes__label" htmlFor={`response-${row.id}`}>
                        <span className="govuk-visually-hidden">{t("queue.selectResponse", { reference: row.reference })}</span>
                      </label>
                    </div>
                  </div>
                </td>
                <td className="govuk-table__cell">
                  {/* The visible date starts the link's name (WCAG 2.5.3); the reference follows for screen readers. */}
                  <Link className="govuk-link" to={`/moderate/responses/${row.id}${data.query}`}>
                    {dateFormat.format(new Date(row.submitted_at))}
                    <span className="govuk-visually-hidden"> {t("queue.open", { reference: row.reference })}</span>
                  </Link>
                </td>
                <td className="govuk-table__cell">
                  {row.survey_title}
                  <br />
                  <span className="govuk-body-s">
                    {t(`audience.${row.audience}`)} · {t(`common:languageNames.${row.lang}`, { defaultValue: row.lang })}
                  </span>
                </td>
                <td className="govuk-table__cell">
                  <strong className={`govuk-tag app-status app-status--${row.status}`}>{t(`status.${row.status}`)}</strong>
                </td>
                <td className="govuk-table__cell">{row.tag_count ? t("queue.themes", { count: Number(row.tag_count) }) : t("queue.noThemes")}</td>
                <td className="govuk-table__cell app-excerpt" lang={htmlLang(row.lang)} dir="auto">
                  {row.excerpt}
                </td>
              </tr>
            ))}
          </Table>
          <fieldset className="govuk-fieldset app-bulk">
            <legend className="govuk-fieldset__legend govuk-fieldset__legend--s">{t("queue.bulk.legend")}</legend>
            <Select
              id="bulk-theme"
              name="theme"
              label={t("queue.bulk.theme")}
              options={[{ value: "", label: t("themes.choose") }, ...data.themes.map((th) => ({ value: String(th.id), label: th.name }))]}
              error={error?.field === "bulk-theme" ? error.message : null}
            />
            <button type="submit" className="govuk-button govuk-button--secondary">
              {t("queue.bulk.submit")}
            </button>
          </fieldset>
        </form>
      )}
      <nav className="govuk-pagination" aria-label={t("queue.title")}>
        {data.firstQuery !== null ? (
          <p className="govuk-body">
            <Link className="govuk-link" to={`/moderate${data.firstQuery}`}>
              {t("queue.newest")}
            </Link>
          </p>
        ) : null}
        {data.nextQuery ? (
          <p className="govuk-body">
            <Link className="govuk-link" to={`/moderate${data.nextQuery}`} rel="next">
              {t("queue.older")}
            </Link>
          </p>
        ) : null}
      </nav>
    </>
  );
}

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => pageTitle(matches, data?.title);
