import fs from "node:fs";
import path from "node:path";
import { checkContent, checkNamespace, checkSurveyLanguage, leftInEnglish, placeholders } from "~/i18n/check";
import { supportedLanguages } from "~/i18n/config";
import { SurveyDefinition } from "~/surveys/definition";
import { englishContent } from "../../db/seed/themes";
import { contentTranslations } from "../../db/seed/translations";
import parentsAndCarers from "../../db/seed/surveys/parents-and-carers.survey.json";
import youngPeople from "../../db/seed/surveys/young-people.survey.json";

const locales = path.resolve(import.meta.dirname, "../../locales");
const read = (lang: string, namespace: string) => JSON.parse(fs.readFileSync(path.join(locales, lang, `${namespace}.json`), "utf8"));
const namespaces = fs.readdirSync(path.join(locales, "en")).map((file) => file.replace(/\.json$/, ""));
const demoSurveys = [parentsAndCarers, youngPeople].map((file) => SurveyDefinition.parse(file));

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
    expect(checkContent("ro", { themes: { s: { name: "T" } } }, { themes: { s: { name: " " } } })).toEqual([
      "db/seed/translations/ro.json: themes.s.name is empty",
    ]);
    const survey = SurveyDefinition.parse({
      slug: "s",
      audience: "young_person",
      estimatedMinutes: 1,
      text: { en: { title: "T", summary: "S", description: "D" }, ro: { title: "T", summary: "S", description: "" } },
      questions: [
        { key: "q", kind: "yes_no", text: { en: { text: "Q?", hint: "H" }, ro: { text: "Q?" } } },
        {
          key: "c",
          kind: "single_choice",
          text: { en: { text: "C?" } },
          options: [
            { value: "a", label: { en: "A", ro: "A" } },
            { value: "b", label: { en: "B" } },
          ],
        },
      ],
    });
    expect(checkSurveyLanguage("s.survey.json", "ro", survey)).toEqual([
      "s.survey.json: text.ro.description is missing",
      "s.survey.json: questions[0].text.ro.hint is missing",
      "s.survey.json: questions[1].text.ro is missing",
      "s.survey.json: questions[1].options[1].label.ro is missing",
    ]);
  });

  for (const lang of supportedLanguages.filter((code) => code !== "en")) {
    it(`finds nothing wrong with ${lang}`, () => {
      const problems = namespaces
        .filter((namespace) => !leftInEnglish[lang]?.includes(namespace))
        .flatMap((namespace) => checkNamespace(lang, namespace, read("en", namespace), read(lang, namespace)));
      problems.push(...checkContent(lang, englishContent(), contentTranslations[lang]));
      for (const survey of demoSurveys) problems.push(...checkSurveyLanguage(survey.slug, lang, survey));
      expect(problems).toEqual([]);
    });
  }

  it("has a locale folder for every language offered, and offers every locale folder", () => {
    expect(fs.readdirSync(locales).sort()).toEqual([...supportedLanguages].sort());
  });
});
