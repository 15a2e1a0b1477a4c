/**
 * Languages the interface is offered in: English, Easy Read English, and the ten most common main
 * languages other than English in England (Census 2021). Easy Read is English, so its code is a
 * private-use tag on "en": i18next falls back from it to English, and pages say lang="en".
 */
export const supportedLanguages = ["en", "en-x-easyread", "pl", "ro", "pa", "ur", "pt", "es", "ar", "bn", "gu", "it"] as const;
export const easyRead = "en-x-easyread";
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

/** The locale for dates and numbers: British English for English and Easy Read, whatever the browser says. */
export function intlLocale(lang: string): string {
  return lang === "en" || lang === easyRead ? "en-GB" : lang;
}

/** The `lang` attribute for a language code: Easy Read is English to browsers and screen readers. */
export function htmlLang(lang: string): string {
  return lang === easyRead ? "en" : lang;
}

/** Languages whose script needs a font shipped with the app (public/fonts/<lang>.css). */
export const languagesWithFonts = new Set(["pa", "ur", "bn", "gu"]);

/** English and Easy Read English: no translation into English needed. */
export function isEnglish(lang: string): boolean {
  return lang === fallbackLanguage || lang === easyRead;
}
