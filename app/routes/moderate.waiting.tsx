import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireStaff } from "~/accounts/session.server";
import { getDb } from "~/db.server";
import { intlLocale } from "~/i18n/config";
import { getFixedT, getLocale } from "~/i18n/i18n.server";
import { waitingFor } from "~/moderation/waiting.server";
import { pageTitle } from "~/utils/meta";

export const handle = { i18n: ["common", "staff"] };

export async function loader({ request }: LoaderFunctionArgs) {
  const session = await requireStaff(request, "moderate");
  const t = await getFixedT(request, "staff");
  const waiting = await waitingFor(getDb(), session.user, await getLocale(request));
  return json({ title: t("waiting.title"), ...waiting });
}

export default function Waiting() {
  const data = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation("staff");
  const date = new Intl.DateTimeFormat(intlLocale(i18n.language), { dateStyle: "medium" });
  const when = (iso: string) => date.format(new Date(iso));
  const total = data.quotes.length + data.statements.length;
  return (
    <>
      <h1 className="govuk-heading-l">{t("waiting.title")}</h1>
      <p className="govuk-body">{t("waiting.lead")}</p>
      <p className="govuk-body govuk-!-font-weight-bold">{total === 0 ? t("waiting.none") : t("waiting.count", { count: total })}</p>

      <h2 className="govuk-heading-m">{t("waiting.quotes", { number: data.quotes.length })}</h2>
      {data.quotes.length === 0 ? (
        <p className="govuk-body">{t("waiting.noQuotes")}</p>
      ) : (
        <ul className="govuk-list app-quote-list">
          {data.quotes.map((quote) => (
            <li key={quote.key} className="app-quote-list__item">
              <p className="govuk-body app-free-text">
                <Link className="govuk-link" to={`/moderate/quotes/${quote.id}`}>
                  “{quote.text}”
                </Link>
              </p>
              <p className="govuk-body-s">{t(`waiting.quote.${quote.kind}`, { name: quote.by, date: when(quote.at) })}</p>
            </li>
          ))}
        </ul>
      )}

      <h2 className="govuk-heading-m">{t("waiting.statements", { number: data.statements.length })}</h2>
      {data.statements.length === 0 ? (
        <p className="govuk-body">{t("waiting.noStatements")}</p>
      ) : (
        <ul className="govuk-list app-quote-list">
          {data.statements.map((statement) => (
            <li key={statement.key} className="app-quote-list__item">
              <p className="govuk-body">
                <Link className="govuk-link" to={`/moderate/statements/${statement.id}`}>
                  {t("waiting.statement.link", { theme: statement.theme, period: statement.period })}
                </Link>
              </p>
              <p className="govuk-body-s">{t(`waiting.statement.${statement.kind}`, { name: statement.by, date: when(statement.at) })}</p>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => pageTitle(matches, data?.title);
