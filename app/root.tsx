import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { isRouteErrorResponse, Link, Links, Meta, Outlet, Scripts, ScrollRestoration, useMatches, useRouteError, useRouteLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { getDb } from "./db.server";
import { easyRead, htmlLang, languagesWithFonts, textDirection } from "./i18n/config";
import { fixedT, getLocale } from "./i18n/i18n.server";
import { useNonce } from "./utils/nonce";
import { getSettings } from "./settings.server";
import { canUse, getSession } from "./accounts/session.server";
import { ConcernBanner, StaffNav } from "./components/StaffNav";
import { ListenBanner } from "./spoken/ListenToday";
import { countWaitingToBeHeard } from "./spoken/recordings.server";
import { SessionTimeout } from "./accounts/SessionTimeout";
import { countNewConcerns } from "./safeguarding/concerns.server";
import { LanguageSwitcher } from "./components/LanguageSwitcher";
import { languageChoices } from "./i18n/languages.server";
import { passThroughHeaders, type ErrorData } from "./utils/http.server";
import styles from "./styles/app.css";

export const handle = { i18n: ["common"] };

export const links = () => [
  { rel: "stylesheet", href: styles },
  { rel: "icon", href: "/favicon.svg", type: "image/svg+xml" },
];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const lang = await getLocale(request);
  const t = fixedT(lang);
  const { organisation_name: organisation, children_services_phone: childrenServicesPhone } = await getSettings(getDb());
  const session = await getSession(request);
  const safeguarding = session ? canUse(session.user.role, "safeguarding") : false;
  return json({
    staff: session
      ? {
          name: session.user.name,
          csrf: session.csrfToken,
          admin: canUse(session.user.role, "admin"),
          // A supporter's bar offers only their own pages.
          moderate: canUse(session.user.role, "moderate"),
          safeguarding,
          // Leads see at once, on every staff page, that a concern is waiting.
          newConcerns: safeguarding ? await countNewConcerns(getDb()) : 0,
          // And that a young person's spoken answer waits to be heard (app/spoken/).
          waitingToBeHeard: safeguarding ? await countWaitingToBeHeard(getDb()) : 0,
        }
      : null,
    lang,
    dir: textDirection(lang),
    languages: languageChoices,
    organisation,
    childrenServicesPhone,
    formErrors: Boolean(context.formErrors),
    titles: {
      serviceName: t("serviceName"),
      errorPrefix: t("errorPrefix"),
      serverError: t("errors.server.title"),
      methodNotAllowed: t("errors.methodNotAllowed.title"),
      unavailable: t("errors.unavailable.title"),
    },
  });
}

/** Routes opt in to JavaScript with `handle.hydrate`; every other page ships none. */
function useHydrate() {
  return useMatches().some((match) => (match.handle as { hydrate?: boolean } | undefined)?.hydrate);
}

export function Layout({ children }: { children: React.ReactNode }) {
  const data = useRouteLoaderData<typeof loader>("root");
  const { t, i18n } = useTranslation();
  const nonce = useNonce();
  const hydrate = useHydrate();
  const lang = data?.lang ?? i18n.language ?? "en";
  const error = useRouteError();
  const known = isRouteErrorResponse(error) ? knownStatus(error.status) : undefined;
  return (
    <html lang={htmlLang(lang)} dir={data?.dir ?? textDirection(lang)} className={lang === easyRead ? "govuk-template app-easy-read" : "govuk-template"}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="theme-color" content="#1d5c63" />
        {/* Here rather than in each route's meta, so every page has one, error pages too, in its language. */}
        <meta name="description" content={t("meta.description")} />
        {/* A post to a page that takes none is refused before any loader runs, so meta has no titles to use. */}
        {data ? null : <title>{`${t(`errors.${known ?? "server"}.title`)} – ${t("serviceName")}`}</title>}
        <Meta />
        <Links />
        {languagesWithFonts.has(lang) ? <link rel="stylesheet" href={`/fonts/${lang}.css`} /> : null}
      </head>
      <body className="govuk-template__body">
        <a href="#main-content" className="govuk-skip-link">
          {t("skipToMain")}
        </a>
        <header className="app-header">
          <div className="govuk-width-container app-header__inner">
            <Link to="/" className="app-header__service">
              {t("serviceName")}
            </Link>
            {data?.organisation ? <span className="app-header__organisation">{data.organisation}</span> : null}
            {data?.languages ? <LanguageSwitcher languages={data.languages} current={lang} /> : null}
          </div>
          <nav className="govuk-width-container app-nav" aria-label={t("nav.label")}>
            <ul className="app-nav__list">
              <li>
                <Link to="/surveys">{t("nav.surveys")}</Link>
              </li>
              <li>
                <Link to="/you-said-we-did">{t("nav.youSaidWeDid")}</Link>
              </li>
              <li>
                <Link to="/resume">{t("nav.resume")}</Link>
              </li>
            </ul>
          </nav>
        </header>
        {data?.staff ? <StaffNav staff={data.staff} /> : null}
        {data?.staff ? <SessionTimeout csrf={data.staff.csrf} nonce={nonce} /> : null}
        <div className="govuk-width-container">
          <main className="govuk-main-wrapper" id="main-content">
            {data?.staff ? <ConcernBanner count={data.staff.newConcerns} /> : null}
            {data?.staff ? <ListenBanner count={data.staff.waitingToBeHeard} /> : null}
            {children}
          </main>
        </div>
        <footer className="govuk-footer">
          <div className="govuk-width-container">
            <h2 className="govuk-visually-hidden">{t("footer.label")}</h2>
            <ul className="govuk-footer__inline-list">
              <li className="govuk-footer__inline-list-item">
                <Link className="govuk-footer__link" to="/accessibility">
                  {t("footer.accessibility")}
                </Link>
              </li>
              <li className="govuk-footer__inline-list-item">
                <Link className="govuk-footer__link" to="/privacy">
                  {t("footer.privacy")}
                </Link>
              </li>
            </ul>
            {data?.organisation ? <p className="govuk-body-s">{t("footer.runBy", { organisation: data.organisation })}</p> : null}
          </div>
        </footer>
        {hydrate ? (
          <>
            <ScrollRestoration nonce={nonce} />
            <Scripts nonce={nonce} />
          </>
        ) : null}
      </body>
    </html>
  );
}

export default function App() {
  return <Outlet />;
}

export { passThroughHeaders as headers };

export const meta: MetaFunction<typeof loader> = ({ data, error }) => {
  // Without the root's data the layout writes the title itself (see Layout).
  if (!error || !data) return [];
  const known = isRouteErrorResponse(error) ? knownStatus(error.status) : undefined;
  const title =
    isRouteErrorResponse(error) &&
    ((error.data as ErrorData | undefined)?.title || (known === "methodNotAllowed" || known === "unavailable" ? data?.titles[known] : undefined));
  const serviceName = data?.titles.serviceName ?? "";
  return [{ title: `${title || data?.titles.serverError || ""} – ${serviceName}` }];
};

/**
 * Answers that come without a page of their own: Remix's for a page that does not exist or a post
 * to a page that takes none, and the server's 503 when the database could not be reached
 * (server/remix.ts), which asks the person to try again.
 */
function knownStatus(status: number) {
  return status === 404 ? "notFound" : status === 405 ? "methodNotAllowed" : status === 503 ? "unavailable" : undefined;
}

export function ErrorBoundary() {
  const error = useRouteError();
  const { t } = useTranslation();
  const response = isRouteErrorResponse(error) ? error : undefined;
  const data = response?.data as ErrorData | undefined;
  const known = response ? knownStatus(response.status) : undefined;
  if (!data?.title && !known) console.error(error);
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <h1 className="govuk-heading-l">{data?.title ?? (known ? t(`errors.${known}.title`) : t("errors.server.title"))}</h1>
        <p className="govuk-body">{data?.body ?? (known ? t(`errors.${known}.body`) : t("errors.server.body"))}</p>
        <p className="govuk-body">
          <Link className="govuk-link" to={data?.link.to ?? "/"}>
            {data?.link.label ?? t("errors.goHome")}
          </Link>
        </p>
      </div>
    </div>
  );
}
