import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { Choices } from "~/components/Choices";
import { ErrorSummary } from "~/components/ErrorSummary";
import { BackLink } from "~/components/Layout";
import { getDb } from "~/db.server";
import { helpers } from "../../db/schema";
import { submitDraft } from "~/responses/responses.server";
import { loadSurvey, requireDraft, requireNoExit, requireOpen } from "~/surveys/journey.server";
import { firstIncomplete } from "~/surveys/model";
import { draftRecordings } from "~/spoken/recordings.server";
import { surveyPaths } from "~/surveys/paths";
import { YoungPersonHelp } from "~/surveys/YoungPersonHelp";
import { formFailure, httpError, passThroughHeaders } from "~/utils/http.server";
import { pageTitle } from "~/utils/meta";
import { consume } from "~/utils/rate-limit.server";

export const handle = { i18n: ["common", "survey"] };

/** Bots fill every box; people never see this one. */
export const HONEYPOT_FIELD = "website";
const CONSENT_FIELD = "quote";

const HELPED_FIELD = "helped";

const ConsentSchema = z.object({
  [CONSENT_FIELD]: z.enum(["yes", "no"]),
  [HELPED_FIELD]: z.enum(helpers).optional(),
  [HONEYPOT_FIELD]: z.literal("").optional(),
});

export async function loader({ request, params }: LoaderFunctionArgs) {
  const context = await loadSurvey(request, params);
  requireOpen(context);
  const { t } = context;
  const { draft, survey } = await requireDraft(request, context);
  requireNoExit(survey, draft);
  const spoken = new Set((await draftRecordings(getDb(), draft.id)).keys());
  const incomplete = firstIncomplete(survey.questions, draft.answers, spoken);
  if (incomplete) throw redirect(surveyPaths(survey.slug).question(incomplete.key, true));
  return json({ title: t("consent.title"), audience: survey.audience, backTo: surveyPaths(survey.slug).check });
}

export async function action({ request, params, context: loadContext }: ActionFunctionArgs) {
  const context = await loadSurvey(request, params);
  requireOpen(context);
  const { lang, t } = context;
  const { draft, survey } = await requireDraft(request, context);
  requireNoExit(survey, draft);
  const form = Object.fromEntries(await request.formData());
  if (typeof form[HONEYPOT_FIELD] === "string" && form[HONEYPOT_FIELD] !== "") httpError(t, 400, "badForm");
  const parsed = ConsentSchema.safeParse(form);
  if (!parsed.success) {
    const submitted = typeof form[CONSENT_FIELD] === "string" ? form[CONSENT_FIELD] : "";
    const helped = typeof form[HELPED_FIELD] === "string" ? form[HELPED_FIELD] : "";
    const consentOk = submitted === "yes" || submitted === "no";
    const error = submitted === "" ? t("errors.consentRequired") : t("errors.notOffered");
    return formFailure(loadContext, {
      error: consentOk ? null : error,
      helpedError: consentOk ? t("errors.notOffered") : null,
      submitted,
      helped,
    });
  }

  // The draft itself can be sent once; the address's allowance only stops floods, sized for crowds.
  const wait = await consume("submissions", loadContext.clientAddress);
  if (wait > 0) {
    loadContext.formErrors = true;
    const error = t("common:errors.rateLimited.body", { count: Math.ceil(wait / 60) });
    return json(
      { error, helpedError: null, submitted: parsed.data[CONSENT_FIELD], helped: parsed.data[HELPED_FIELD] ?? "" },
      { status: 429, headers: { "Retry-After": String(wait) } },
    );
  }
  const paths = surveyPaths(survey.slug);
  const helpedBy = survey.audience === "young_person" ? (parsed.data[HELPED_FIELD] ?? null) : null;
  const result = await submitDraft(getDb(), survey, draft.id, { quote: parsed.data[CONSENT_FIELD] === "yes", helpedBy }, lang);
  switch (result.status) {
    case "submitted":
      throw redirect(paths.confirmation, 303);
    case "incomplete":
      throw redirect(paths.question(result.question.key, true), 303);
    case "gone":
      httpError(t, 410, "draftExpired", { linkTo: paths.start });
  }
}

// A 429 tells the browser when to try again.
export { passThroughHeaders as headers };

export default function Consent() {
  const data = useLoaderData<typeof loader>();
  const failure = useActionData<typeof action>();
  const { t } = useTranslation("survey");
  const young = data.audience === "young_person";
  return (
    <>
      <BackLink to={data.backTo} />
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <ErrorSummary
            errors={[
              ...(failure?.error ? [{ field: CONSENT_FIELD, message: failure.error }] : []),
              ...(failure?.helpedError ? [{ field: HELPED_FIELD, message: failure.helpedError }] : []),
            ]}
          />
          <form method="post" noValidate>
            <Choices
              id={CONSENT_FIELD}
              name={CONSENT_FIELD}
              legend={t("consent.title")}
              legendIsHeading
              hint={young ? t("consent.hintYoung") : t("consent.hint")}
              error={failure?.error ?? undefined}
              selected={failure ? [failure.submitted] : []}
              items={[
                { value: "yes", label: t("consent.yes") },
                { value: "no", label: t("consent.no") },
              ]}
            />
            {young ? (
              <Choices
                id={HELPED_FIELD}
                name={HELPED_FIELD}
                legend={t("helped.legend")}
                hint={t("helped.hint")}
                error={failure?.helpedError ?? undefined}
                selected={failure?.helped ? [failure.helped] : []}
                items={helpers.map((value) => ({ value, label: t(`helped.options.${value}`) }))}
              />
            ) : null}
            <div className="app-honeypot" aria-hidden="true">
              <label htmlFor={HONEYPOT_FIELD}>{t("consent.honeypot")}</label>
              <input type="text" id={HONEYPOT_FIELD} name={HONEYPOT_FIELD} tabIndex={-1} autoComplete="off" defaultValue="" />
            </div>
            <h2 className="govuk-heading-m">{t("consent.noteHeading")}</h2>
            <p className="govuk-body">{t("consent.note")}</p>
            <button type="submit" className="govuk-button" data-prevent-double-click="true">
              {t("consent.submit")}
            </button>
          </form>
          {young ? <YoungPersonHelp /> : null}
        </div>
      </div>
    </>
  );
}

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => pageTitle(matches, data?.title);
