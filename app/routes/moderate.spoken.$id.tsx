import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ErrorSummary } from "~/components/ErrorSummary";
import { BackLink } from "~/components/Layout";
import { htmlLang } from "~/i18n/config";
import { TypeUpForm } from "~/spoken/SpokenAnswerBlock";
import { spokenPageData, typeUpPost } from "~/spoken/staff.server";
import { pageTitle } from "~/utils/meta";

export const handle = { i18n: ["common", "staff"] };

export async function loader({ request, params }: LoaderFunctionArgs) {
  return json(await spokenPageData(request, params.id));
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  return typeUpPost(request, params.id, context);
}

export default function SpokenAnswerPage() {
  const data = useLoaderData<typeof loader>();
  const failure = useActionData<typeof action>();
  const { t } = useTranslation("staff");
  const errors = failure?.errors ?? [];
  const errorFor = (field: string) => errors.find((error) => error.field === field)?.message;
  const { recording } = data;
  const language = t(`common:languageNames.${recording.lang}`, { defaultValue: recording.lang });
  const back = data.held ? "/moderate/safeguarding" : `/moderate/responses/${data.responseId}`;
  return (
    <>
      <BackLink to={back} />
      <ErrorSummary errors={errors.map((error) => ({ ...error, field: `${error.field}-${recording.id}` }))} />
      <span className="govuk-caption-l">{data.surveyTitle}</span>
      <h1 className="govuk-heading-l">{data.title}</h1>
      {data.held ? <p className="govuk-inset-text">{t("spoken.page.held")}</p> : null}
      <h2 className="govuk-heading-m">{data.question}</h2>
      {data.typed ? (
        <>
          <h3 className="govuk-heading-s">{t("spoken.page.typed")}</h3>
          <p className="govuk-body app-free-text" lang={htmlLang(recording.lang)} dir="auto">
            {data.typed}
          </p>
        </>
      ) : null}
      {recording.transcribed_at ? (
        <p className="govuk-body">{t("spoken.page.done", { name: recording.transcribed_by ?? t("spoken.block.someone") })}</p>
      ) : recording.audio_removed_at ? (
        <p className="govuk-body">{t("spoken.page.gone")}</p>
      ) : (
        <>
          <p className="govuk-body">{recording.length ? t("spoken.block.length", { length: recording.length }) : t("spoken.block.noLength")}</p>
          {/* eslint-disable-next-line jsx-a11y/media-has-caption -- a respondent's recording: typing it up is how its text comes to exist */}
          <audio controls preload="none" src={`/moderate/spoken/${recording.id}/audio`} aria-label={t("spoken.block.play", { question: data.question })} />
          <TypeUpForm id={recording.id} csrf={data.csrf} translate={recording.translate} language={language} values={failure?.values} errorFor={errorFor} />
        </>
      )}
      <p className="govuk-body">
        <Link className="govuk-link" to={back}>
          {data.held ? t("spoken.page.backToSafeguarding") : t("spoken.page.backToResponse")}
        </Link>
      </p>
    </>
  );
}

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => pageTitle(matches, data?.title);
