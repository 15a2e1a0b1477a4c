import { createCookie } from "@remix-run/node";
import i18next, { type TFunction } from "i18next";
import { RemixI18Next } from "remix-i18next/server";
import { fallbackLanguage, i18nOptions, supportedLanguages } from "./config";
import { resources } from "./resources";

/** Remembers a language chosen with ?lng= or the switcher. Not secret, so not signed. */
export const languageCookie = createCookie("lng", {
  path: "/",
  sameSite: "lax",
  httpOnly: true,
  secure: process.env.NODE_ENV === "production",
  maxAge: 60 * 60 * 24 * 365,
});

const detector = new RemixI18Next({
  detection: {
    supportedLanguages: [...supportedLanguages],
    fallbackLanguage,
    cookie: languageCookie,
    order: ["searchParams", "cookie", "header"],
    searchParamKey: "lng",
  },
  i18next: { ...i18nOptions, resources },
});

/** One shared instance holding every resource; per-request work only picks a language. */
export const serverI18n = i18next.createInstance();
void serverI18n.init({ ...i18nOptions, resources, ns: Object.keys(resources.en), initImmediate: false });

// Root loader, route loader and renderer all ask for the same request's language: detect it once.
const detected = new WeakMap<Request, Promise<string>>();

export function getLocale(request: Request): Promise<string> {
  let locale = detected.get(request);
  if (!locale) {
    locale = detector.getLocale(request);
    detected.set(request, locale);
  }
  return locale;
}

const perLanguage = new Map<string, typeof serverI18n>();

/** A read-only i18next instance fixed to one language, shared by every request in that language. */
export function instanceFor(lang: string): typeof serverI18n {
  let instance = perLanguage.get(lang);
  if (!instance) {
    instance = serverI18n.cloneInstance({ lng: lang, initImmediate: false });
    perLanguage.set(lang, instance);
  }
  return instance;
}

export async function getFixedT(request: Request, ns: string | string[] = "common"): Promise<TFunction> {
  return serverI18n.getFixedT(await getLocale(request), ns);
}

export function fixedT(lang: string, ns: string | string[] = "common"): TFunction {
  return serverI18n.getFixedT(lang, ns);
}
