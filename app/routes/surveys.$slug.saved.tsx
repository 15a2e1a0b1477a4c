import { publicOrigin } from "~/env.server";
import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ButtonTo, TwoThirds } from "~/components/Layout";
import { getDb } from "~/db.server";
import { formatCode } from "~/surveys/codes";
import { issueResumeCode, readSavedCode, serializeSavedCode } from "~/surveys/drafts.server";
import { loadSurvey, requireDraft, resumePath } from "~/surveys/journey.server";
import { surveyPaths } from "~/surveys/paths";
import { YoungPersonHelp } from "~/surveys/YoungPersonHelp";
import { pageTitle } from "~/utils/meta";

export const handle = { i18n: ["common", "survey"] };

export async function loader({ request, params }: LoaderFunctionArgs) {
  const context = await loadSurvey(request, params);
  const { draft, survey } = await requireDraft(request, context);
  const code = await readSavedCode(request);
  const origin = publicOrigin();
  return json({
    title: context.t("saved.title"),
    code: code ? formatCode(code) : null,
    link: code ? `${origin}/resume/${formatCode(code)}` : null,
    continueTo: resumePath(survey, draft),
    audience: survey.audience,
  });
}

/** A new code, for someone who lost theirs before writing it down. The old one stops working. */
export async function action({ request, params }: ActionFunctionArgs) {
  const context = await loadSurvey(request, params);
  const { draft } = await requireDraft(request, context);
  const code = await issueResumeCode(getDb(), draft.id);
  throw redirect(surveyPaths(context.survey.slug).saved, {
    status: 303,
    headers: { "Set-Cookie": await serializeSavedCode(context.survey.slug, code) },
  });
}

export default function Saved() {
  const data = useLoaderData<typeof loader>();
  const { t } = useTranslation("survey");
  return (
    <TwoThirds>
      <h1 className="govuk-heading-l">{t("saved.title")}</h1>
      {data.code && data.link ? (
        <>
          <p className="govuk-body">{t("saved.instructions")}</p>
          <dl className="govuk-summary-list app-saved">
            <div className="govuk-summary-list__row">
              <dt className="govuk-summary-list__key">{t("saved.codeLabel")}</dt>
              <dd className="govuk-summary-list__value">
                <strong className="app-reference">{data.code}</strong>
              </dd>
            </div>
            <div className="govuk-summary-list__row">
              <dt className="govuk-summary-list__key">{t("saved.linkLabel")}</dt>
              <dd className="govuk-summary-list__value app-break-anywhere">
                <a className="govuk-link" href={data.link}>
                  {data.link}
                </a>
              </dd>
            </div>
          </dl>
        </>
      ) : (
        <>
          <p className="govuk-body">{t("saved.lost")}</p>
          <form method="post">
            <button type="submit" className="govuk-button govuk-button--secondary">
              {t("saved.newCode")}
            </button>
          </form>
        </>
      )}
      <p className="govuk-body">{t("saved.once")}</p>
      <p className="govuk-body">{t("saved.expiry")}</p>
      <p className="govuk-body">{t("saved.howToResume")}</p>
      <ButtonTo to={data.continueTo}>{t("saved.continue")}</ButtonTo>
      {data.audience === "young_person" ? <YoungPersonHelp /> : null}
    </TwoThirds>
  );
}

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => pageTitle(matches, data?.title);
