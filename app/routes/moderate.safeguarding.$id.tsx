import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { CSRF_FIELD } from "~/accounts/csrf";
import { requireStaff } from "~/accounts/session.server";
import { ErrorSummary } from "~/components/ErrorSummary";
import { BackLink } from "~/components/Layout";
import { Notice } from "~/components/Notice";
import { DateInput } from "~/components/DateInput";
import { TextArea, TextInput } from "~/components/TextFields";
import { readDateInput } from "~/utils/date-input";
import { getDb } from "~/db.server";
import { intlLocale } from "~/i18n/config";
import { getFixedT, getLocale } from "~/i18n/i18n.server";
import { answersForReading } from "~/moderation/response.server";
import { closeConcern, ConcernError, concernDetail, decideNotConcern, recordHandover, recordView, startLooking } from "~/safeguarding/concerns.server";
import { ConcernStateTag, Waited } from "~/safeguarding/ConcernParts";
import { isOverdue } from "~/safeguarding/overdue";
import { overdueWorkingDays } from "~/settings.server";
import { fieldErrors } from "~/utils/forms";
import { formFailure, httpError } from "~/utils/http.server";
import { pageTitle } from "~/utils/meta";
import { parseStaffForm, readStaffForm, type StaffFormFailure } from "~/utils/staff-form.server";

export const handle = { i18n: ["common", "staff", "survey"] };

const text = (error: string, max = 2000) => z.string().trim().min(1, { error }).max(max, { error });
const HandoverSchema = z.object({ handedTo: text("handedTo", 300), on: z.iso.date({ error: "on" }), action: text("action") });
const NotConcernSchema = z.object({ reason: text("reason") });
const CloseSchema = z.object({ outcome: text("outcome") });

const concernId = (id: string | undefined) => (/^[1-9][0-9]{0,9}$/.test(id ?? "") ? Number(id) : 0);

export async function loader({ request, params }: LoaderFunctionArgs) {
  const session = await requireStaff(request, "safeguarding");
  const t = await getFixedT(request, ["staff", "survey", "common"]);
  const db = getDb();
  const concern = await concernDetail(db, concernId(params.id));
  if (!concern) httpError(t, 404, "notFound");
  const response = await answersForReading(db, concern.response_id, await getLocale(request), t);
  await recordView(db, concern.id, concern.response_id, session.user.id);
  const now = new Date();
  const url = new URL(request.url);
  return json({
    title: t("safeguarding.detail.title", { reference: response?.reference ?? "" }),
    csrf: session.csrfToken,
    concern,
    response,
    mine: concern.looking_by_id === session.user.id,
    overdue: isOverdue(concern.state, concern.raised_at, await overdueWorkingDays(db), now),
    now: now.toISOString(),
    done: url.searchParams.get("done"),
  });
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const staff = await readStaffForm(request, "safeguarding", ["staff", "survey", "common"]);
  const { session, t, intent } = staff;
  const db = getDb();
  const id = concernId(params.id);
  const userId = session.user.id;
  try {
    if (intent === "looking") {
      await startLooking(db, id, userId);
    } else if (intent === "handover") {
      // The GOV.UK date input: day, month and year boxes, with its own messages beside every other field's.
      const on = readDateInput(staff.values, "on");
      const parsed = HandoverSchema.safeParse({ ...staff.values, on: "day" in on ? (on.day ?? "") : "" });
      const errors = (parsed.success ? [] : fieldErrors(parsed.error.issues, t, "safeguarding.errors")).map((error) =>
        error.field === "on" && "problem" in on
          ? { field: "on", message: t(`common:dateInput.errors.${on.problem}`, { label: t("safeguarding.detail.onDate") }) }
          : error,
      );
      if (!parsed.success) return formFailure(context, { errors, values: staff.values });
      const data = parsed.data;
      await recordHandover(db, id, { handedTo: data.handedTo, handedOverOn: data.on, actionTaken: data.action }, userId);
    } else if (intent === "not_concern") {
      const { data, failure } = parseStaffForm(context, staff, NotConcernSchema, "safeguarding.errors");
      if (failure) return failure;
      await decideNotConcern(db, id, data.reason, userId);
      throw redirect("/moderate/safeguarding", 303);
    } else if (intent === "close") {
      const { data, failure } = parseStaffForm(context, staff, CloseSchema, "safeguarding.errors");
      if (failure) return failure;
      await closeConcern(db, id, data.outcome, userId);
    } else {
      httpError(t, 400, "badForm");
    }
  } catch (error) {
    if (!(error instanceof ConcernError)) throw error;
    if (error.reason === "notFound") httpError(t, 404, "notFound");
    context.formErrors = true;
    return json<StaffFormFailure>({ errors: [{ field: "state", message: t("safeguarding.errors.closed") }], values: staff.values }, { status: 409 });
  }
  throw redirect(`/moderate/safeguarding/${id}?done=${intent}`, 303);
}

export default function Concern() {
  const data = useLoaderData<typeof loader>();
  const failure = useActionData<typeof action>();
  const { t, i18n } = useTranslation("staff");
  const errors = failure?.errors ?? [];
  const values = failure?.values ?? {};
  const errorFor = (field: string) => errors.find((error) => error.field === field)?.message;
  const format = (iso: string) => new Intl.DateTimeFormat(intlLocale(i18n.language), { dateStyle: "long", timeStyle: "short" }).format(new Date(iso));
  const { concern, response } = data;
  const undecided = concern.state === "new" || concern.state === "looking";
  return (
    <>
      <BackLink to="/moderate/safeguarding" />
      <ErrorSummary errors={errors.filter((error) => error.field !== "state")} />
      {errors.some((error) => error.field === "state") ? <Notice>{errorFor("state")}</Notice> : null}
      {data.done && data.done !== "not_concern" ? (
        <Notice>
          {t(
            data.done === "handover"
              ? "safeguarding.detail.recorded"
              : data.done === "close"
                ? "safeguarding.detail.closed"
                : "safeguarding.detail.lookingDone",
          )}
        </Notice>
      ) : null}
      <h1 className="govuk-heading-l">{data.title}</h1>
      <dl className="govuk-summary-list" id="state">
        <div className="govuk-summary-list__row">
          <dt className="govuk-summary-list__key">{t("safeguarding.detail.state")}</dt>
          <dd className="govuk-summary-list__value">
            <ConcernStateTag
              concern={{ ...concern, handed_to: concern.handovers.at(-1)?.handed_to ?? null, handed_over_at: concern.handovers.at(-1)?.recorded_at ?? null }}
              format={format}
            />
          </dd>
        </div>
        <div className="govuk-summary-list__row">
          <dt className="govuk-summary-list__key">{t("safeguarding.detail.raised")}</dt>
          <dd className="govuk-summary-list__value">
            {format(concern.raised_at)}
            <br />
            <Waited since={concern.raised_at} now={data.now} overdue={data.overdue} />
          </dd>
        </div>
        <div className="govuk-summary-list__row">
          <dt className="govuk-summary-list__key">{t("safeguarding.detail.found")}</dt>
          <dd className="govuk-summary-list__value">
            {concern.source === "detected" ? t("safeguarding.source.detected") : t("safeguarding.source.person", { name: concern.raised_by })}
          </dd>
        </div>
        {concern.matches.length > 0 ? (
          <div className="govuk-summary-list__row">
            <dt className="govuk-summary-list__key">{t("safeguarding.detail.matches")}</dt>
            <dd className="govuk-summary-list__value">
              <ul className="govuk-list">
                {concern.matches.map((match, index) => (
                  <li key={index}>
                    <strong>{t(`safeguarding.categories.${match.category}`)}</strong>: <span dir="auto">{match.excerpt}</span>
                  </li>
                ))}
              </ul>
            </dd>
          </div>
        ) : null}
        {concern.reason ? (
          <div className="govuk-summary-list__row">
            <dt className="govuk-summary-list__key">{t("safeguarding.detail.reason")}</dt>
            <dd className="govuk-summary-list__value app-free-text">{concern.reason}</dd>
          </div>
        ) : null}
        {concern.decision && concern.decided_at ? (
          <div className="govuk-summary-list__row">
            <dt className="govuk-summary-list__key">{t("safeguarding.detail.outcomeLabel")}</dt>
            <dd className="govuk-summary-list__value">
              {t(`safeguarding.detail.decision.${concern.decision}`)}{" "}
              {t("safeguarding.detail.decidedBy", { name: concern.decided_by, date: format(concern.decided_at) })}
              {concern.outcome ? <p className="govuk-body app-free-text">{concern.outcome}</p> : null}
            </dd>
          </div>
        ) : null}
      </dl>
      <p className="govuk-body-s">{t("safeguarding.detail.viewed")}</p>

      <h2 className="govuk-heading-m">{t("safeguarding.detail.answers")}</h2>
      <dl className="app-answers">
        {response?.answers.map((answer) => (
          <div key={answer.questionId} className="app-answers__row">
            <dt className="app-answers__question">{answer.question}</dt>
            <dd className="app-answers__answer">
              {answer.text !== null ? (
                <p className="govuk-body app-free-text" lang={response.lang} dir="auto">
                  {answer.text}
                </p>
              ) : (
                answer.labels.join(", ")
              )}
            </dd>
          </div>
        ))}
      </dl>

      <h2 className="govuk-heading-m">{t("safeguarding.detail.handovers")}</h2>
      {concern.handovers.length === 0 ? <p className="govuk-body">{t("safeguarding.detail.noHandovers")}</p> : null}
      <ul className="govuk-list">
        {concern.handovers.map((handover) => (
          <li key={handover.id} className="app-handover">
            <p className="govuk-body">
              <strong>{handover.handed_to}</strong> · {handover.handed_over_on}
            </p>
            <p className="govuk-body app-free-text">{handover.action_taken}</p>
            <p className="govuk-body-s">{t("safeguarding.detail.handoverBy", { name: handover.recorded_by, date: format(handover.recorded_at) })}</p>
          </li>
        ))}
      </ul>

      {undecided && !data.mine ? (
        <form method="post">
          <input type="hidden" name={CSRF_FIELD} value={data.csrf} />
          <p className="govuk-body">{t("safeguarding.detail.lookingLead")}</p>
          <button type="submit" name="intent" value="looking" className="govuk-button govuk-button--secondary">
            {t("safeguarding.detail.looking")}
          </button>
        </form>
      ) : null}

      {concern.state !== "closed" ? (
        <form method="post" noValidate>
          <input type="hidden" name={CSRF_FIELD} value={data.csrf} />
          <fieldset className="govuk-fieldset">
            <legend className="govuk-fieldset__legend govuk-fieldset__legend--m">
              <h2 className="govuk-fieldset__heading">{t("safeguarding.detail.concern")}</h2>
            </legend>
            <p className="govuk-body">{t("safeguarding.detail.concernLead")}</p>
            <TextInput
              id="handedTo"
              name="handedTo"
              label={t("safeguarding.detail.handedTo")}
              hint={t("safeguarding.detail.handedToHint")}
              error={errorFor("handedTo")}
              defaultValue={values.handedTo}
            />
            <DateInput id="on" name="on" legend={t("safeguarding.detail.on")} hint={t("safeguarding.detail.onHint")} error={errorFor("on")} values={values} />
            <TextArea id="action" name="action" label={t("safeguarding.detail.action")} rows={3} error={errorFor("action")} defaultValue={values.action} />
          </fieldset>
          <button type="submit" name="intent" value="handover" className="govuk-button">
            {t("safeguarding.detail.submit")}
          </button>
        </form>
      ) : null}

      {concern.state === "handed_over" ? (
        <form method="post" noValidate>
          <input type="hidden" name={CSRF_FIELD} value={data.csrf} />
          <h2 className="govuk-heading-m">{t("safeguarding.detail.close")}</h2>
          <p className="govuk-body">{t("safeguarding.detail.closeLead")}</p>
          <TextArea id="outcome" name="outcome" label={t("safeguarding.detail.outcome")} rows={3} error={errorFor("outcome")} defaultValue={values.outcome} />
          <button type="submit" name="intent" value="close" className="govuk-button govuk-button--secondary">
            {t("safeguarding.detail.closeSubmit")}
          </button>
        </form>
      ) : null}

      {undecided ? (
        <form method="post" noValidate>
          <input type="hidden" name={CSRF_FIELD} value={data.csrf} />
          <h2 className="govuk-heading-m">{t("safeguarding.detail.notConcern")}</h2>
          <p className="govuk-body">{t("safeguarding.detail.notConcernLead")}</p>
          <TextArea
            id="reason"
            name="reason"
            label={t("safeguarding.detail.notConcernReason")}
            rows={3}
            error={errorFor("reason")}
            defaultValue={values.reason}
          />
          <button type="submit" name="intent" value="not_concern" className="govuk-button govuk-button--warning">
            {t("safeguarding.detail.notConcernSubmit")}
          </button>
        </form>
      ) : null}
    </>
  );
}

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => pageTitle(matches, data?.title);
