import fs from "node:fs";
import path from "node:path";
import { checkContent, checkNamespace, leftInEnglish, placeholders } from "~/i18n/check";
import { supportedLanguages } from "~/i18n/config";
import { contentTranslations, englishContent } from "../../db/seed/translations";

const locales = path.resolve(import.meta.dirname, "../../locales");
const read = (lang: string, namespace: string) => JSON.parse(fs.readFileSync(path.join(locales, lang, `${namespace}.json`), "utf8"));
const namespaces = fs.readdirSync(path.join(locales, "en")).map((file) => file.replace(/\.json$/, ""));

describe("the translation check", () => {
  it("finds missing and extra keys, changed variables, empty strings and missing plural forms", () => {
    const english = { a: "Hello {{name}}", b: { c: "Two" }, n_one: "{{count}} day", n_other: "{{count}} days" };
    const polish = { a: "Cześć {{imie}}", b: { c: "" }, extra: "x", n_one: "{{count}} dzień", n_few: "{{count}} dni", n_other: "{{count}} dnia" };
    const problems = checkNamespace("pl", "common", english, polish);
    expect(problems).toEqual([
      "pl/common.json: a uses imie but English uses name",
      "pl/common.json: b.c is empty",
      "pl/common.json: n_many is missing (pl needs the plural forms few, many, one, other)",
      "pl/common.json: extra is not in English: remove it, or add it to English first",
    ]);
    expect(placeholders("Call <0>0800 1111</0> or <1>999</1>, {{name}}")).toEqual(["</0>", "</1>", "<0>", "<1>", "name"]);
    expect(checkContent("ro", { surveys: { s: { title: "T" } } }, { surveys: { s: { title: " " } } })).toEqual(["db/seed/translations/ro.json: surveys.s.title is empty"]);
  });

  for (const lang of supportedLanguages.filter((code) => code !== "en")) {
    it(`finds nothing wrong with ${lang}`, () => {
      const problems = namespaces
        .filter((namespace) => !leftInEnglish[lang]?.includes(namespace))
        .flatMap((namespace) => checkNamespace(lang, namespace, read("en", namespace), read(lang, namespace)));
      problems.push(...checkContent(lang, englishContent(), contentTranslations[lang]));
      expect(problems).toEqual([]);
    });
  }

  it("has a locale folder for every language offered, and offers every locale folder", () => {
    expect(fs.readdirSync(locales).sort()).toEqual([...supportedLanguages].sort());
  });
});
