import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { CSRF_FIELD } from "~/accounts/csrf";
import { requireStaff } from "~/accounts/session.server";
import { Choices } from "~/components/Choices";
import { DateInput } from "~/components/DateInput";
import { ErrorSummary } from "~/components/ErrorSummary";
import { Select } from "~/components/Select";
import { getDb } from "~/db.server";
import { exportPage } from "~/exports/page.server";
import { getFixedT, getLocale } from "~/i18n/i18n.server";
import { pageTitle } from "~/utils/meta";

export const handle = { i18n: ["exports", "staff", "common"] };

export async function loader({ request }: LoaderFunctionArgs) {
  const session = await requireStaff(request, "moderate");
  const [lang, t] = await Promise.all([getLocale(request), getFixedT(request, ["exports", "staff", "common"])]);
  const { status, data } = await exportPage({ db: getDb(), lang, t, role: session.user.role, query: new URL(request.url).searchParams });
  return json({ ...data, csrf: session.csrfToken, errorPrefix: t("common:errorPrefix") }, { status });
}

type PageData = ReturnType<typeof useLoaderData<typeof loader>>;

export default function Exports() {
  const data = useLoaderData<typeof loader>();
  const { t } = useTranslation("exports");
  return (
    <>
      <ErrorSummary errors={data.errors} />
      <h1 className="govuk-heading-l">{t("title")}</h1>
      <p className="govuk-body">{t("lead")}</p>
      <p className="govuk-body">{t("english")}</p>
      <div className="govuk-warning-text">
        <span className="govuk-warning-text__icon" aria-hidden="true">
          !
        </span>
        <strong className="govuk-warning-text__text">{t("keepSafe")}</strong>
      </div>
      <ChoiceForm data={data} />
      {data.ready ? <Ready data={data} ready={data.ready} /> : null}
      <Contents />
    </>
  );
}

function ChoiceForm({ data }: { data: PageData }) {
  const { t } = useTranslation("exports");
  const errorFor = (field: string) => data.errors.find((error) => error.field === field)?.message ?? null;
  const values: Record<string, string | undefined> = data.values;
  return (
    <form method="get" action="/moderate/exports" className="app-narrow-form" aria-labelledby="choose-heading" noValidate>
      <h2 className="govuk-heading-m" id="choose-heading">
        {t("form.heading")}
      </h2>
      <Select
        id="survey"
        name="survey"
        label={t("form.survey")}
        defaultValue={values.survey}
        error={errorFor("survey")}
        options={[{ value: "", label: t("form.choose") }, ...data.surveys]}
      />
      <Select
        id="period"
        name="period"
        label={t("form.period")}
        hint={t("form.periodHint")}
        defaultValue={values.period}
        error={errorFor("period")}
        options={[{ value: "", label: t("form.anyPeriod") }, ...data.periods]}
      />
      <DateInput id="from" name="from" legend={t("form.from")} hint={t("form.dateHint")} error={errorFor("from")} values={values} />
      <DateInput id="to" name="to" legend={t("form.to")} hint={t("form.dateHint")} error={errorFor("to")} values={values} />
      <Choices
        id="format"
        name="format"
        legend={t("form.format")}
        error={errorFor("format")}
        selected={[values.format ?? ""]}
        items={[
          { value: "csv", label: t("form.csv"), hint: t("form.csvHint") },
          { value: "xlsx", label: t("form.xlsx"), hint: t("form.xlsxHint") },
        ]}
      />
      {data.canIncludeHeld ? (
        <Choices
          id="held"
          name="held"
          variant="checkboxes"
          legend={t("form.held")}
          selected={[values.held ?? ""]}
          items={[{ value: "1", label: t("form.heldLabel"), hint: t("form.heldHint") }]}
        />
      ) : null}
      <button type="submit" className="govuk-button govuk-button--secondary">
        {t("form.continue")}
      </button>
    </form>
  );
}

/** What the file will hold, and the button that downloads it: a post carrying the CSRF token, as it writes to the audit log. */
function Ready({ data, ready }: { data: PageData; ready: NonNullable<PageData["ready"]> }) {
  const { t } = useTranslation("exports");
  const rows = [
    { key: t("summary.survey"), value: ready.survey },
    { key: t("summary.dates"), value: ready.dates },
    { key: t("summary.format"), value: t(`form.${ready.format}`) },
    ...(data.canIncludeHeld ? [{ key: t("summary.held"), value: t(ready.includeHeld ? "summary.heldIncluded" : "summary.heldLeftOut") }] : []),
    { key: t("summary.count"), value: t("summary.responses", { count: ready.count }) },
  ];
  const values: Record<string, string> = data.values;
  return (
    <section aria-labelledby="ready-heading">
      <h2 className="govuk-heading-m" id="ready-heading">
        {t("summary.heading")}
      </h2>
      <dl className="govuk-summary-list">
        {rows.map((row) => (
          <div key={row.key} className="govuk-summary-list__row">
            <dt className="govuk-summary-list__key">{row.key}</dt>
            <dd className="govuk-summary-list__value">{row.value}</dd>
          </div>
        ))}
      </dl>
      <p className="govuk-body">{t("summary.large")}</p>
      <form method="post" action="/moderate/exports/download">
        <input type="hidden" name={CSRF_FIELD} value={data.csrf} />
        {Object.entries(values).map(([name, value]) => (
          <input key={name} type="hidden" name={name} value={value} />
        ))}
        <button type="submit" className="govuk-button">
          {t(ready.format === "csv" ? "summary.downloadCsv" : "summary.downloadXlsx")}
        </button>
      </form>
    </section>
  );
}

function Contents() {
  const { t } = useTranslation("exports");
  return (
    <section aria-labelledby="contents-heading">
      <h2 className="govuk-heading-m" id="contents-heading">
        {t("contents.heading")}
      </h2>
      {(["intro", "fixed", "questions", "versions", "blank", "formulas"] as const).map((key) => (
        <p key={key} className="govuk-body">
          {t(`contents.${key}`)}
        </p>
      ))}
    </section>
  );
}

/** The title says "Error:" itself: the root cannot know that this loader found problems, as loaders run side by side. */
export const meta: MetaFunction<typeof loader> = ({ data, matches }) => {
  const [title] = pageTitle(matches, data?.title);
  const text = "title" in title ? String(title.title) : "";
  return [{ title: data?.errors.length && !text.startsWith(data.errorPrefix) ? `${data.errorPrefix} ${text}` : text }];
};
