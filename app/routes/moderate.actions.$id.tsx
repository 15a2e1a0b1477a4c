import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ActionFields, submittedValues } from "~/actions/ActionFields";
import { actionStatuses, readActionForm, StatusForm, UpdateForm } from "~/actions/action-form";
import { actionDetail, ActionError, addUpdate, applyActionChange, changeStatus, updateAction } from "~/actions/actions.server";
import { actionFormOptions } from "~/actions/options.server";
import { CSRF_FIELD } from "~/accounts/csrf";
import { requireCsrf, requireStaff } from "~/accounts/session.server";
import { Choices } from "~/components/Choices";
import { ErrorSummary, type FieldError } from "~/components/ErrorSummary";
import { BackLink } from "~/components/Layout";
import { TextArea, TextInput } from "~/components/TextFields";
import { getDb } from "~/db.server";
import { intlLocale } from "~/i18n/config";
import { getFixedT, getLocale } from "~/i18n/i18n.server";
import { handlePublicationIntent } from "~/publishing/publication-actions.server";
import { PublicationPanel } from "~/publishing/PublicationPanel";
import { isPublished, publicationOf } from "~/publishing/publishing.server";
import { pendingRevisions, proposeRevision } from "~/publishing/revisions.server";
import { formFailure, httpError } from "~/utils/http.server";
import { pageTitle } from "~/utils/meta";
import { Notice } from "~/components/Notice";

export const handle = { i18n: ["common", "staff"] };

async function load(request: Request, id: string | undefined) {
  const session = await requireStaff(request, "moderate");
  const t = await getFixedT(request, ["staff", "common"]);
  const lang = await getLocale(request);
  const action = Number(id) > 0 ? await actionDetail(getDb(), Number(id), lang) : undefined;
  if (!action) httpError(t, 404, "notFound");
  return { session, t, lang, action };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { session, t, lang, action } = await load(request, params.id);
  return json({
    title: t("actions.detail.title", { title: action.title }),
    csrf: session.csrfToken,
    userId: session.user.id,
    publication: await publicationOf(getDb(), "action", action.id),
    revisions: await pendingRevisions(getDb(), "action", action.id),
    action,
    notice: new URL(request.url).searchParams.get("notice"),
    ...(await actionFormOptions(getDb(), lang)),
  });
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { session, t, action: current } = await load(request, params.id);
  const form = await request.formData();
  await requireCsrf(request, session, form);
  const db = getDb();
  const apply = (kind: string, change: unknown) => applyActionChange(db, current.id, kind, change, session.user.id);
  const published = await handlePublicationIntent(db, form, { entity: "action", id: current.id, url: `/moderate/actions/${current.id}`, apply }, session, t, context);
  if (published) return published;
  const intent = form.get("intent");
  const live = await isPublished(db, "action", current.id);
  // Once public, every change waits for a second person; the public keeps the approved version.
  const propose = async (kind: string, payload: unknown, note: string, correction: boolean) => {
    await proposeRevision(db, "action", current.id, { kind, payload, note, correction }, session.user);
    throw redirect(`/moderate/actions/${current.id}?notice=revisionProposed`, 303);
  };
  const correction = String(form.get("correction") ?? "").trim();
  const fail = (errors: FieldError[]) => formFailure(context, { intent: String(intent), errors, values: submittedValues(form), raw: Object.fromEntries([...form].map(([k, v]) => [k, String(v)])) });
  const issues = (list: { path: PropertyKey[]; message: string }[]) => list.map((issue) => ({ field: String(issue.path[0]), message: t(`actions.errors.${issue.message}`) }));
  try {
    if (intent === "status") {
      const parsed = StatusForm.safeParse(Object.fromEntries(form));
      if (!parsed.success) return fail(issues(parsed.error.issues));
      if (live) await propose("status", parsed.data, t(`actions.statuses.${parsed.data.status}`), false);
      await changeStatus(db, current.id, parsed.data, session.user.id);
    } else if (intent === "update") {
      const parsed = UpdateForm.safeParse(Object.fromEntries(form));
      if (!parsed.success) return fail(issues(parsed.error.issues));
      const update = { body: parsed.data.body, updateOn: parsed.data.update_on };
      if (live) await propose("update", update, parsed.data.update_on, false);
      await addUpdate(db, current.id, update, session.user.id);
    } else if (intent === "details") {
      const parsed = readActionForm(form);
      const errors = parsed.success ? [] : issues(parsed.error.issues);
      // Once public, a change to the details is a correction, shown with a dated note.
      if (live && !correction) errors.push({ field: "correction", message: t("actions.errors.correction") });
      if (!parsed.success || errors.length) return fail(errors);
      if (live) await propose("details", parsed.data, correction.slice(0, 500), true);
      await updateAction(db, current.id, parsed.data, Number(form.get("version")), session.user.id);
    } else {
      httpError(t, 400, "badForm");
    }
  } catch (error) {
    if (!(error instanceof ActionError)) throw error;
    context.formErrors = true;
    return json({ intent: String(intent), errors: [{ field: "status", message: t(`actions.errors.${error.reason}`) }], values: submittedValues(form), raw: {} as Record<string, string> }, { status: error.reason === "changedElsewhere" ? 409 : 400 });
  }
  throw redirect(`/moderate/actions/${current.id}?notice=saved`, 303);
}

export default function ActionPage() {
  const data = useLoaderData<typeof loader>();
  const failure = useActionData<typeof action>();
  const { t, i18n } = useTranslation("staff");
  const { action: item } = data;
  const errors = failure?.errors ?? [];
  const raw = failure?.raw ?? {};
  const errorFor = (field: string) => errors.find((error) => error.field === field)?.message;
  const date = (iso: string) => new Intl.DateTimeFormat(intlLocale(i18n.language), { dateStyle: "medium", timeStyle: "short" }).format(new Date(iso));
  const themeNames = item.themeIds.map((id) => data.themes.find((theme) => theme.id === id)?.name ?? String(id));
  const csrf = <input type="hidden" name={CSRF_FIELD} value={data.csrf} />;
  const version = <input type="hidden" name="version" value={item.version} />;
  return (
    <>
      <BackLink to="/moderate/actions" />
      <ErrorSummary errors={errors} />
      {data.notice ? (
        <Notice>{data.notice === "created" ? t("actions.new.created") : data.notice === "saved" ? t("actions.detail.saved") : t(`publication.done.${data.notice}`)}</Notice>
      ) : null}
      <h1 className="govuk-heading-l">{item.title}</h1>
      <p className="govuk-body">
        <strong className={`govuk-tag app-action-status--${item.status}`}>{t(`actions.statuses.${item.status}`)}</strong>
      </p>
      <p className="govuk-body app-free-text">{item.description}</p>
      <dl className="govuk-summary-list">
        {[
          ["owner", item.owner],
          ["partner", t(`actions.partners.${item.partner}`)],
          ["due", item.due_on],
          ["measure", item.measure],
          ["themes", themeNames.join(", ")],
          ...(item.statusReason ? [["reason", item.statusReason]] : []),
          ...(item.impact ? [["impact", item.impact]] : []),
        ].map(([key, value]) => (
          <div key={key} className="govuk-summary-list__row">
            <dt className="govuk-summary-list__key">{t(`actions.detail.${key}`)}</dt>
            <dd className="govuk-summary-list__value app-free-text">{value}</dd>
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
              selected={[raw.status ?? item.status]}
              items={actionStatuses.map((status) => ({ value: status, label: t(`actions.statuses.${status}`) }))}
            />
            <TextArea id="reason" name="reason" label={t("actions.detail.statusReason")} hint={t("actions.detail.statusReasonHint")} rows={3} error={errorFor("reason")} defaultValue={raw.reason ?? item.statusReason ?? ""} />
            <TextArea id="impact" name="impact" label={t("actions.detail.statusImpact")} hint={t("actions.detail.statusImpactHint")} rows={3} error={errorFor("impact")} defaultValue={raw.impact ?? item.impact ?? ""} />
            <button type="submit" name="intent" value="status" className="govuk-button">
              {t("actions.detail.statusSave")}
            </button>
          </form>

          <h2 className="govuk-heading-m">{t("actions.detail.addUpdate")}</h2>
          <form method="post" noValidate>
            {csrf}
            <TextArea id="body" name="body" label={t("actions.detail.updateBody")} rows={3} error={errorFor("body")} defaultValue={raw.body} />
            <TextInput id="update_on" name="update_on" label={t("actions.detail.updateOn")} hint={t("actions.detail.updateOnHint")} error={errorFor("update_on")} defaultValue={raw.update_on} className="govuk-input--width-10" />
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
                  <strong>{update.update_on}</strong> · {update.name}
                </p>
                <p className="govuk-body app-free-text">{update.body}</p>
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

      <PublicationPanel publication={data.publication} revisions={data.revisions} csrf={data.csrf} userId={data.userId} withdrawError={errors.find((e) => e.field === "withdrawReason")?.message} />

      <h2 className="govuk-heading-m">{t("actions.detail.edit")}</h2>
      <form method="post" noValidate className="app-narrow-form">
        {csrf}
        {version}
        <ActionFields
          values={
            failure?.intent === "details" && failure.values
              ? failure.values
              : {
                  title: item.english?.title,
                  description: item.english?.description,
                  owner: item.owner,
                  partner: item.partner,
                  due_on: item.due_on,
                  measure: item.english?.measure,
                  period: item.period_id ? String(item.period_id) : "",
                  theme: item.themeIds.map(String),
                  survey: item.surveyIds.map(String),
                }
          }
          errors={failure?.intent === "details" ? errors : []}
          themes={data.themes}
          surveys={data.surveys}
          periods={data.periods}
        />
        {data.publication.state === "published" ? (
          <TextArea id="correction" name="correction" label={t("actions.form.correction")} hint={t("actions.form.correctionHint")} rows={2} error={errorFor("correction")} defaultValue={raw.correction} />
        ) : null}
        <button type="submit" name="intent" value="details" className="govuk-button govuk-button--secondary">
          {t("actions.form.save")}
        </button>
      </form>
    </>
  );
}

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => pageTitle(matches, data?.title);
