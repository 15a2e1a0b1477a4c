import { languagesWithFonts } from "../i18n/config";

/**
 * Loads the font a language's script needs on a page written in another language, such as a staff
 * page showing Urdu text. (The root loads it for pages in that language.) A stylesheet link may
 * sit in the body.
 */
export function ScriptFont({ lang }: { lang: string }) {
  return languagesWithFonts.has(lang) ? <link rel="stylesheet" href={`/fonts/${lang}.css`} /> : null;
}
