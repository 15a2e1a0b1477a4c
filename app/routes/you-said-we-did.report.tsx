import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { BackLink } from "~/components/Layout";
import { Listen } from "~/components/Listen";
import { getDb } from "~/db.server";
import { fixedT, getLocale } from "~/i18n/i18n.server";
import { isolate, MethodNote, OverviewSection, ThemeSection, usePublicFormat } from "~/publishing/PublicParts";
import { publicFilters, publicHeaders } from "~/publishing/public-filters";
import { youSaidWeDid } from "~/publishing/public.server";
import { getSettings, suppressionThreshold } from "~/settings.server";
import { httpError } from "~/utils/http.server";
import { pageTitle } from "~/utils/meta";

export const handle = { i18n: ["common", "pages"] };

/**
 * The whole period as one report, for a Local Offer website or committee papers: a cover, contents,
 * the overview with its charts, then each theme on its own printed page. Printing uses the browser's
 * own print command; the print stylesheet does the rest.
 */
export async function loader({ request }: LoaderFunctionArgs) {
  const lang = await getLocale(request);
  const db = getDb();
  const { period } = publicFilters(request);
  const data = await youSaidWeDid(db, lang, { period }, await suppressionThreshold(db));
  if (!data.period || !("overview" in data)) httpError(fixedT(lang), 404, "notFound");
  const { organisation_name: organisation } = await getSettings(db);
  return json(
    { title: fixedT(lang, "pages")("ysd.report.title", { period: isolate(data.period.name, lang) }), lang, organisation, ...data },
    { headers: { "Cache-Control": "public, max-age=60" } },
  );
}

export { publicHeaders as headers };

export default function Report() {
  const data = useLoaderData<typeof loader>();
  const { t } = useTranslation("pages");
  const format = usePublicFormat(data.lang, data.threshold);
  return (
    <article className="app-report">
      <BackLink to={`/you-said-we-did?period=${data.period.slug}`} />
      <header className="app-report__cover">
        <p className="govuk-caption-xl">{data.organisation}</p>
        <h1 className="govuk-heading-xl">{format.period((name) => t("ysd.report.title", { period: name }), data.period)}</h1>
        <p className="govuk-body-l">{t("ysd.lead")}</p>
        <p className="govuk-body">{t("ysd.report.dates", { from: format.date(data.period.from), to: format.date(data.period.to) })}</p>
        {data.lastUpdated ? <p className="govuk-body">{t("ysd.updated", { date: format.date(data.lastUpdated) })}</p> : null}
        <p className="govuk-inset-text app-no-print">{t("ysd.report.print")}</p>
        <Listen read="page" />
      </header>
      <nav className="app-contents app-report__contents" aria-labelledby="contents-heading">
        <h2 className="govuk-heading-m" id="contents-heading">
          {t("ysd.contents")}
        </h2>
        <ol className="govuk-list govuk-list--number">
          <li>
            <a className="govuk-link" href="#overview-heading">
              {format.period((name) => t("ysd.overview.heading", { period: name }), data.period)}
            </a>
          </li>
          {data.sections.map((section) => (
            <li key={section.themeId}>
              <a className="govuk-link" href={`#theme-${section.slug}`} {...format.other(section.nameLang)}>
                {section.name}
              </a>
            </li>
          ))}
          <li>
            <a className="govuk-link" href="#method-heading">
              {t("ysd.methodHeading")}
            </a>
          </li>
        </ol>
      </nav>
      <OverviewSection overview={data.overview} period={data.period} sections={data.sections} format={format} lang={data.lang} />
      {data.sections.map((section) => (
        <ThemeSection key={section.themeId} section={section} format={format} periodSlug={data.period.slug} />
      ))}
      <MethodNote threshold={data.threshold} lastUpdated={data.lastUpdated} format={format} />
    </article>
  );
}

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => pageTitle(matches, data?.title);
