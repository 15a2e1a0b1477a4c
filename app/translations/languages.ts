import { fallbackLanguage, supportedLanguages, type Language } from "../i18n/config";

/**
 * The languages staff-written public text (statements, actions, progress updates) is translated
 * into: every language the portal speaks except English, which staff write in.
 *
 * Easy Read English is one of them, as it is for survey text and theme names: it is its own wording
 * (short sentences, plain words), written by a person, so an item without it is missing it, and
 * its readers get standard English meanwhile. `isEnglish` treats Easy Read as English only for what
 * people write to us: an Easy Read answer needs no English translation for moderators.
 */
export const translationLanguages: Language[] = supportedLanguages.filter((lang) => lang !== fallbackLanguage);

export function isTranslationLanguage(lang: string | undefined): lang is Language {
  return translationLanguages.includes(lang as Language);
}

/** How many of an item's texts exist in one language. */
export interface LanguageProgress {
  lang: Language;
  done: number;
  total: number;
}

/** The languages in which an item still has a text to translate. */
export function missingLanguages(progress: LanguageProgress[]): Language[] {
  return progress.filter((language) => language.done < language.total).map((language) => language.lang);
}

/** Progress in every translation language, from the texts an item has and the languages each exists in. */
export function progressOf(texts: { langs: Iterable<string> }[]): LanguageProgress[] {
  const sets = texts.map((text) => new Set(text.langs));
  return translationLanguages.map((lang) => ({ lang, done: sets.filter((langs) => langs.has(lang)).length, total: texts.length }));
}

/** The revision kind of a translation into one language: one may wait per language (see revisions.server.ts). */
export function translationKind(lang: Language): string {
  return `translation:${lang}`;
}

/** The language a revision kind translates into, or null when it is not a translation. */
export function translatedLanguageOf(kind: string): Language | null {
  const lang = kind.startsWith("translation:") ? kind.slice("translation:".length) : "";
  return isTranslationLanguage(lang) ? lang : null;
}
