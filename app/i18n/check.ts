/**
 * Compares one language's strings with English: the same keys, the same {{variables}} and <0>tags</0>,
 * no empty strings, and every plural form the language needs (CLDR, through Intl.PluralRules).
 * Used by `npm run i18n:check` for translators and by the test suite.
 */
import type { SurveyFile } from "../surveys/definition";
import { surveyTexts } from "../surveys/view";

type Tree = { [key: string]: string | Tree };

/** Namespaces a language deliberately leaves to English: staff screens are not written in Easy Read. */
export const leftInEnglish: Record<string, string[]> = { "en-x-easyread": ["staff", "insight", "population", "exports"] };

const pluralSuffix = /_(zero|one|two|few|many|other)$/;

export function flatten(tree: Tree, prefix = ""): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === "string") out.set(path, value);
    else for (const [k, v] of flatten(value, path)) out.set(k, v);
  }
  return out;
}

/** The {{variables}} and numbered tags a string uses, sorted, so two strings can be compared. */
export function placeholders(text: string): string[] {
  const found = [...text.matchAll(/\{\{\s*([\w.]+)[^}]*\}\}|<(\/?\d+)\s*\/?>/g)].map((m) => m[1] ?? `<${m[2]}>`);
  return [...new Set(found)].sort();
}

export function pluralCategories(lang: string): string[] {
  const code = lang.startsWith("en-") ? "en" : lang;
  return new Intl.PluralRules(code).resolvedOptions().pluralCategories as string[];
}

/** Problems with one namespace of one language, described so a translator can fix them. */
export function checkNamespace(lang: string, namespace: string, english: Tree, translated: Tree): string[] {
  const problems: string[] = [];
  const where = (key: string) => `${lang}/${namespace}.json: ${key}`;
  const source = flatten(english);
  const target = flatten(translated);
  const needed = pluralCategories(lang);

  const base = (key: string) => key.replace(pluralSuffix, "");
  const pluralBases = new Set([...source.keys()].filter((key) => pluralSuffix.test(key)).map(base));

  for (const [key, text] of source) {
    if (pluralBases.has(base(key))) continue;
    const theirs = target.get(key);
    if (theirs === undefined) problems.push(`${where(key)} is missing`);
    else compare(key, text, theirs);
  }
  for (const stem of pluralBases) {
    const english = source.get(`${stem}_other`) ?? source.get(`${stem}_one`) ?? "";
    for (const category of needed) {
      const theirs = target.get(`${stem}_${category}`);
      if (theirs === undefined) problems.push(`${where(`${stem}_${category}`)} is missing (${lang} needs the plural forms ${needed.join(", ")})`);
      else compare(`${stem}_${category}`, english, theirs);
    }
  }
  for (const key of target.keys()) {
    if (source.has(key)) continue;
    const plural = pluralSuffix.exec(key);
    if (plural && pluralBases.has(base(key)) && needed.includes(plural[1])) continue;
    problems.push(`${where(key)} is not in English: remove it, or add it to English first`);
  }
  return problems;

  function compare(key: string, english: string, theirs: string) {
    if (theirs.trim() === "") {
      problems.push(`${where(key)} is empty`);
      return;
    }
    const expected = placeholders(english).filter((p) => p !== "count");
    const actual = placeholders(theirs).filter((p) => p !== "count");
    if (expected.join(" ") !== actual.join(" ")) {
      problems.push(`${where(key)} uses ${actual.join(" ") || "nothing"} but English uses ${expected.join(" ") || "nothing"}`);
    }
  }
}

/** Content a translator supplies for the starting themes: the same shape as English, no empties. */
export function checkContent(lang: string, english: unknown, translated: unknown, path = ""): string[] {
  const where = `db/seed/translations/${lang}.json: ${path || "(top)"}`;
  if (typeof english === "string") {
    if (typeof translated !== "string") return [`${where} is missing`];
    return translated.trim() === "" ? [`${where} is empty`] : [];
  }
  if (typeof english !== "object" || english === null) return [];
  if (typeof translated !== "object" || translated === null) return [`${where} is missing`];
  const problems: string[] = [];
  for (const [key, value] of Object.entries(english)) {
    problems.push(...checkContent(lang, value, (translated as Record<string, unknown>)[key], path ? `${path}.${key}` : key));
  }
  for (const key of Object.keys(translated)) {
    if (!(key in english)) problems.push(`${where}.${key} is not in English`);
  }
  return problems;
}

/**
 * The texts of a survey file not yet written in one language, by their place in the file. A survey
 * is offered in a language only when none are missing, so without this check a demo survey would
 * quietly stay in English.
 */
export function checkSurveyLanguage(file: string, lang: string, survey: SurveyFile): string[] {
  // surveyTexts names texts "title", "questions.<key>.hint", "questions.<key>.options.<value>": keys and values hold no dots.
  const place = (key: string) => {
    const [field, questionKey, part, value] = key.split(".");
    if (!questionKey) return `text.${lang}.${field}`;
    const index = survey.questions.findIndex((question) => question.key === questionKey);
    if (part === "text") return `questions[${index}].text.${lang}`;
    if (part === "hint") return `questions[${index}].text.${lang}.hint`;
    return `questions[${index}].options[${survey.questions[index].options.findIndex((option) => option.value === value)}].label.${lang}`;
  };
  return surveyTexts(survey)
    .filter((text) => text.get(lang) === undefined)
    .map((text) => `${file}: ${place(text.key)} is missing`);
}
