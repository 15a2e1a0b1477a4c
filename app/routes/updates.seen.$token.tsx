import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { TwoThirds } from "~/components/Layout";
import { getDb } from "~/db.server";
import { fixedT, getLocale } from "~/i18n/i18n.server";
import { isSeenAnswer, messageExists, recordSeen, type SeenAnswer } from "~/updates/seen.server";
import { formFailure, httpError } from "~/utils/http.server";
import { pageTitle } from "~/utils/meta";

export const handle = { i18n: ["common", "pages"] };

/**
 * "Can you see what was done about what you told us?" The Yes and No links in a message open this
 * page; only its button records the answer, so a mail scanner following links changes nothing.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const t = fixedT(await getLocale(request), ["pages", "common"]);
  if (!(await messageExists(getDb(), params.token ?? ""))) httpError(t, 404, "notFound");
  const asked = new URL(request.url).searchParams.get("answer");
  const answer: SeenAnswer = isSeenAnswer(asked) ? asked : "yes";
  return json({ title: t("updates.seen.question"), answer, other: `?answer=${answer === "yes" ? "no" : "yes"}` });
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const t = fixedT(await getLocale(request), ["pages", "common"]);
  const answer = (await request.formData()).get("answer");
  if (!isSeenAnswer(answer)) return formFailure(context, { error: t("updates.seen.noAnswer") });
  if (!(await recordSeen(getDb(), params.token ?? "", answer))) httpError(t, 404, "notFound");
  return json({ thanked: true });
}

export default function Seen() {
  const data = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { t } = useTranslation("pages");
  if (result && "thanked" in result) {
    return (
      <TwoThirds>
        <h1 className="govuk-heading-l">{t("updates.seen.thanksTitle")}</h1>
        <p className="govuk-body">{t("updates.seen.thanksBody")}</p>
        <p className="govuk-body">
          <Link className="govuk-link" to="/my-feedback">
            {t("myFeedback.title")}
          </Link>
        </p>
      </TwoThirds>
    );
  }
  return (
    <TwoThirds>
      {result && "error" in result ? (
        <p className="govuk-error-message" role="alert">
          {result.error}
        </p>
      ) : null}
      <h1 className="govuk-heading-l">{t("updates.seen.question")}</h1>
      <form method="post">
        <input type="hidden" name="answer" value={data.answer} />
        <button type="submit" className="govuk-button" data-module="govuk-button">
          {t(data.answer === "yes" ? "updates.seen.yesButton" : "updates.seen.noButton")}
        </button>
      </form>
      <p className="govuk-body">
        <Link className="govuk-link" to={data.other}>
          {t(data.answer === "yes" ? "updates.seen.switchToNo" : "updates.seen.switchToYes")}
        </Link>
      </p>
    </TwoThirds>
  );
}

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => pageTitle(matches, data?.title);
