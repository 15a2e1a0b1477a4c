import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { actionStatuses } from "~/actions/action-form";
import { easyRead, htmlLang, intlLocale, textDirection } from "~/i18n/config";
import { NameInSentence } from "~/components/NameInSentence";
import { BarChart } from "./BarChart";
import type { youSaidWeDid } from "./public.server";

type Page = Extract<Awaited<ReturnType<typeof youSaidWeDid>>, { overview: unknown }>;
export type Section = Page["sections"][number];
export type SectionAction = Section["actions"][number];
type Overview = Page["overview"];

/** Unicode isolation marks around a name inside a right-to-left sentence, so "2025–26" is not read as "26–2025". */
export function isolate(name: string, lang: string): string {
  return textDirection(lang) === "rtl" ? `\u2068${name}\u2069` : name;
}

/** How the public pages write figures, dates and other languages' text. */
export function usePublicFormat(lang: string, threshold: number) {
  const { t } = useTranslation("pages");
  return {
    figure: (value: number | null, protects = false) =>
      value !== null ? value.toLocaleString(intlLocale(lang)) : protects ? t("ysd.protected") : t("ysd.fewer", { threshold }),
    percent: (value: number | null) => (value === null ? t("ysd.notShown") : new Intl.NumberFormat(intlLocale(lang), { style: "percent" }).format(value / 100)),
    date: (iso: string) => new Intl.DateTimeFormat(intlLocale(lang), { dateStyle: "long" }).format(new Date(iso)),
    /** A `lang` attribute only where the text is not in the page's language (WCAG 3.1.2). */
    langOf: (textLang: string) => (htmlLang(textLang) === htmlLang(lang) ? undefined : htmlLang(textLang)),
    /** `lang` and `dir` for text in another language: English inside an Arabic page reads left to right. */
    other: (textLang: string) => (htmlLang(textLang) === htmlLang(lang) ? {} : { lang: htmlLang(textLang), dir: textDirection(textLang) }),
    /**
     * On an Easy Read page, a plain mark before staff-written text that has no Easy Read wording yet and
     * is shown in standard English instead (its language is the same to a browser, so it needs saying).
     */
    notEasyRead: (textLang: string) =>
      lang === easyRead && textLang !== easyRead ? (
        <>
          <strong className="govuk-tag govuk-tag--grey app-not-easy-read">{t("ysd.notEasyRead")}</strong>{" "}
        </>
      ) : null,
    /** A period's name ("2025–26") kept whole and in its own direction inside a right-to-left sentence. */
    isolate: (name: string) => isolate(name, lang),
    /** A sentence naming the period, the name marked with its language where it has none in the page's. */
    period: (sentence: (name: string) => string, period: { name: string; nameLang: string }) => {
      const attributes = htmlLang(period.nameLang) === htmlLang(lang) ? {} : { lang: htmlLang(period.nameLang), dir: textDirection(period.nameLang) };
      return <NameInSentence sentence={sentence} name={attributes.lang ? period.name : isolate(period.name, lang)} attributes={attributes} />;
    },
  };
}

type Format = ReturnType<typeof usePublicFormat>;

export function OverviewSection({
  overview,
  period,
  sections,
  format,
  lang,
}: {
  overview: Overview;
  period: Page["period"];
  sections: Section[];
  format: Format;
  lang: string;
}) {
  const { t } = useTranslation("pages");
  const { figure, percent } = format;
  return (
    <section aria-labelledby="overview-heading">
      <h2 className="govuk-heading-l" id="overview-heading">
        {format.period((name) => t("ysd.overview.heading", { period: name }), period)}
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
          <dd className="app-overview__figure">{overview.themes.toLocaleString(intlLocale(lang))}</dd>
        </div>
        <div className="app-overview__item">
          <dt>{t("ysd.overview.actions")}</dt>
          <dd className="govuk-body-s">
            {actionStatuses.map((status) => (
              <span key={status} className="app-overview__line">
                {t(`ysd.statuses.${status}`)}: {overview.actions[status].toLocaleString(intlLocale(lang))}
              </span>
            ))}
          </dd>
        </div>
        <div className="app-overview__item">
          <dt>{t("ysd.overview.listened")}</dt>
          <dd className="app-overview__figure">{percent(overview.listenedPercent)}</dd>
        </div>
      </dl>
      <div className="app-charts">
        {sections.length > 0 ? (
          <BarChart
            caption={format.period((name) => t("ysd.charts.themes", { period: name }), period)}
            title={t("ysd.charts.themes", { period: format.isolate(period.name) })}
            labelHeader={t("ysd.charts.theme")}
            valueHeader={t("ysd.charts.responses")}
            dir={textDirection(lang)}
            bars={sections.map((section) => ({
              key: section.slug,
              label: section.name,
              lang: format.langOf(section.nameLang),
              value: section.raised,
              text: figure(section.raised, section.raisedProtects),
            }))}
          />
        ) : null}
        <BarChart
          caption={t("ysd.charts.statuses")}
          labelHeader={t("ysd.charts.status")}
          valueHeader={t("ysd.charts.actions")}
          dir={textDirection(lang)}
          bars={actionStatuses.map((status) => ({
            key: status,
            label: t(`ysd.statuses.${status}`),
            value: overview.actions[status],
            text: overview.actions[status].toLocaleString(intlLocale(lang)),
          }))}
        />
      </div>
    </section>
  );
}

export function Corrections({ corrections, format }: { corrections: { on: string; note: string }[]; format: Format }) {
  const { t } = useTranslation("pages");
  return corrections.map((correction) => (
    <p key={correction.on + correction.note} className="govuk-body-s app-correction">
      {t("ysd.corrected", { date: format.date(correction.on), note: correction.note })}
    </p>
  ));
}

/**
 * Who owns an action, when it is due, its measure, latest update, impact and reason. Each text is in
 * the reader's language where it has been translated, else in English marked lang="en". The owner
 * is a team's name, kept as written in English.
 */
export function ActionFacts({ action, format }: { action: Omit<SectionAction, "themeIds" | "corrections" | "id">; format: Format }) {
  const { t } = useTranslation("pages");
  const rows: { key: string; value: React.ReactNode; lang?: string; when?: string }[] = [
    {
      key: "owner",
      value: (
        <>
          <span {...format.other("en")}>{action.owner}</span> ({t(`ysd.partners.${action.partner}`)})
        </>
      ),
    },
    { key: "due", value: format.date(action.dueOn) },
    { key: "measure", value: action.measure, lang: action.langs.measure },
    ...(action.latestUpdate
      ? [{ key: "latest", value: action.latestUpdate.body, lang: action.latestUpdate.lang, when: format.date(action.latestUpdate.on) }]
      : []),
    ...(action.impact ? [{ key: "impact", value: action.impact, lang: action.langs.impact }] : []),
    ...(action.statusReason ? [{ key: "reason", value: action.statusReason, lang: action.langs.statusReason }] : []),
  ];
  return (
    <dl className="govuk-summary-list govuk-summary-list--no-border app-action-facts">
      {rows.map(({ key, value, lang, when }) => (
        <div key={key} className="govuk-summary-list__row">
          <dt className="govuk-summary-list__key">{t(`ysd.action.${key}`, { date: when })}</dt>
          <dd className="govuk-summary-list__value app-free-text" {...(lang ? format.other(lang) : {})}>
            {lang ? format.notEasyRead(lang) : null}
            {value}
          </dd>
        </div>
      ))}
    </dl>
  );
}

export function StatusTag({ status }: { status: SectionAction["status"] }) {
  const { t } = useTranslation("pages");
  return <strong className={`govuk-tag app-action-status--${status}`}>{t(`ysd.statuses.${status}`)}</strong>;
}

/** One theme: what people said, with figures and quotes, beside what was done. */
export function ThemeSection({
  section,
  format,
  audience,
  level = 2,
  periodSlug,
}: {
  section: Section;
  format: Format;
  audience?: string;
  level?: 1 | 2;
  periodSlug: string;
}) {
  const { t } = useTranslation("pages");
  const { figure, percent, other, notEasyRead } = format;
  const Heading = level === 1 ? "h1" : "h2";
  const Sub = level === 1 ? "h2" : "h3";
  const Title = level === 1 ? "h3" : "h4";
  return (
    <section className="app-ysd-section" aria-labelledby={`theme-${section.slug}`}>
      <Heading className={level === 1 ? "govuk-heading-xl" : "govuk-heading-l"} id={`theme-${section.slug}`} {...other(section.nameLang)}>
        {notEasyRead(section.nameLang)}
        {level === 1 ? (
          section.name
        ) : (
          <Link className="govuk-link govuk-link--no-visited-state" to={`/you-said-we-did/themes/${section.slug}?period=${periodSlug}`}>
            {section.name}
          </Link>
        )}
      </Heading>
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-one-half">
          <Sub className="govuk-heading-m">{t("ysd.youSaid")}</Sub>
          <p className="govuk-body app-free-text" {...other(section.summaryLang)}>
            {notEasyRead(section.summaryLang)}
            {section.summary}
          </p>
          <p className="govuk-body-s">
            {t("ysd.raised", { figure: figure(section.raised, section.raisedProtects) })}
            {audience ? null : (
              <>
                <br />
                {t("ysd.raisedSplit", {
                  parents: figure(section.split.parent_carer, section.splitHiddenToProtect.includes("parent_carer")),
                  young: figure(section.split.young_person, section.splitHiddenToProtect.includes("young_person")),
                })}
              </>
            )}
            <br />
            {t("ysd.agreed", { figure: percent(section.agreedPercent) })}
          </p>
          {section.wordings.length ? (
            <div className="govuk-body-s app-wordings">
              <p className="govuk-body-s">{t("ysd.wordings", { count: section.wordings.length })}</p>
              <ul className="govuk-list govuk-list--bullet govuk-body-s">
                {section.wordings.map((question) => (
                  <li key={question.join("\u0000")}>
                    <ol className="govuk-list govuk-list--number govuk-body-s">
                      {question.map((wording) => (
                        <li key={wording} {...other("en")}>
                          {wording}
                        </li>
                      ))}
                    </ol>
                  </li>
                ))}
              </ul>
            </div>
          ) : null}
          {section.quotes.map((quote) => (
            <figure key={quote.id} className="app-quote">
              <blockquote {...other(htmlLang(quote.lang))}>
                <p className="govuk-body app-free-text">“{quote.text}”</p>
              </blockquote>
              {quote.translation ? (
                <figcaption className="govuk-body-s app-free-text">
                  {t("ysd.quoteTranslation", { language: t(`common:languageNames.${quote.lang}`, { defaultValue: quote.lang }) })}{" "}
                  <span {...other("en")}>{quote.translation}</span>
                </figcaption>
              ) : null}
            </figure>
          ))}
          <Corrections corrections={section.corrections} format={format} />
        </div>
        <div className="govuk-grid-column-one-half">
          <Sub className="govuk-heading-m">{t("ysd.weDid")}</Sub>
          {section.actions.length === 0 ? <p className="govuk-body">{t("ysd.noActions")}</p> : null}
          {section.actions.map((action) => (
            <article key={action.id} className="app-ysd-action">
              <Title className="govuk-heading-s" {...other(action.langs.title)}>
                {notEasyRead(action.langs.title)}
                <Link className="govuk-link" to={`/you-said-we-did/actions/${action.id}`}>
                  {action.title}
                </Link>
              </Title>
              <p className="govuk-body">
                <StatusTag status={action.status} />
              </p>
              <p className="govuk-body app-free-text" {...other(action.langs.description)}>
                {notEasyRead(action.langs.description)}
                {action.description}
              </p>
              <ActionFacts action={action} format={format} />
              <Corrections corrections={action.corrections} format={format} />
            </article>
          ))}
        </div>
      </div>
    </section>
  );
}

export function MethodNote({ threshold, lastUpdated, format }: { threshold: number; lastUpdated: string | null; format: Format }) {
  const { t } = useTranslation("pages");
  return (
    <section aria-labelledby="method-heading" className="app-method">
      <h2 className="govuk-heading-m" id="method-heading">
        {t("ysd.methodHeading")}
      </h2>
      <p className="govuk-body">{t("ysd.method1")}</p>
      <p className="govuk-body">{t("ysd.method2", { threshold })}</p>
      <p className="govuk-body">{t("ysd.method3")}</p>
      {lastUpdated ? <p className="govuk-body">{t("ysd.updated", { date: format.date(lastUpdated) })}</p> : null}
    </section>
  );
}

/** The same figures as a printable report and as open data. Plain links: files are downloads, not pages. */
export function OtherFormats({ period }: { period: string }) {
  const { t } = useTranslation("pages");
  const query = `?period=${encodeURIComponent(period)}`;
  return (
    <section aria-labelledby="formats-heading" className="app-method app-no-print">
      <h2 className="govuk-heading-m" id="formats-heading">
        {t("ysd.formats.heading")}
      </h2>
      <ul className="govuk-list">
        <li>
          <Link className="govuk-link" to={`/you-said-we-did/report${query}`}>
            {t("ysd.formats.report")}
          </Link>
        </li>
        <li>
          <a className="govuk-link" href={`/you-said-we-did.csv${query}`}>
            {t("ysd.formats.csv")}
          </a>
        </li>
        <li>
          <a className="govuk-link" href={`/you-said-we-did.json${query}`}>
            {t("ysd.formats.json")}
          </a>
        </li>
        <li>
          <a className="govuk-link" href="/you-said-we-did.atom">
            {t("ysd.formats.atom")}
          </a>
        </li>
      </ul>
      <p className="govuk-body">{t("ysd.formats.licence")}</p>
    </section>
  );
}
