import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { TwoThirds } from "~/components/Layout";
import { getDb } from "~/db.server";
import { formatCode } from "~/surveys/codes";
import { loadSurvey, requireSentDraft } from "~/surveys/journey.server";
import { surveyPaths } from "~/surveys/paths";
import { GetHelpNow } from "~/components/GetHelpNow";
import { overdueWorkingDays } from "~/settings.server";
import { updatesOffer } from "~/updates/contacts.server";
import { UpdatesForm } from "~/updates/UpdatesForm";
import { pageTitle } from "~/utils/meta";
import { draftSupport } from "~/support/support.server";

export const handle = { i18n: ["common", "survey"] };

export async function loader({ request, params }: LoaderFunctionArgs) {
  const context = await loadSurvey(request, params);
  const { survey, t } = context;
  const paths = surveyPaths(survey.slug);
  const draft = await requireSentDraft(request, context);
  return json({
    title: t("confirmation.title"),
    reference: formatCode(draft.reference),
    audience: draft.audience,
    startAgain: paths.start,
    leadWithinDays: await overdueWorkingDays(getDb()),
    updates: await updatesOffer(getDb()),
    updatesTo: `/surveys/${survey.slug}/updates`,
    // Someone a supporter helped may have no phone or e-mail to keep the reference in: offer a slip to print.
    slip: (await draftSupport(getDb(), draft.id)) ? `${paths.start}/slip` : null,
  });
}

export default function Confirmation() {
  const data = useLoaderData<typeof loader>();
  const { t } = useTranslation("survey");
  const young = data.audience === "young_person";
  return (
    <TwoThirds>
      <div className="govuk-panel govuk-panel--confirmation">
        <h1 className="govuk-panel__title">{t("confirmation.title")}</h1>
        <div className="govuk-panel__body">
          {t("confirmation.referenceLabel")}
          <br />
          <strong className="app-reference">{data.reference}</strong>
        </div>
      </div>
      <p className="govuk-body">{t("confirmation.keepReference")}</p>
      {data.slip ? (
        <p className="govuk-body">
          <Link className="govuk-link" to={data.slip}>
            {t("slip.link")}
          </Link>
        </p>
      ) : null}
      <p className="govuk-body">
        <Link className="govuk-link" to="/my-feedback">
          {t("pages:myFeedback.title")}
        </Link>
      </p>
      {data.updates ? <UpdatesForm action={data.updatesTo} offer={data.updates} supported={data.slip !== null} headingLevel={2} /> : null}
      <h2 className="govuk-heading-m">{t("confirmation.nextHeading")}</h2>
      <p className="govuk-body">{young ? t("confirmation.nextYoung") : t("confirmation.next")}</p>
      <p className="govuk-body">
        <Link className="govuk-link" to="/you-said-we-did">
          {t("confirmation.ysdLink")}
        </Link>
      </p>
      {/* "Again, for another child" is for parents: a young person answers for themselves. */}
      {young ? null : (
        <p className="govuk-body">
          <Link className="govuk-link" to={data.startAgain}>
            {t("confirmation.again")}
          </Link>
        </p>
      )}
      <h2 className="govuk-heading-m">{t("confirmation.worryHeading")}</h2>
      <p className="govuk-body">{t("confirmation.worry", { count: data.leadWithinDays })}</p>
      <p className="govuk-body">{t("confirmation.worryNotWait")}</p>
      <GetHelpNow headingLevel={3} />
    </TwoThirds>
  );
}

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => pageTitle(matches, data?.title);
