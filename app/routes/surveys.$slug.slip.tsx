import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { TwoThirds } from "~/components/Layout";
import { env } from "~/env.server";
import { formatCode } from "~/surveys/codes";
import { loadSurvey, requireSentDraft } from "~/surveys/journey.server";
import { surveyPaths } from "~/surveys/paths";
import { pageTitle } from "~/utils/meta";
import { useNonce } from "~/utils/nonce";

export const handle = { i18n: ["common", "survey"] };

/**
 * The reference on a slip of its own, to print and hand to the person a supporter helped. Like the
 * confirmation page, it shows the reference and nothing of the answers.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const context = await loadSurvey(request, params);
  const { survey, t } = context;
  const draft = await requireSentDraft(request, context);
  return json({
    title: t("slip.title"),
    surveyTitle: survey.title,
    reference: formatCode(draft.reference),
    address: `${env().PUBLIC_URL}/my-feedback`,
    back: surveyPaths(survey.slug).confirmation,
  });
}

export default function ReferenceSlip() {
  const data = useLoaderData<typeof loader>();
  const { t } = useTranslation("survey");
  const nonce = useNonce();
  return (
    <TwoThirds>
      <Link to={data.back} className="govuk-back-link app-no-print">
        {t("slip.back")}
      </Link>
      <div className="app-slip">
        <h1 className="govuk-heading-l">{t("slip.title")}</h1>
        <p className="govuk-body">{data.surveyTitle}</p>
        <p className="govuk-body">{t("slip.referenceLabel")}</p>
        <p className="app-slip__reference app-reference">{data.reference}</p>
        <p className="govuk-body">{t("slip.keep")}</p>
        <p className="govuk-body">
          {t("slip.where")} <strong className="app-ltr">{data.address}</strong>
        </p>
      </div>
      <div className="app-no-print">
        <p className="govuk-body">{t("slip.printHint")}</p>
        <button type="button" className="govuk-button app-print-button" data-print-button="" hidden>
          {t("slip.print")}
        </button>
        <script src="/print.js" nonce={nonce} defer />
      </div>
    </TwoThirds>
  );
}

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => pageTitle(matches, data?.title);
