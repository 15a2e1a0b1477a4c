import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ErrorSummary } from "~/components/ErrorSummary";
import { TwoThirds } from "~/components/Layout";
import { getDb } from "~/db.server";
import { loadSurvey, requireSentDraft, type SurveyContext } from "~/surveys/journey.server";
import { surveyPaths } from "~/surveys/paths";
import { SubscribeForm, subscribe, updatesOffer } from "~/updates/contacts.server";
import { isOwnAddress, supportedDraft } from "~/updates/supporter-guard.server";
import { UpdatesForm } from "~/updates/UpdatesForm";
import { fieldErrors, formValues } from "~/utils/forms";
import { formFailure, httpError } from "~/utils/http.server";
import { pageTitle } from "~/utils/meta";

export const handle = { i18n: ["common", "survey"] };

/** Only the person who sent the response, with its draft's cookie, and only where updates are offered. */
async function requireSentResponse(request: Request, context: SurveyContext) {
  const draft = await requireSentDraft(request, context);
  const offer = await updatesOffer(getDb());
  if (!offer) httpError(context.t, 404, "notFound");
  return { responseId: draft.responseId, offer, ...(await supportedDraft(getDb(), request, draft.id)) };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const context = await loadSurvey(request, params);
  const { offer, supported } = await requireSentResponse(request, context);
  const saved = new URL(request.url).searchParams.has("saved");
  const title = context.t(saved ? "updates.savedTitle" : "updates.heading");
  return json({ title, offer, supported, saved, confirmation: surveyPaths(context.survey.slug).confirmation });
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const survey = await loadSurvey(request, params);
  const { responseId, offer, ownEmail } = await requireSentResponse(request, survey);
  const values = formValues(await request.formData());
  // Where texts are not set up there is no phone field: a number posted anyway is not used.
  const parsed = SubscribeForm.safeParse(offer.text ? values : { ...values, phone: "" });
  if (!parsed.success) {
    // Without the phone field, "enter an email address or a mobile number" would ask for what is not there.
    const issues = parsed.error.issues.map((issue) => (issue.message === "none" && !offer.text ? { ...issue, message: "noneEmail" } : issue));
    return formFailure(context, { errors: fieldErrors(issues, survey.t, "updates.errors"), values });
  }
  // A supporter's own address would send the person's updates to the supporter.
  if (isOwnAddress(parsed.data.email, ownEmail))
    return formFailure(context, { errors: [{ field: "email", message: survey.t("updates.errors.supporterEmail") }], values });
  await subscribe(getDb(), responseId, parsed.data, survey.lang);
  throw redirect(`/surveys/${survey.survey.slug}/updates?saved=1`, 303);
}

export default function Updates() {
  const data = useLoaderData<typeof loader>();
  const failure = useActionData<typeof action>();
  const { t } = useTranslation("survey");
  if (data.saved) {
    return (
      <TwoThirds>
        <div className="govuk-panel govuk-panel--confirmation">
          <h1 className="govuk-panel__title">{t("updates.savedTitle")}</h1>
        </div>
        <p className="govuk-body">{t("updates.savedBody")}</p>
        <p className="govuk-body">
          <Link className="govuk-link" to={data.confirmation}>
            {t("updates.back")}
          </Link>
        </p>
      </TwoThirds>
    );
  }
  return (
    <TwoThirds>
      <ErrorSummary errors={failure?.errors ?? []} />
      <UpdatesForm action="" offer={data.offer} supported={data.supported} errors={failure?.errors} values={failure?.values} headingLevel={1} />
    </TwoThirds>
  );
}

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => pageTitle(matches, data?.title);
