import { json, type AppLoadContext, type HeadersFunction } from "@remix-run/node";
import type { TFunction } from "i18next";

/** Error pages a person can meet; each has a title and body in locales/<lng>/common.json under errors. */
export type ErrorKind =
  | "notFound"
  | "surveyNotFound"
  | "linkNotFound"
  | "surveyClosed"
  | "draftExpired"
  | "badForm"
  | "rateLimited"
  | "guessLimited"
  | "forbidden"
  | "csrf"
  | "cannotQuote"
  | "badRequest"
  | "methodNotAllowed"
  | "crossSite"
  | "tooLarge";

/** What an error page shows, already in the person's language. */
export interface ErrorData {
  kind: ErrorKind;
  title: string;
  body: string;
  link: { to: string; label: string };
}

const links: Record<ErrorKind, { to: string; label: string }> = {
  notFound: { to: "/", label: "errors.goHome" },
  surveyNotFound: { to: "/surveys", label: "errors.goToSurveys" },
  linkNotFound: { to: "/surveys", label: "errors.goToSurveys" },
  surveyClosed: { to: "/you-said-we-did", label: "errors.goToYouSaidWeDid" },
  draftExpired: { to: "/surveys", label: "errors.goToStart" },
  badForm: { to: "/surveys", label: "errors.goToSurveys" },
  rateLimited: { to: "/", label: "errors.goHome" },
  guessLimited: { to: "/", label: "errors.goHome" },
  forbidden: { to: "/moderate", label: "errors.goToModeration" },
  csrf: { to: "/moderate", label: "errors.goToModeration" },
  cannotQuote: { to: "/moderate", label: "errors.goToModeration" },
  badRequest: { to: "/", label: "errors.goHome" },
  methodNotAllowed: { to: "/", label: "errors.goHome" },
  crossSite: { to: "/", label: "errors.goHome" },
  tooLarge: { to: "/", label: "errors.goHome" },
};

interface ErrorOptions {
  /** Where the page's link goes, when it should differ from the usual one (the survey to start again). */
  linkTo?: string;
  retryAfterSeconds?: number;
}

/** Stops the loader or action with a page that explains the problem in the person's language. */
export function httpError(t: TFunction, status: number, kind: ErrorKind, options: ErrorOptions = {}): never {
  const minutes = options.retryAfterSeconds ? Math.max(1, Math.ceil(options.retryAfterSeconds / 60)) : 0;
  const headers: HeadersInit = options.retryAfterSeconds ? { "Retry-After": String(options.retryAfterSeconds) } : {};
  throw json<ErrorData>(
    {
      kind,
      title: t(`common:errors.${kind}.title`),
      body: t(`common:errors.${kind}.body`, { count: minutes }),
      link: { to: options.linkTo ?? links[kind].to, label: t(`common:${links[kind].label}`) },
    },
    { status, headers },
  );
}

/** A form that did not validate: 400 with the data to show the page again, keeping what was typed. */
export function formFailure<T>(context: AppLoadContext, data: T) {
  context.formErrors = true;
  return json(data, { status: 400 });
}

/**
 * Passes `Retry-After` (and `Allow`) from a route's own replies, thrown or returned, to the page:
 * the root uses it, and so does any route whose action can answer 429.
 */
export const passThroughHeaders: HeadersFunction = ({ errorHeaders, actionHeaders, loaderHeaders, parentHeaders }) => {
  const passed = new Headers();
  for (const name of ["Retry-After", "Allow"]) {
    const value = errorHeaders?.get(name) ?? actionHeaders.get(name) ?? loaderHeaders.get(name) ?? parentHeaders.get(name);
    if (value) passed.set(name, value);
  }
  return passed;
};
