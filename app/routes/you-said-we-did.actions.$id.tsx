import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { BackLink } from "~/components/Layout";
import { Listen } from "~/components/Listen";
import { getDb } from "~/db.server";
import { fixedT, getLocale } from "~/i18n/i18n.server";
import { ActionFacts, Corrections, StatusTag, usePublicFormat } from "~/publishing/PublicParts";
import { publicAction } from "~/publishing/public.server";
import { suppressionThreshold } from "~/settings.server";
import { httpError } from "~/utils/http.server";
import { publicHeaders } from "~/publishing/public-filters";
import { pageTitle } from "~/utils/meta";

export const handle = { i18n: ["common", "pages"] };

/** One published action with every update and status change: what was promised and what happened. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const lang = await getLocale(request);
  const id = /^\d{1,9}$/.test(params.id ?? "") ? Number(params.id) : NaN;
  const action = Number.isNaN(id) ? null : await publicAction(getDb(), lang, id);
  if (!action) httpError(fixedT(lang), 404, "notFound");
  return json({ title: action.title, lang, action, threshold: await suppressionThreshold(getDb()) }, { headers: { "Cache-Control": "public, max-age=60" } });
}

export { publicHeaders as headers };

export default function ActionPage() {
  const { action, lang, threshold } = useLoaderData<typeof loader>();
  const { t } = useTranslation("pages");
  const format = usePublicFormat(lang, threshold);
  const latest = action.updates[0];
  return (
    <>
      <BackLink to={action.periodSlug ? `/you-said-we-did?period=${action.periodSlug}` : "/you-said-we-did"} />
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <span className="govuk-caption-l">{t("ysd.actionPage.caption")}</span>
          <h1 className="govuk-heading-xl" {...format.other(action.langs.title)}>
            {format.notEasyRead(action.langs.title)}
            {action.title}
          </h1>
          <p className="govuk-body">
            <StatusTag status={action.status} />
          </p>
          <Listen read="page" />
          <div>
            <p className="govuk-body app-free-text" {...format.other(action.langs.description)}>
              {format.notEasyRead(action.langs.description)}
              {action.description}
            </p>
            <ActionFacts action={{ ...action, latestUpdate: latest ? { body: latest.body, on: latest.on, lang: latest.lang } : null }} format={format} />
          </div>
          <Corrections corrections={action.corrections} format={format} />

          <h2 className="govuk-heading-m">{t("ysd.actionPage.themes")}</h2>
          <ul className="govuk-list">
            {action.themes.map((theme) => (
              <li key={theme.slug}>
                <Link
                  className="govuk-link"
                  to={`/you-said-we-did/themes/${theme.slug}${action.periodSlug ? `?period=${action.periodSlug}` : ""}`}
                  {...format.other(theme.lang)}
                >
                  {format.notEasyRead(theme.lang)}
                  {theme.name}
                </Link>
              </li>
            ))}
          </ul>

          <h2 className="govuk-heading-m">{t("ysd.actionPage.updates")}</h2>
          {action.updates.length === 0 ? (
            <p className="govuk-body">{t("ysd.actionPage.noUpdates")}</p>
          ) : (
            <ol className="app-timeline">
              {action.updates.map((update) => (
                <li key={update.id} className="app-timeline__item">
                  <h3 className="govuk-heading-s">
                    <time dateTime={update.on}>{format.date(update.on)}</time>
                  </h3>
                  <p className="govuk-body app-free-text" {...format.other(update.lang)}>
                    {format.notEasyRead(update.lang)}
                    {update.body}
                  </p>
                </li>
              ))}
            </ol>
          )}

          <h2 className="govuk-heading-m">{t("ysd.actionPage.history")}</h2>
          <ul className="govuk-list">
            {action.history.map((change, index) => (
              <li key={`${change.on}-${index}`}>
                {t("ysd.actionPage.statusOn", { status: t(`ysd.statuses.${change.status}`), date: format.date(change.on) })}
              </li>
            ))}
            <li>{t("ysd.actionPage.published", { date: format.date(action.publishedAt) })}</li>
          </ul>
        </div>
      </div>
    </>
  );
}

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => pageTitle(matches, data?.title);
