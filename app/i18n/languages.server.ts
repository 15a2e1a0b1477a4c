import type { LanguageChoice } from "~/components/LanguageSwitcher";
import { htmlLang, supportedLanguages, textDirection } from "./config";
import { fixedT } from "./i18n.server";

/** Each language named in itself, first letter capitalised as a menu item: people look for their own. */
export const languageChoices: LanguageChoice[] = supportedLanguages.map((code) => {
  const name = fixedT(code)(`languageNames.${code}`);
  return { code, name: name.charAt(0).toLocaleUpperCase(htmlLang(code)) + name.slice(1), lang: htmlLang(code), dir: textDirection(code) };
});
