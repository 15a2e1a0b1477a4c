import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ActionFields } from "~/actions/ActionFields";
import { actionStatuses } from "~/actions/action-form";
import { actionPageData, actionPagePost } from "~/actions/action-page.server";
import { CSRF_FIELD } from "~/accounts/csrf";
import { Choices } from "~/components/Choices";
import { DateInput } from "~/components/DateInput";
import { ErrorSummary } from "~/components/ErrorSummary";
import { BackLink } from "~/components/Layout";
import { Notice } from "~/components/Notice";
import { TextArea } from "~/components/TextFields";
import { htmlLang, intlLocale } from "~/i18n/config";
import { PublicationPanel } from "~/publishing/PublicationPanel";
import { TranslationsPanel } from "~/translations/TranslationParts";
import { dayInWords } from "~/utils/date-input";
import { pageTitle } from "~/utils/meta";

export const handle = { i18n: ["common", "staff"] };

export async function loader({ request, params }: LoaderFunctionArgs) {
  return json(await actionPageData(request, params.id));
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  return actionPagePost(request, params.id, context);
}

export default function ActionPage() {
  const data = useLoaderData<typeof loader>();
  const failure = useActionData<typeof action>();
  const { t, i18n } = useTranslation("staff");
  const { action: item } = data;
  const errors = failure?.errors ?? [];
  // What was typed in the form that failed; the other forms show what is stored.
  const typed = (intent: string) => (failure?.values.intent === intent ? failure.values : null);
  const errorFor = (field: string) => errors.find((error) => error.field === field)?.message;
  const locale = intlLocale(i18n.language);
  const date = (iso: string) => new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeStyle: "short" }).format(new Date(iso));
  // Staff write actions in English: marked as such when the staff pages are in another language.
  const english = htmlLang(i18n.language) === "en" ? undefined : "en";
  const themeNames = item.themeIds.map((id) => data.themes.find((theme) => theme.id === id)?.name ?? String(id));
  const csrf = <input type="hidden" name={CSRF_FIELD} value={data.csrf} />;
  const version = <input type="hidden" name="version" value={item.version} />;
  const status = typed("status");
  const details = typed("details");
  const facts: [string, string, string | undefined][] = [
    ["owner", item.owner, english],
    ["partner", t(`actions.partners.${item.partner}`), undefined],
    ["due", dayInWords(item.due_on, locale), undefined],
    ["measure", item.measure, english],
    ["themes", themeNames.join(", "), undefined],
    ...(item.statusReason ? [["reason", item.statusReason, english] as [string, string, string | undefined]] : []),
    ...(item.impact ? [["impact", item.impact, english] as [string, string, string | undefined]] : []),
  ];
  return (
    <>
      <BackLink to="/moderate/actions" />
      <ErrorSummary errors={errors} />
      {data.notice ? (
        <Notice>
          {data.notice === "created" ? t("actions.new.created") : data.notice === "saved" ? t("actions.detail.saved") : t(`publication.done.${data.notice}`)}
        </Notice>
      ) : null}
      <h1 className="govuk-heading-l" lang={english}>
        {item.title}
      </h1>
      <p className="govuk-body">
        <strong className={`govuk-tag app-action-status--${item.status}`}>{t(`actions.statuses.${item.status}`)}</strong>
      </p>
      <p className="govuk-body app-free-text" lang={english}>
        {item.description}
      </p>
      <dl className="govuk-summary-list">
        {facts.map(([key, value, lang]) => (
          <div key={key} className="govuk-summary-list__row">
            <dt className="govuk-summary-list__key">{t(`actions.detail.${key}`)}</dt>
            <dd className="govuk-summary-list__value app-free-text" lang={lang}>
              {value}
            </dd>
          </div>
        ))}
      </dl>

      <div className="govuk-grid-row">
        <div className="govuk-grid-column-one-half">
          <h2 className="govuk-heading-m">{t("actions.detail.changeStatus")}</h2>
          <form method="post" noValidate>
            {csrf}
            {version}
            <Choices
              id="status"
              name="status"
              legend={t("actions.detail.status")}
              error={errorFor("status")}
              selected={[status?.status ?? item.status]}
              items={actionStatuses.map((value) => ({ value, label: t(`actions.statuses.${value}`) }))}
            />
            <TextArea
              id="reason"
              name="reason"
              label={t("actions.detail.statusReason")}
              hint={t("actions.detail.statusReasonHint")}
              rows={3}
              error={errorFor("reason")}
              defaultValue={status?.reason ?? item.statusReason ?? ""}
            />
            <TextArea
              id="impact"
              name="impact"
              label={t("actions.detail.statusImpact")}
              hint={t("actions.detail.statusImpactHint")}
              rows={3}
              error={errorFor("impact")}
              defaultValue={status?.impact ?? item.impact ?? ""}
            />
            <button type="submit" name="intent" value="status" className="govuk-button">
              {t("actions.detail.statusSave")}
            </button>
          </form>

          <h2 className="govuk-heading-m">{t("actions.detail.addUpdate")}</h2>
          <form method="post" noValidate>
            {csrf}
            <TextArea id="body" name="body" label={t("actions.detail.updateBody")} rows={3} error={errorFor("body")} defaultValue={typed("update")?.body} />
            <DateInput
              id="update_on"
              name="update_on"
              legend={t("actions.detail.updateOn")}
              hint={t("actions.detail.updateOnHint")}
              error={errorFor("update_on")}
              values={typed("update") ?? {}}
            />
            <button type="submit" name="intent" value="update" className="govuk-button govuk-button--secondary">
              {t("actions.detail.updateSave")}
            </button>
          </form>
        </div>
        <div className="govuk-grid-column-one-half">
          <h2 className="govuk-heading-m">{t("actions.detail.updates")}</h2>
          {item.updates.length === 0 ? <p className="govuk-body">{t("actions.detail.noUpdates")}</p> : null}
          <ul className="govuk-list">
            {item.updates.map((update) => (
              <li key={update.id}>
                <p className="govuk-body-s">
                  <strong>{dayInWords(update.update_on, locale)}</strong> · {update.name}
                </p>
                <p className="govuk-body app-free-text" lang={htmlLang(update.lang) === htmlLang(i18n.language) ? undefined : htmlLang(update.lang)}>
                  {update.body}
                </p>
              </li>
            ))}
          </ul>
          <h2 className="govuk-heading-m">{t("actions.detail.history")}</h2>
          <ul className="govuk-list">
            {item.history.map((row) => (
              <li key={row.id}>
                {t("actions.detail.historyRow", {
                  from: row.from_status ? t(`actions.statuses.${row.from_status}`) : t("actions.detail.created"),
                  to: t(`actions.statuses.${row.to_status}`),
                  name: row.name,
                  date: date(row.changed_at),
                })}
              </li>
            ))}
          </ul>
        </div>
      </div>

      <PublicationPanel
        publication={data.publication}
        revisions={data.revisions}
        csrf={data.csrf}
        userId={data.userId}
        withdrawError={errorFor("withdrawReason")}
      />

      <TranslationsPanel
        progress={data.translations.progress}
        waiting={data.translations.waiting}
        translateUrl={(lang) => `/moderate/actions/${item.id}/translate/${lang}`}
      />

      <h2 className="govuk-heading-m">{t("actions.detail.edit")}</h2>
      <form method="post" noValidate className="app-narrow-form">
        {csrf}
        {version}
        <ActionFields
          values={
            details ?? {
              title: item.title,
              description: item.description,
              owner: item.owner,
              partner: item.partner,
              due_on: item.due_on,
              measure: item.measure,
              period: item.period_id ? String(item.period_id) : "",
              theme: item.themeIds.join(","),
              survey: item.surveyIds.join(","),
            }
          }
          errors={details ? errors : []}
          themes={data.themes}
          surveys={data.surveys}
          periods={data.periods}
        />
        {data.publication.state === "published" ? (
          <TextArea
            id="correction"
            name="correction"
            label={t("actions.form.correction")}
            hint={t("actions.form.correctionHint")}
            rows={2}
            error={errorFor("correction")}
            defaultValue={details?.correction}
          />
        ) : null}
        <button type="submit" name="intent" value="details" className="govuk-button govuk-button--secondary">
          {t("actions.form.save")}
        </button>
      </form>
    </>
  );
}

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => pageTitle(matches, data?.title);
