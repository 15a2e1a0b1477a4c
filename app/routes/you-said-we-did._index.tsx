import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { actionStatuses } from "~/actions/action-form";
import { TwoThirds } from "~/components/Layout";
import { Listen } from "~/components/Listen";
import { Select } from "~/components/Select";
import { getDb } from "~/db.server";
import { fixedT, getLocale } from "~/i18n/i18n.server";
import { MethodNote, OtherFormats, OverviewSection, ThemeSection, usePublicFormat } from "~/publishing/PublicParts";
import { publicFilters, publicHeaders } from "~/publishing/public-filters";
import { youSaidWeDid } from "~/publishing/public.server";
import { suppressionThreshold } from "~/settings.server";
import { publicActionSeen } from "~/updates/seen.server";
import { pageTitle } from "~/utils/meta";

export const handle = { i18n: ["common", "pages"] };

export async function loader({ request }: LoaderFunctionArgs) {
  const lang = await getLocale(request);
  const filters = publicFilters(request);
  const threshold = await suppressionThreshold(getDb());
  const data = await youSaidWeDid(getDb(), lang, filters, threshold);
  const actionSeen = await publicActionSeen(getDb(), threshold);
  return json({ title: fixedT(lang, "pages")("ysd.title"), lang, filters, ...data, actionSeen }, { headers: { "Cache-Control": "public, max-age=60" } });
}

export { publicHeaders as headers };

export default function YouSaidWeDid() {
  const data = useLoaderData<typeof loader>();
  const { t } = useTranslation("pages");
  const format = usePublicFormat(data.lang, data.threshold);
  if (!data.period || !("overview" in data)) {
    return (
      <TwoThirds>
        <h1 className="govuk-heading-xl">{t("ysd.title")}</h1>
        <p className="govuk-body-l">{t("ysd.lead")}</p>
        <Listen read="page" />
        <div className="govuk-inset-text">{t("ysd.nothingYet")}</div>
      </TwoThirds>
    );
  }
  const any = { value: "", label: t("ysd.filters.any") };
  const period = data.period.slug;
  return (
    <>
      <h1 className="govuk-heading-xl">{t("ysd.title")}</h1>
      <p className="govuk-body-l">{t("ysd.lead")}</p>
      <Listen read="page" />

      <form method="get" className="app-filters app-no-print" aria-labelledby="ysd-filters">
        <h2 className="govuk-heading-s" id="ysd-filters">
          {t("ysd.filters.heading")}
        </h2>
        <div className="app-filters__fields">
          <Select
            id="period"
            name="period"
            label={t("ysd.filters.period")}
            defaultValue={period}
            options={data.periods.map((p) => ({ value: p.slug, label: p.name, lang: format.langOf(p.lang) }))}
          />
          <Select
            id="theme"
            name="theme"
            label={t("ysd.filters.theme")}
            defaultValue={data.filters.theme}
            options={[any, ...data.themeOptions.map((th) => ({ value: th.slug, label: th.name }))]}
          />
          <Select
            id="status"
            name="status"
            label={t("ysd.filters.status")}
            defaultValue={data.filters.status}
            options={[any, ...actionStatuses.map((s) => ({ value: s, label: t(`ysd.statuses.${s}`) }))]}
          />
          <Select
            id="audience"
            name="audience"
            label={t("ysd.filters.audience")}
            defaultValue={data.filters.audience}
            options={[any, { value: "parent_carer", label: t("ysd.overview.parents") }, { value: "young_person", label: t("ysd.overview.young") }]}
          />
          <div className="govuk-form-group">
            <label className="govuk-label" htmlFor="q">
              {t("ysd.filters.search")}
            </label>
            <input className="govuk-input govuk-input--width-20" id="q" name="q" type="search" defaultValue={data.filters.q} />
          </div>
        </div>
        <div className="govuk-button-group">
          <button type="submit" className="govuk-button govuk-button--secondary">
            {t("ysd.filters.apply")}
          </button>
          <Link className="govuk-link" to="/you-said-we-did">
            {t("ysd.filters.clear")}
          </Link>
        </div>
      </form>

      <OverviewSection overview={data.overview} period={data.period} sections={data.sections} format={format} lang={data.lang} />
      {data.actionSeen === null ? null : <p className="govuk-body">{t("updates.publicSeen", { percent: format.percent(data.actionSeen) })}</p>}

      {data.sections.length === 0 ? (
        <p className="govuk-body">{t("ysd.none")}</p>
      ) : (
        <nav className="app-contents" aria-labelledby="contents-heading">
          <h2 className="govuk-heading-m" id="contents-heading">
            {t("ysd.contents")}
          </h2>
          <ol className="govuk-list govuk-list--number">
            {data.sections.map((section) => (
              <li key={section.themeId}>
                <a className="govuk-link" href={`#theme-${section.slug}`} {...format.other(section.nameLang)}>
                  {section.name}
                </a>
              </li>
            ))}
          </ol>
        </nav>
      )}
      {data.sections.map((section) => (
        <ThemeSection key={section.themeId} section={section} format={format} audience={data.filters.audience} periodSlug={period} />
      ))}

      <MethodNote threshold={data.threshold} lastUpdated={data.lastUpdated} format={format} />
      <OtherFormats period={period} />
    </>
  );
}

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => pageTitle(matches, data?.title);
