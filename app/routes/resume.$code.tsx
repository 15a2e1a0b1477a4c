import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { TwoThirds } from "~/components/Layout";
import { getFixedT, getLocale } from "~/i18n/i18n.server";
import { normaliseCode } from "~/surveys/codes";
import { resumeWithCode } from "~/surveys/resume.server";
import { httpError } from "~/utils/http.server";
import { pageTitle } from "~/utils/meta";

export const handle = { i18n: ["common", "survey"] };

/**
 * The link from the "saved" page. Opening it changes nothing (a chat app's link preview must not
 * spend the code); the button does: it moves the draft to this device, once.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const t = await getFixedT(request, ["survey", "common"]);
  if (!normaliseCode(params.code ?? "")) httpError(t, 404, "draftExpired", { linkTo: "/resume" });
  return json({ title: t("resume.link.title") });
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const lang = await getLocale(request);
  const t = await getFixedT(request, ["common", "survey"]);
  await resumeWithCode(params.code ?? "", lang, t, context);
  httpError(t, 404, "draftExpired", { linkTo: "/resume" });
}

export default function ResumeLink() {
  const data = useLoaderData<typeof loader>();
  const { t } = useTranslation("survey");
  return (
    <TwoThirds>
      <h1 className="govuk-heading-l">{data.title}</h1>
      <p className="govuk-body">{t("resume.link.once")}</p>
      <form method="post">
        <button type="submit" className="govuk-button">
          {t("resume.link.submit")}
        </button>
      </form>
    </TwoThirds>
  );
}

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => pageTitle(matches, data?.title);
