import { fallbackLanguage, supportedLanguages } from "../i18n/config";

/** Languages a period's name can be given in besides English, which every other falls back to. */
export const translatedLanguages = supportedLanguages.filter((lang) => lang !== fallbackLanguage);

/** The form field of a period's name in another language ("name_pl"). */
export const nameField = (lang: string) => `name_${lang}`;
