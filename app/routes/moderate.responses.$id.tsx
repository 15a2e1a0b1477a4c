import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ErrorSummary, type FieldError } from "~/components/ErrorSummary";
import { BackLink } from "~/components/Layout";
import { Notice } from "~/components/Notice";
import { intlLocale } from "~/i18n/config";
import { responsePageData, responsePagePost } from "~/moderation/response-page.server";
import { Answers } from "~/moderation/ResponseAnswers";
import { FlagForm, Notes } from "~/moderation/ResponseParts";
import { ThemeForm } from "~/moderation/ResponseThemeForm";
import { SpokenAnswers } from "~/spoken/SpokenAnswerBlock";
import { pageTitle } from "~/utils/meta";

export const handle = { i18n: ["common", "staff", "survey"] };

export async function loader({ request, params }: LoaderFunctionArgs) {
  return json(await responsePageData(request, params.id));
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  return responsePagePost(request, params.id, context);
}

export default function ModerateResponse() {
  const page = useLoaderData<typeof loader>();
  const failure = useActionData<typeof action>();
  const { t, i18n } = useTranslation("staff");
  const { response } = page;
  const errors: FieldError[] = failure?.errors ?? [];
  const errorFor = (field: string) => errors.find((error) => error.field === field)?.message;
  const date = (iso: string) => new Intl.DateTimeFormat(intlLocale(i18n.language), { dateStyle: "long", timeStyle: "short" }).format(new Date(iso));
  const language = t(`common:languageNames.${response.lang}`, { defaultValue: response.lang });
  return (
    <>
      <BackLink to={`/moderate${page.queueQuery}`} />
      <ErrorSummary errors={errors} />
      {page.translated ? <Notice>{t("response.translation.saved")}</Notice> : null}
      {page.typedUp ? <Notice>{t("spoken.block.saved")}</Notice> : null}
      <span className="govuk-caption-l">{response.surveyTitle}</span>
      <h1 className="govuk-heading-l">{t("response.title", { reference: response.reference })}</h1>
      <p className="govuk-body">
        {t("response.meta", { date: date(response.submittedAt), language, audience: t(`audience.${response.audience}`) })}
        <br />
        {response.quoteConsent ? t("response.consentYes") : t("response.consentNo")}
        {response.helpedBy ? (
          <>
            <br />
            {t("response.helpedBy", { helper: t(`survey:helped.options.${response.helpedBy}`) })}
          </>
        ) : null}
        {response.support ? (
          <>
            <br />
            {t(`support.response.${response.support.kind}`, { language: response.support.language })}
          </>
        ) : null}
      </p>
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-one-half">
          <Answers page={page} errorFor={errorFor} typedTranslation={failure && "translation" in failure ? failure.translation : undefined} />
          <SpokenAnswers rows={page.spoken} csrf={page.csrf} language={language} />
        </div>
        <div className="govuk-grid-column-one-half">
          <ThemeForm page={page} errorFor={errorFor} submitted={failure && "submitted" in failure ? failure.submitted : null} />
          <Notes page={page} errorFor={errorFor} typed={failure && "note" in failure ? failure.note : undefined} date={date} />
          <FlagForm csrf={page.csrf} errorFor={errorFor} typed={failure && "reason" in failure ? failure.reason : undefined} />
          <p className="govuk-body">
            <Link className="govuk-link" to={`/moderate/responses/${response.id}/delete`}>
              {t("erasure.delete.link")}
            </Link>
          </p>
          <p className="govuk-body">
            <Link className="govuk-link" to={`/moderate${page.queueQuery}`}>
              {t("response.backToQueue")}
            </Link>
          </p>
        </div>
      </div>
    </>
  );
}

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => pageTitle(matches, data?.title);
