import { isEnglish } from "../i18n/config";

/**
 * The words of free text as theme suggestions see them: Unicode word segmentation in the text's
 * own language (Intl.Segmenter handles every script the portal takes, Gurmukhi and Nastaliq
 * included), lower-cased, the commonest little words dropped, and each pair of neighbouring words
 * kept as well, so "waiting list" counts apart from "waiting" and "list".
 */

/** Easy Read answers are English, and learn and suggest with English ones. */
export function modelLanguage(lang: string): string {
  return isEnglish(lang) ? "en" : lang;
}

// Light lists: only words that say nothing about a theme and are common in every answer.
const stopWords: Record<string, string[]> = {
  en: (
    "a an and are as at be been but by can could did do does don't for from had has have he her him his i i'm i've if in into is it it's its " +
    "me my of on or our she so that the their them then there they this to was we were what when which who will with would you your"
  ).split(" "),
  pl: "a albo ale czy do i jak jest już mi mnie na nie o od po się są ta tak te to w we z za że".split(" "),
  ro: "a al ale cu de din este la mai nu o pe sa să se si și un una în".split(" "),
  pt: "a as com da das de do dos e é em meu minha na no não o os para por que se um uma".split(" "),
  es: "a al con de del el en es la las lo los mi no para por que se su un una y".split(" "),
  it: "a al che con da del della di e è il in la le lo mi mio non per si un una".split(" "),
};
const stopSets = new Map(Object.entries(stopWords).map(([lang, words]) => [lang, new Set(words)]));
const segmenters = new Map<string, Intl.Segmenter>();

function segmenter(lang: string): Intl.Segmenter {
  let found = segmenters.get(lang);
  if (!found) {
    found = new Intl.Segmenter(lang, { granularity: "word" });
    segmenters.set(lang, found);
  }
  return found;
}

/** The words of a text, in order, lower-cased, without stop words or bare numbers. */
export function wordsOf(text: string, lang: string): string[] {
  const language = modelLanguage(lang);
  const stop = stopSets.get(language);
  const words: string[] = [];
  for (const part of segmenter(language).segment(text.normalize("NFKC").replace(/[’‘`]/g, "'"))) {
    if (!part.isWordLike) continue;
    const word = part.segment.toLocaleLowerCase(language);
    if (/^\p{N}+$/u.test(word) || stop?.has(word)) continue;
    words.push(word);
  }
  return words;
}

/** The distinct terms of a text: its words and each pair of neighbouring words. */
export function termsOf(text: string, lang: string): string[] {
  const words = wordsOf(text, lang);
  const terms = new Set(words);
  for (let i = 1; i < words.length; i++) terms.add(`${words[i - 1]} ${words[i]}`);
  return [...terms];
}
