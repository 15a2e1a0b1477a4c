/** Languages the interface is offered in. More arrive with their locale files. */
export const supportedLanguages = ["en"] as const;
export type Language = (typeof supportedLanguages)[number];
export const fallbackLanguage: Language = "en";
export const defaultNamespace = "common";

const rightToLeft = new Set(["ar", "ur", "he", "fa"]);

export function textDirection(lang: string): "rtl" | "ltr" {
  return rightToLeft.has(lang.split("-")[0]) ? "rtl" : "ltr";
}

export function isSupportedLanguage(lang: string | null | undefined): lang is Language {
  return supportedLanguages.includes(lang as Language);
}

/** Options shared by the server and browser i18next instances. */
export const i18nOptions = {
  supportedLngs: [...supportedLanguages],
  fallbackLng: fallbackLanguage,
  defaultNS: defaultNamespace,
  ns: [defaultNamespace],
  interpolation: { escapeValue: false },
  react: { useSuspense: false },
};

/** The locale for dates and numbers: British English for "en", whatever the browser says. */
export function intlLocale(lang: string): string {
  return lang === "en" ? "en-GB" : lang;
}
