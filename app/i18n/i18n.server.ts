import { createCookie } from "@remix-run/node";
import i18next, { type TFunction, type TOptions } from "i18next";
import { RemixI18Next } from "remix-i18next/server";
import { fallbackLanguage, i18nOptions, isSupportedLanguage, supportedLanguages } from "./config";
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
  return fixedT(await getLocale(request), ns);
}

const fixedTs = new Map<string, TFunction>();

/**
 * A `t` fixed to one language, made once per language and namespaces. The strings are bundled and
 * never change, so a plain lookup (a key and no options) is remembered; a call with options (a
 * count, a value to put in) is translated each time.
 */
export function fixedT(lang: string, ns: string | string[] = "common"): TFunction {
  if (!isSupportedLanguage(lang)) return serverI18n.getFixedT(lang, ns);
  const id = `${lang}\u0000${typeof ns === "string" ? ns : ns.join(",")}`;
  let t = fixedTs.get(id);
  if (!t) {
    t = remembering(serverI18n.getFixedT(lang, ns));
    fixedTs.set(id, t);
  }
  return t;
}

// Keys are written in the code, so there are a few hundred; the limit only guards against a key built from input.
const REMEMBERED_KEYS = 5000;

function remembering(t: TFunction): TFunction {
  const plain = new Map<string, string>();
  const lookup = (key: string | string[], options?: TOptions) => {
    if (options !== undefined || typeof key !== "string") return t(key, options);
    let text = plain.get(key);
    if (text === undefined) {
      text = t(key);
      if (plain.size < REMEMBERED_KEYS) plain.set(key, text);
    }
    return text;
  };
  return lookup as unknown as TFunction;
}
