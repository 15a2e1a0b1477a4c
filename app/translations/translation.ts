import type { Language } from "../i18n/config";

/**
 * One text of a statement or action to translate, as the translate page shows it: the English
 * beside the words in the language so far.
 */
export interface SourceText {
  /** The form field and its id: "summary", "title", "update-12". */
  name: string;
  /** What the text is, a key under staff:translations.fields. */
  field: "summary" | "title" | "description" | "measure" | "status_reason" | "impact" | "update";
  english: string;
  /** The translation so far; blank when there is none. */
  current: string;
  /** The longest the English may be; a translation may be as long. */
  max: number;
  /** The message key for a translation over `max`, under the page's error prefix. */
  tooLong: string;
  /** A progress update's date, to tell updates apart. */
  on?: string;
}

/** What a translate page shows. */
export interface TranslatePageData {
  title: string;
  /** What is being translated, in English: the action's title, or the statement's theme and period. */
  caption: string;
  back: string;
  csrf: string;
  lang: string;
  language: string;
  published: boolean;
  waiting: { by: string; at: string } | null;
  notice: string | null;
  texts: SourceText[];
}

/** A language's words for an item, field name → text; blank means not translated. */
export interface Translation {
  lang: Language;
  texts: Record<string, string>;
}

/** Whether the posted words are what is already there, so nothing needs saving or approving. */
export function isUnchanged(texts: SourceText[], translation: Translation): boolean {
  return texts.every((text) => (translation.texts[text.name] ?? "").trim() === text.current.trim());
}
