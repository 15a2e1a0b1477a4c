import type { TFunction } from "i18next";
import type { PopulationDimension } from "../../db/schema";
import { htmlLang, textDirection } from "../i18n/config";
import { ageRange } from "./population-groups";

/** `lang` and `dir` for words in `textLang` on a page in `pageLang`: nothing when they are the same language. */
export function otherLanguage(textLang: string, pageLang: string): { lang?: string; dir?: "ltr" | "rtl" } {
  return htmlLang(textLang) === htmlLang(pageLang) ? {} : { lang: htmlLang(textLang), dir: textDirection(textLang) };
}

/** The population groups an answer counts in, in words: "ages 11 to 13", "State-funded primary school and State-funded secondary school". */
export function groupWords(t: TFunction, dimension: PopulationDimension, keys: string[]): string {
  if (dimension === "age") {
    const ranges = keys.map((key) => ageRange(key)).filter((range): range is [number, number] => range !== null);
    return t("population:questions.ages", { from: Math.min(...ranges.map((range) => range[0])), to: Math.max(...ranges.map((range) => range[1])) });
  }
  return keys.map((key) => t(`population:groups.${dimension}.${key}`, { defaultValue: key })).join(t("population:questions.and"));
}
