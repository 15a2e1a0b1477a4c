import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ErrorSummary } from "~/components/ErrorSummary";
import { TwoThirds } from "~/components/Layout";
import { Listen } from "~/components/Listen";
import { TextInput } from "~/components/TextFields";
import { getDb } from "~/db.server";
import { easyRead, htmlLang, intlLocale } from "~/i18n/config";
import { fixedT, getLocale } from "~/i18n/i18n.server";
import { feedbackFor } from "~/publishing/my-feedback.server";
import { requestStatus } from "~/responses/erasure.server";
import { formatCode, normaliseCode } from "~/surveys/codes";
import { formFailure } from "~/utils/http.server";
import { pageTitle } from "~/utils/meta";
import { countWrongGuess, requireFewWrongGuesses } from "~/utils/rate-limit.server";

export const handle = { i18n: ["common", "pages"] };

const FIELD = "reference";

export async function loader({ request }: LoaderFunctionArgs) {
  const lang = await getLocale(request);
  return json({ title: fixedT(lang, "pages")("myFeedback.title") });
}

/** Posted, not linked: the reference never appears in a URL or a server log. */
export async function action({ request, context }: ActionFunctionArgs) {
  const lang = await getLocale(request);
  const t = fixedT(lang, ["pages", "common"]);
  const input = String((await request.formData()).get(FIELD) ?? "");
  if (input.trim() === "") return formFailure(context, { error: t("myFeedback.errors.empty"), submitted: input });
  await requireFewWrongGuesses("reference", context.clientAddress, t);
  const code = normaliseCode(input);
  const found = code ? await feedbackFor(getDb(), code, lang) : undefined;
  const erasure = code ? await requestStatus(getDb(), code) : null;
  // Deleted at the person's request or by a moderator: the reference was right, so say so.
  if (!found && erasure?.state === "done" && erasure.decidedAt) return json({ lang, deletedOn: erasure.decidedAt });
  // A mistyped reference and an unknown one get the same answer, and both count as a wrong guess.
  if (!found || !code) {
    await countWrongGuess("reference", context.clientAddress);
    return formFailure(context, { error: t("myFeedback.errors.notFound"), submitted: input });
  }
  return json({ lang, found, reference: formatCode(code), erasure });
}

export default function MyFeedback() {
  const result = useActionData<typeof action>();
  const { t } = useTranslation("pages");
  const failure = result && "error" in result ? result : null;
  const found = result && "found" in result ? result : null;
  const deleted = result && "deletedOn" in result ? result : null;
  const date = (iso: string) => new Intl.DateTimeFormat(intlLocale(found?.lang ?? deleted?.lang ?? "en"), { dateStyle: "long" }).format(new Date(iso));
  return (
    <TwoThirds>
      <ErrorSummary errors={failure ? [{ field: FIELD, message: failure.error }] : []} />
      <h1 className="govuk-heading-l">{t("myFeedback.title")}</h1>
      <p className="govuk-body">{t("myFeedback.lead")}</p>
      <Listen read="page" />
      <form method="post" noValidate>
        <TextInput
          id={FIELD}
          name={FIELD}
          label={t("myFeedback.label")}
          hint={t("myFeedback.hint")}
          error={failure?.error}
          defaultValue={failure?.submitted}
          className="govuk-input--width-20 app-code-input"
        />
        <button type="submit" className="govuk-button">
          {t("myFeedback.submit")}
        </button>
      </form>
      {found ? (
        <section aria-labelledby="feedback-result" role="status">
          <p className="govuk-body" id="feedback-result">
            {t("myFeedback.sentOn", { date: date(found.found.submittedOn) })}
          </p>
          <h2 className="govuk-heading-m">{t("myFeedback.themes")}</h2>
          {found.found.themes.length === 0 ? (
            <p className="govuk-body">{t("myFeedback.noThemes")}</p>
          ) : (
            <ul className="govuk-list govuk-list--bullet">
              {found.found.themes.map((theme) => (
                <li key={theme.id}>{theme.name}</li>
              ))}
            </ul>
          )}
          <h2 className="govuk-heading-m">{t("myFeedback.actions")}</h2>
          {found.found.actions.length === 0 ? (
            <p className="govuk-body">{t("myFeedback.noActions")}</p>
          ) : (
            <ul className="govuk-list">
              {found.found.actions.map((action) => (
                <li key={action.id} className="app-feedback-action">
                  {found.lang === easyRead && action.lang !== easyRead ? (
                    <>
                      <strong className="govuk-tag govuk-tag--grey app-not-easy-read">{t("ysd.notEasyRead")}</strong>{" "}
                    </>
                  ) : null}
                  <strong lang={htmlLang(action.lang) === htmlLang(found.lang) ? undefined : htmlLang(action.lang)}>{action.title}</strong>
                  <br />
                  {t("myFeedback.status", { status: t(`ysd.statuses.${action.status}`) })} · {t("myFeedback.due", { date: date(action.dueOn) })}
                </li>
              ))}
            </ul>
          )}
          <ErasureStatus erasure={found.erasure} date={date} />
        </section>
      ) : null}
      {found ? <AskToDelete reference={found.reference} /> : null}
      {deleted ? (
        <p className="govuk-body" role="status">
          {t("myFeedback.erasure.deletedOn", { date: date(deleted.deletedOn) })}
        </p>
      ) : null}
      {found ? null : (
        <p className="govuk-body">
          <Link className="govuk-link" to="/my-feedback/delete">
            {t("myFeedback.erasure.link")}
          </Link>
        </p>
      )}
    </TwoThirds>
  );
}

type Erasure = { state: string; verified: boolean; requestedAt: string; decidedAt: string | null } | null;

/** What became of a request to delete these answers, if one was made. */
function ErasureStatus({ erasure, date }: { erasure: Erasure; date: (iso: string) => string }) {
  const { t } = useTranslation("pages");
  if (erasure?.state === "waiting")
    return <p className="govuk-body">{t(erasure.verified ? "myFeedback.erasure.held" : "myFeedback.erasure.waiting", { date: date(erasure.requestedAt) })}</p>;
  if (erasure?.state === "refused") return <p className="govuk-body">{t("myFeedback.erasure.refused", { date: date(erasure.requestedAt) })}</p>;
  return null;
}

/** Carries the reference to /my-feedback/delete in a post, so it never goes in a URL. */
function AskToDelete({ reference }: { reference: string }) {
  const { t } = useTranslation("pages");
  return (
    <>
      <h2 className="govuk-heading-m">{t("myFeedback.erasure.heading")}</h2>
      <p className="govuk-body">{t("myFeedback.erasure.lead")}</p>
      <form method="post" action="/my-feedback/delete">
        <input type="hidden" name="intent" value="start" />
        <input type="hidden" name="reference" value={reference} />
        <button type="submit" className="govuk-button govuk-button--secondary">
          {t("myFeedback.erasure.button")}
        </button>
      </form>
    </>
  );
}

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => pageTitle(matches, data?.title);
