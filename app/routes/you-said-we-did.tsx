import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { actionStatuses } from "~/actions/action-form";
import { Select } from "~/components/Select";
import { getDb } from "~/db.server";
import { intlLocale } from "~/i18n/config";
import { fixedT, getLocale } from "~/i18n/i18n.server";
import { youSaidWeDid } from "~/publishing/public.server";
import { suppressionThreshold } from "~/settings.server";
import { pageTitle } from "~/utils/meta";

export const handle = { i18n: ["common", "pages"] };

const blank = (value: unknown) => (value === "" ? undefined : value);
const Filters = z.object({
  period: z.preprocess(blank, z.string().regex(/^[a-z0-9-]+$/).optional()).catch(undefined),
  theme: z.preprocess(blank, z.string().regex(/^[a-z0-9-]+$/).optional()).catch(undefined),
  status: z.preprocess(blank, z.enum(actionStatuses).optional()).catch(undefined),
  audience: z.preprocess(blank, z.enum(["parent_carer", "young_person"]).optional()).catch(undefined),
  q: z.preprocess(blank, z.string().max(100).optional()).catch(undefined),
});

export async function loader({ request }: LoaderFunctionArgs) {
  const lang = await getLocale(request);
  const filters = Filters.parse(Object.fromEntries(new URL(request.url).searchParams));
  const data = await youSaidWeDid(getDb(), lang, filters, await suppressionThreshold(getDb()));
  return json({ title: fixedT(lang, "pages")("ysd.title"), lang, filters, ...data }, { headers: { "Cache-Control": "public, max-age=60" } });
}

export function headers({ loaderHeaders }: { loaderHeaders: Headers }) {
  return { "Cache-Control": loaderHeaders.get("Cache-Control") ?? "public, max-age=60" };
}

export default function YouSaidWeDid() {
  const data = useLoaderData<typeof loader>();
  const { t } = useTranslation("pages");
  const threshold = "threshold" in data && data.threshold ? data.threshold : 10;
  const figure = (value: number | null, protects = false) =>
    value !== null ? value.toLocaleString(intlLocale(data.lang)) : protects ? t("ysd.protected") : t("ysd.fewer", { threshold });
  const date = (iso: string) => new Intl.DateTimeFormat(intlLocale(data.lang), { dateStyle: "long" }).format(new Date(iso));
  const langOf = (lang: string) => (lang === data.lang ? undefined : lang);
  if (!data.period || !("overview" in data)) {
    return (
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <h1 className="govuk-heading-xl">{t("ysd.title")}</h1>
          <p className="govuk-body-l">{t("ysd.lead")}</p>
          <div className="govuk-inset-text">{t("ysd.nothingYet")}</div>
        </div>
      </div>
    );
  }
  const any = { value: "", label: t("ysd.filters.any") };
  const { overview } = data;
  return (
    <>
      <h1 className="govuk-heading-xl">{t("ysd.title")}</h1>
      <p className="govuk-body-l">{t("ysd.lead")}</p>

      <form method="get" className="app-filters app-no-print" aria-labelledby="ysd-filters">
        <h2 className="govuk-heading-s" id="ysd-filters">
          {t("ysd.filters.heading")}
        </h2>
        <div className="app-filters__fields">
          <Select id="period" name="period" label={t("ysd.filters.period")} defaultValue={data.period.slug} options={data.periods.map((p) => ({ value: p.slug, label: p.name }))} />
          <Select id="theme" name="theme" label={t("ysd.filters.theme")} defaultValue={data.filters.theme} options={[any, ...data.themeOptions.map((th) => ({ value: th.slug, label: th.name }))]} />
          <Select id="status" name="status" label={t("ysd.filters.status")} defaultValue={data.filters.status} options={[any, ...actionStatuses.map((s) => ({ value: s, label: t(`ysd.statuses.${s}`) }))]} />
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

      <section aria-labelledby="overview-heading">
        <h2 className="govuk-heading-l" id="overview-heading">
          {t("ysd.overview.heading", { period: data.period.name })}
        </h2>
        <dl className="app-overview">
          <div className="app-overview__item">
            <dt>{t("ysd.overview.responses")}</dt>
            <dd className="app-overview__figure">{figure(overview.responses.total)}</dd>
            <dd className="govuk-body-s">
              {t("ysd.overview.parents")}: {figure(overview.responses.parts.parent_carer, overview.responses.secondary.includes("parent_carer"))}
              <br />
              {t("ysd.overview.young")}: {figure(overview.responses.parts.young_person, overview.responses.secondary.includes("young_person"))}
            </dd>
          </div>
          <div className="app-overview__item">
            <dt>{t("ysd.overview.themes")}</dt>
            <dd className="app-overview__figure">{overview.themes}</dd>
          </div>
          <div className="app-overview__item">
            <dt>{t("ysd.overview.actions")}</dt>
            <dd className="govuk-body-s">
              {actionStatuses.map((status) => (
                <span key={status} className="app-overview__line">
                  {t(`ysd.statuses.${status}`)}: {overview.actions[status]}
                </span>
              ))}
            </dd>
          </div>
          <div className="app-overview__item">
            <dt>{t("ysd.overview.listened")}</dt>
            <dd className="app-overview__figure">{overview.listenedPercent === null ? t("ysd.notShown") : `${overview.listenedPercent}%`}</dd>
          </div>
        </dl>
      </section>

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
                <a className="govuk-link" href={`#theme-${section.slug}`} lang={langOf(section.nameLang)}>
                  {section.name}
                </a>
              </li>
            ))}
          </ol>
        </nav>
      )}
      {data.sections.map((section) => (
        <section key={section.themeId} className="app-ysd-section" aria-labelledby={`theme-${section.slug}`}>
          <h2 className="govuk-heading-l" id={`theme-${section.slug}`} lang={langOf(section.nameLang)}>
            {section.name}
          </h2>
          <div className="govuk-grid-row">
            <div className="govuk-grid-column-one-half">
              <h3 className="govuk-heading-m">{t("ysd.youSaid")}</h3>
              <p className="govuk-body app-free-text" lang={langOf(section.summaryLang)}>
                {section.summary}
              </p>
              <p className="govuk-body-s">
                {t("ysd.raised", { figure: figure(section.raised) })}
                {data.filters.audience ? null : (
                  <>
                    <br />
                    {t("ysd.raisedSplit", {
                      parents: figure(section.split.parent_carer, section.splitHiddenToProtect.includes("parent_carer")),
                      young: figure(section.split.young_person, section.splitHiddenToProtect.includes("young_person")),
                    })}
                  </>
                )}
                <br />
                {t("ysd.agreed", { figure: section.agreedPercent === null ? t("ysd.notShown") : `${section.agreedPercent}%` })}
              </p>
              {section.quotes.map((quote) => (
                <blockquote key={quote.id} className="app-quote" lang={langOf(quote.lang)}>
                  <p className="govuk-body app-free-text">“{quote.text}”</p>
                </blockquote>
              ))}
              {section.corrections.map((correction) => (
                <p key={correction.on + correction.note} className="govuk-body-s">
                  {t("ysd.corrected", { date: date(correction.on), note: correction.note })}
                </p>
              ))}
            </div>
            <div className="govuk-grid-column-one-half">
              <h3 className="govuk-heading-m">{t("ysd.weDid")}</h3>
              {section.actions.length === 0 ? <p className="govuk-body">{t("ysd.noActions")}</p> : null}
              {section.actions.map((action) => (
                <article key={action.id} className="app-ysd-action" lang={langOf(action.lang)}>
                  <h4 className="govuk-heading-s">{action.title}</h4>
                  <p className="govuk-body">
                    <strong className={`govuk-tag app-action-status--${action.status}`}>{t(`ysd.statuses.${action.status}`)}</strong>
                  </p>
                  <p className="govuk-body app-free-text">{action.description}</p>
                  <dl className="govuk-summary-list govuk-summary-list--no-border app-action-facts">
                    {[
                      ["owner", `${action.owner} (${t(`ysd.partners.${action.partner}`)})`],
                      ["due", date(action.dueOn)],
                      ["measure", action.measure],
                      ...(action.latestUpdate ? [["latest", action.latestUpdate.body, date(action.latestUpdate.on)]] : []),
                      ...(action.impact ? [["impact", action.impact]] : []),
                      ...(action.statusReason ? [["reason", action.statusReason]] : []),
                    ].map(([key, value, when]) => (
                      <div key={key} className="govuk-summary-list__row">
                        <dt className="govuk-summary-list__key">{t(`ysd.action.${key}`, { date: when })}</dt>
                        <dd className="govuk-summary-list__value app-free-text">{value}</dd>
                      </div>
                    ))}
                  </dl>
                  {action.corrections.map((correction) => (
                    <p key={correction.on + correction.note} className="govuk-body-s">
                      {t("ysd.corrected", { date: date(correction.on), note: correction.note })}
                    </p>
                  ))}
                </article>
              ))}
            </div>
          </div>
        </section>
      ))}

      <section aria-labelledby="method-heading" className="app-method">
        <h2 className="govuk-heading-m" id="method-heading">
          {t("ysd.methodHeading")}
        </h2>
        <p className="govuk-body">{t("ysd.method1")}</p>
        <p className="govuk-body">{t("ysd.method2", { threshold: data.threshold })}</p>
        <p className="govuk-body">{t("ysd.method3")}</p>
        {data.lastUpdated ? <p className="govuk-body">{t("ysd.updated", { date: date(data.lastUpdated) })}</p> : null}
      </section>
    </>
  );
}

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => pageTitle(matches, data?.title);
