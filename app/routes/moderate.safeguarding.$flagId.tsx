import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { CSRF_FIELD } from "~/accounts/csrf";
import { requireCsrf, requireStaff } from "~/accounts/session.server";
import { ErrorSummary, type FieldError } from "~/components/ErrorSummary";
import { BackLink } from "~/components/Layout";
import { TextArea, TextInput } from "~/components/TextFields";
import { getDb } from "~/db.server";
import { intlLocale } from "~/i18n/config";
import { getFixedT, getLocale } from "~/i18n/i18n.server";
import { answersForReading } from "~/moderation/response.server";
import { flagDetail, recordHandover, unflagResponse } from "~/moderation/safeguarding.server";
import { ModerationError } from "~/moderation/tags.server";
import { formFailure, httpError } from "~/utils/http.server";
import { pageTitle } from "~/utils/meta";
import { Notice } from "~/components/Notice";
import { formValues } from "~/utils/forms";

export const handle = { i18n: ["common", "staff", "survey"] };

const text = (error: string, max = 2000) => z.string().trim().min(1, { error }).max(max, { error });
const HandoverSchema = z.object({
  handedTo: text("handedTo", 300),
  on: z.iso.date({ error: "on" }),
  action: text("action"),
});
const UnflagSchema = z.object({ reason: text("reason") });

async function load(request: Request, flagId: string | undefined) {
  const session = await requireStaff(request, "safeguarding");
  const t = await getFixedT(request, ["staff", "survey", "common"]);
  const lang = await getLocale(request);
  const flag = Number(flagId) > 0 ? await flagDetail(getDb(), Number(flagId)) : undefined;
  if (!flag) httpError(t, 404, "notFound");
  return { session, t, lang, flag };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { session, t, lang, flag } = await load(request, params.flagId);
  const response = await answersForReading(getDb(), flag.response_id, lang, t);
  const reference = response?.reference ?? "";
  return json({ title: t("safeguarding.detail.title", { reference }), csrf: session.csrfToken, flag, response, reference, recorded: new URL(request.url).searchParams.has("recorded") });
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { session, t, flag } = await load(request, params.flagId);
  const form = await request.formData();
  await requireCsrf(request, session, form);
  const values = formValues(form);
  const fail = (issues: z.core.$ZodIssue[]) =>
    formFailure(context, { errors: issues.map((issue): FieldError => ({ field: String(issue.path[0]), message: t(`safeguarding.errors.${issue.message}`) })), values });
  try {
    if (form.get("intent") === "unflag") {
      const parsed = UnflagSchema.safeParse(values);
      if (!parsed.success) return fail(parsed.error.issues);
      await unflagResponse(getDb(), flag.id, parsed.data.reason, session.user.id);
      throw redirect("/moderate/safeguarding", 303);
    }
    const parsed = HandoverSchema.safeParse(values);
    if (!parsed.success) return fail(parsed.error.issues);
    await recordHandover(getDb(), flag.id, { handedTo: parsed.data.handedTo, handedOverOn: parsed.data.on, actionTaken: parsed.data.action }, session.user.id);
  } catch (error) {
    if (error instanceof ModerationError) httpError(t, 404, "notFound");
    throw error;
  }
  throw redirect(`/moderate/safeguarding/${flag.id}?recorded=1`, 303);
}

export default function FlaggedResponse() {
  const data = useLoaderData<typeof loader>();
  const failure = useActionData<typeof action>();
  const { t, i18n } = useTranslation("staff");
  const errors = failure?.errors ?? [];
  const values = failure?.values ?? {};
  const errorFor = (field: string) => errors.find((error) => error.field === field)?.message;
  const date = (iso: string) => new Intl.DateTimeFormat(intlLocale(i18n.language), { dateStyle: "long", timeStyle: "short" }).format(new Date(iso));
  const open = data.flag.resolved_at === null;
  return (
    <>
      <BackLink to="/moderate/safeguarding" />
      <ErrorSummary errors={errors} />
      {data.recorded ? (
        <Notice>{t("safeguarding.detail.recorded")}</Notice>
      ) : null}
      <h1 className="govuk-heading-l">{t("safeguarding.detail.title", { reference: data.reference })}</h1>
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-one-half">
          <h2 className="govuk-heading-m">{t("safeguarding.detail.reason")}</h2>
          <p className="govuk-body app-free-text">{data.flag.reason}</p>
          <p className="govuk-body-s">{t("safeguarding.detail.flaggedBy", { name: data.flag.flagged_by, date: date(data.flag.flagged_at) })}</p>
          <h2 className="govuk-heading-m">{t("response.answers")}</h2>
          <dl className="app-answers">
            {data.response?.answers.map((answer) => (
              <div key={answer.questionId} className="app-answers__row">
                <dt className="app-answers__question">{answer.question}</dt>
                <dd className="app-answers__answer">
                  {answer.text !== null ? (
                    <p className="govuk-body app-free-text" lang={data.response?.lang}>
                      {answer.text}
                    </p>
                  ) : (
                    answer.labels.join(", ")
                  )}
                </dd>
              </div>
            ))}
          </dl>
        </div>
        <div className="govuk-grid-column-one-half">
          <h2 className="govuk-heading-m">{t("safeguarding.detail.handovers")}</h2>
          {data.flag.handovers.length === 0 ? <p className="govuk-body">{t("safeguarding.detail.noHandovers")}</p> : null}
          <ul className="govuk-list">
            {data.flag.handovers.map((handover) => (
              <li key={handover.id} className="app-handover">
                <p className="govuk-body">
                  <strong>{handover.handed_to}</strong> · {handover.handed_over_on}
                </p>
                <p className="govuk-body app-free-text">{handover.action_taken}</p>
                <p className="govuk-body-s">{t("safeguarding.detail.handoverBy", { name: handover.recorded_by, date: date(handover.recorded_at) })}</p>
              </li>
            ))}
          </ul>
          {open ? (
            <>
              <form method="post" noValidate>
                <input type="hidden" name={CSRF_FIELD} value={data.csrf} />
                <fieldset className="govuk-fieldset">
                  <legend className="govuk-fieldset__legend govuk-fieldset__legend--s">{t("safeguarding.detail.record")}</legend>
                  <TextInput id="handedTo" name="handedTo" label={t("safeguarding.detail.handedTo")} hint={t("safeguarding.detail.handedToHint")} error={errorFor("handedTo")} defaultValue={values.handedTo} />
                  <TextInput id="on" name="on" label={t("safeguarding.detail.on")} hint={t("safeguarding.detail.onHint")} error={errorFor("on")} defaultValue={values.on} className="govuk-input--width-10" />
                  <TextArea id="action" name="action" label={t("safeguarding.detail.action")} rows={3} error={errorFor("action")} defaultValue={values.action} />
                </fieldset>
                <button type="submit" name="intent" value="handover" className="govuk-button">
                  {t("safeguarding.detail.submit")}
                </button>
              </form>
              <h2 className="govuk-heading-m">{t("safeguarding.detail.unflag")}</h2>
              <p className="govuk-body">{t("safeguarding.detail.unflagLead")}</p>
              <form method="post" noValidate>
                <input type="hidden" name={CSRF_FIELD} value={data.csrf} />
                <TextArea id="reason" name="reason" label={t("safeguarding.detail.unflagReason")} rows={3} error={errorFor("reason")} defaultValue={values.reason} />
                <button type="submit" name="intent" value="unflag" className="govuk-button govuk-button--secondary">
                  {t("safeguarding.detail.unflagSubmit")}
                </button>
              </form>
            </>
          ) : null}
        </div>
      </div>
    </>
  );
}

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => pageTitle(matches, data?.title);
