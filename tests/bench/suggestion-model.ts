// The theme suggestions' counts for the bench dataset, learned in one streaming pass over the tagged
// responses. The same counts as rebuildSuggestionModel (app/moderation/suggestions.server.ts), which
// asks the database once per response (40 s at 100,000 responses here, so some 7 minutes at a million,
// against about 2 for this); tests/bench/dataset.ts checks the two agree on every dataset it builds up
// to 20,000 responses.
import type SQLite from "better-sqlite3";
import { modelLanguage, termsOf } from "../../app/moderation/terms";

/** Terms of the texts seen most: one sentence answers come back thousands of times. */
const CACHED_TEXTS = 50_000;

export function learnSuggestions(sqlite: SQLite.Database): void {
  const cache = new Map<string, string[]>();
  const termsCached = (text: string, lang: string) => {
    const key = `${lang}\u0000${text}`;
    let terms = cache.get(key);
    if (!terms) {
      terms = termsOf(text, lang);
      if (cache.size < CACHED_TEXTS) cache.set(key, terms);
    }
    return terms;
  };
  const terms = new Map<string, Map<string, Map<number, number>>>();
  const docs = new Map<string, Map<number, { n: number; terms: number }>>();
  const learn = (lang: string, doc: Set<string>, themes: number[]) => {
    if (doc.size === 0) return;
    const byTerm = terms.get(lang) ?? new Map<string, Map<number, number>>();
    terms.set(lang, byTerm);
    const byTheme = docs.get(lang) ?? new Map<number, { n: number; terms: number }>();
    docs.set(lang, byTheme);
    for (const theme of themes) {
      const counted = byTheme.get(theme) ?? { n: 0, terms: 0 };
      byTheme.set(theme, { n: counted.n + 1, terms: counted.terms + doc.size });
      for (const term of doc) {
        const themesOfTerm = byTerm.get(term) ?? new Map<number, number>();
        byTerm.set(term, themesOfTerm);
        themesOfTerm.set(theme, (themesOfTerm.get(theme) ?? 0) + 1);
      }
    }
  };
  // Every free-text answer of every tagged response not held, once per theme, in response order.
  const rows = sqlite
    .prepare(
      `select r.id, r.lang, a.text, rt.theme_id as theme
       from responses r join answers a on a.response_id = r.id join response_themes rt on rt.response_id = r.id
       where r.flagged = 0 and a.text is not null
       order by r.id`,
    )
    .iterate() as Iterable<{ id: number; lang: string; text: string; theme: number }>;
  type Response = { id: number; lang: string; themes: Set<number>; texts: Set<string> };
  const finish = (response: Response | null) => {
    if (!response) return;
    const doc = new Set<string>();
    for (const text of response.texts) for (const term of termsCached(text, response.lang)) doc.add(term);
    learn(response.lang, doc, [...response.themes]);
  };
  let current: Response | null = null;
  for (const row of rows) {
    if (current === null || current.id !== row.id) {
      finish(current);
      current = { id: row.id, lang: modelLanguage(row.lang), themes: new Set(), texts: new Set() };
    }
    current.themes.add(row.theme);
    current.texts.add(row.text);
  }
  finish(current);
  save(sqlite, terms, docs);
}

function save(sqlite: SQLite.Database, terms: Map<string, Map<string, Map<number, number>>>, docs: Map<string, Map<number, { n: number; terms: number }>>) {
  const term = sqlite.prepare("insert into suggestion_terms (lang, term, theme_id, n) values (?, ?, ?, ?)");
  const doc = sqlite.prepare("insert into suggestion_docs (lang, theme_id, n, terms) values (?, ?, ?, ?)");
  const language = sqlite.prepare("insert into suggestion_languages (lang, vocabulary) values (?, ?)");
  sqlite.transaction(() => {
    for (const table of ["suggestion_terms", "suggestion_docs", "suggestion_languages"]) sqlite.exec(`delete from ${table}`);
    for (const [lang, byTerm] of terms) {
      for (const [text, byTheme] of byTerm) for (const [theme, n] of byTheme) term.run(lang, text, theme, n);
      language.run(lang, byTerm.size);
    }
    for (const [lang, byTheme] of docs) for (const [theme, counted] of byTheme) doc.run(lang, theme, counted.n, counted.terms);
  })();
}
