import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireStaff } from "~/accounts/session.server";
import { getDb } from "~/db.server";
import { intlLocale } from "~/i18n/config";
import { getFixedT } from "~/i18n/i18n.server";
import { listQuotes } from "~/moderation/quotes.server";
import { pageTitle } from "~/utils/meta";

export const handle = { i18n: ["common", "staff"] };

export async function loader({ request }: LoaderFunctionArgs) {
  await requireStaff(request, "moderate");
  const t = await getFixedT(request, "staff");
  return json({ title: t("quotes.title"), quotes: await listQuotes(getDb()) });
}

export default function Quotes() {
  const data = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation("staff");
  const date = new Intl.DateTimeFormat(intlLocale(i18n.language), { dateStyle: "medium" });
  return (
    <>
      <h1 className="govuk-heading-l">{t("quotes.title")}</h1>
      <p className="govuk-body">{t("quotes.lead")}</p>
      {data.quotes.length === 0 ? <p className="govuk-body">{t("quotes.none")}</p> : null}
      <ul className="govuk-list app-quote-list">
        {data.quotes.map((quote) => (
          <li key={quote.id} className="app-quote-list__item">
            <p className="govuk-body app-free-text">
              <Link className="govuk-link" to={`/moderate/quotes/${quote.id}`}>
                “{quote.text.length > 160 ? `${quote.text.slice(0, 160)}…` : quote.text}”
              </Link>
            </p>
            <p className="govuk-body-s">
              <strong className={`govuk-tag ${quote.approved_at ? "govuk-tag--green" : "govuk-tag--yellow"}`}>
                {quote.approved_at ? t("quotes.approved") : t("quotes.waiting", { count: Number(quote.approvals) })}
              </strong>{" "}
              {quote.created_by} · {date.format(new Date(quote.updated_at))}
            </p>
          </li>
        ))}
      </ul>
    </>
  );
}

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => pageTitle(matches, data?.title);
