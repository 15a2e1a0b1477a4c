import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { CSRF_FIELD } from "~/accounts/csrf";
import { requireStaff } from "~/accounts/session.server";
import { Notice } from "~/components/Notice";
import { getDb } from "~/db.server";
import { languageChoices } from "~/i18n/languages.server";
import { getFixedT } from "~/i18n/i18n.server";
import { getLink, linkPath, OutreachLinkError, setPaused } from "~/outreach/links.server";
import { pdfLanguages } from "~/outreach/pdf.server";
import { linkAddress, linkQr } from "~/outreach/poster.server";
import { surveyLanguages } from "~/surveys/surveys.server";
import { httpError } from "~/utils/http.server";
import { pageTitle } from "~/utils/meta";
import { readStaffForm } from "~/utils/staff-form.server";

export const handle = { i18n: ["common", "staff"] };

async function requireLink(request: Request, id: string | undefined) {
  const link = /^\d+$/.test(id ?? "") ? await getLink(getDb(), Number(id)) : undefined;
  if (!link) httpError(await getFixedT(request, "common"), 404, "notFound");
  return link;
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const session = await requireStaff(request, "moderate");
  const link = await requireLink(request, params.id);
  const address = linkAddress(link.code);
  const languages = await surveyLanguages(getDb(), link.survey);
  return json({
    title: link.name,
    csrf: session.csrfToken,
    link,
    address,
    qr: await linkQr(address.url),
    languages: languageChoices.filter((choice) => languages.includes(choice.code)).map((choice) => ({ ...choice, pdf: pdfLanguages.has(choice.code) })),
    done: new URL(request.url).searchParams.get("done"),
  });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const staff = await readStaffForm(request, "moderate");
  const link = await requireLink(request, params.id);
  if (staff.intent !== "pause" && staff.intent !== "resume") httpError(staff.t, 400, "badForm");
  try {
    await setPaused(getDb(), link.id, staff.intent === "pause", staff.session.user.id);
  } catch (error) {
    if (error instanceof OutreachLinkError) httpError(staff.t, 404, "notFound");
    throw error;
  }
  throw redirect(`/moderate/outreach/${link.id}?done=${staff.intent === "pause" ? "paused" : "resumed"}`, 303);
}

export default function OutreachLink() {
  const data = useLoaderData<typeof loader>();
  const { t } = useTranslation("staff");
  const { link } = data;
  const paused = link.paused_at !== null;
  return (
    <>
      {data.done ? <Notice>{t(`outreach.done.${data.done === "paused" ? "paused" : data.done === "resumed" ? "resumed" : "created"}`)}</Notice> : null}
      <span className="govuk-caption-l">{t(`outreach.kinds.${link.kind}`)}</span>
      <h1 className="govuk-heading-l">{link.name}</h1>
      <dl className="govuk-summary-list">
        <div className="govuk-summary-list__row">
          <dt className="govuk-summary-list__key">{t("outreach.table.address")}</dt>
          <dd className="govuk-summary-list__value app-short-code">{data.address.short}</dd>
        </div>
        <div className="govuk-summary-list__row">
          <dt className="govuk-summary-list__key">{t("outreach.table.state")}</dt>
          <dd className="govuk-summary-list__value">{paused ? t("outreach.pausedExplained") : t("outreach.liveExplained")}</dd>
        </div>
      </dl>
      <div className="app-qr" role="img" aria-label={t("outreach.qrLabel", { address: data.address.short })} dangerouslySetInnerHTML={{ __html: data.qr }} />
      <p className="govuk-body">
        <a className="govuk-link" href={linkPath(link.code)}>
          {t("outreach.try")}
        </a>
      </p>

      <h2 className="govuk-heading-m">{t("outreach.printHeading")}</h2>
      <p className="govuk-body">{t("outreach.printLead")}</p>
      <ul className="govuk-list">
        {data.languages.map((language) => (
          <li key={language.code}>
            <span lang={language.lang} dir={language.dir}>
              {language.name}
            </span>
            {": "}
            <Link className="govuk-link" to={`/moderate/outreach/${link.id}/poster/${language.code}`}>
              {t("outreach.poster.link")}
            </Link>
            {", "}
            <Link className="govuk-link" to={`/moderate/outreach/${link.id}/poster/${language.code}?size=card`}>
              {t("outreach.card.link")}
            </Link>
            {language.pdf ? (
              <>
                {", "}
                <a className="govuk-link" href={`/moderate/outreach/${link.id}/pdf/${language.code}`} download>
                  {t("outreach.poster.pdf")}
                </a>
                {", "}
                <a className="govuk-link" href={`/moderate/outreach/${link.id}/pdf/${language.code}?size=card`} download>
                  {t("outreach.card.pdf")}
                </a>
              </>
            ) : null}
          </li>
        ))}
      </ul>
      <p className="govuk-body">{t("outreach.pdfNote")}</p>

      <form method="post">
        <input type="hidden" name={CSRF_FIELD} value={data.csrf} />
        <button type="submit" name="intent" value={paused ? "resume" : "pause"} className={`govuk-button${paused ? "" : " govuk-button--secondary"}`}>
          {paused ? t("outreach.resume") : t("outreach.pause")}
        </button>
      </form>
      <p className="govuk-body">
        <Link className="govuk-link" to="/moderate/outreach">
          {t("outreach.back")}
        </Link>
      </p>
    </>
  );
}

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => pageTitle(matches, data?.title);
