import { fallbackLanguage } from "../i18n/config";

/** A text and the language it is in, so the page can mark English on a Polish page with lang="en". */
export interface LocalText {
  text: string;
  lang: string;
}

/** Whether a stored text counts: in a translation, blank means not translated yet. */
export function isWritten(text: string | null | undefined): text is string {
  return typeof text === "string" && text.trim() !== "";
}

/**
 * One field of a text kept per language: in the reader's language where it has been written in it,
 * else in the language it was first written in (English). Each field falls back on its own, so a
 * Polish title can sit above an English description until that is translated too. Null when even
 * the original has none (an action's impact before it is done).
 */
export function localText<T extends { lang: string }>(
  rows: T[],
  lang: string,
  read: (row: T) => string | null | undefined,
  original: string = fallbackLanguage,
): LocalText | null {
  for (const code of lang === original ? [original] : [lang, original]) {
    const row = rows.find((candidate) => candidate.lang === code);
    const text = row ? read(row) : undefined;
    if (isWritten(text)) return { text, lang: code };
  }
  return null;
}

interface ActionTextRow {
  lang: string;
  title: string;
  description: string;
  measure: string;
  status_reason: string | null;
  impact: string | null;
}

/** An action's public words in the reader's language, field by field, with the language each is in. */
export function actionWords(rows: ActionTextRow[], lang: string) {
  const title = localText(rows, lang, (row) => row.title);
  const description = localText(rows, lang, (row) => row.description);
  const measure = localText(rows, lang, (row) => row.measure);
  const statusReason = localText(rows, lang, (row) => row.status_reason);
  const impact = localText(rows, lang, (row) => row.impact);
  return {
    title: title?.text ?? "",
    description: description?.text ?? "",
    measure: measure?.text ?? "",
    statusReason: statusReason?.text ?? null,
    impact: impact?.text ?? null,
    langs: {
      title: title?.lang ?? fallbackLanguage,
      description: description?.lang ?? fallbackLanguage,
      measure: measure?.lang ?? fallbackLanguage,
      statusReason: statusReason?.lang ?? fallbackLanguage,
      impact: impact?.lang ?? fallbackLanguage,
    },
  };
}

/** A progress update in the reader's language where it has been translated, else as it was written. */
export function updateWords(
  update: { id: number; body: string; lang: string },
  translations: { update_id: number; lang: string; body: string }[],
  lang: string,
): LocalText {
  const rows = [update, ...translations.filter((row) => row.update_id === update.id)];
  return localText(rows, lang, (row) => row.body, update.lang) ?? { text: update.body, lang: update.lang };
}
