/**
 * Finds likely safeguarding disclosures in free text. Pure: no database, no server code, so the
 * phrase lists, the submit action and the tests all use exactly this. A match only holds a
 * response for a person to read; it never decides anything alone. The pattern syntax is in
 * db/seed/safeguarding/FORMAT.md.
 */

export const categories = [
  "suicide",
  "self_harm",
  "sexual_abuse",
  "physical_abuse",
  "adult_harm",
  "domestic_abuse",
  "exploitation",
  "neglect",
  "emotional_abuse",
  "not_safe",
] as const;
export type Category = (typeof categories)[number];

/** 1 is the most urgent: a risk to life or of serious harm now. */
export const urgencyOf: Record<Category, 1 | 2> = {
  suicide: 1,
  self_harm: 1,
  sexual_abuse: 1,
  physical_abuse: 1,
  adult_harm: 1,
  domestic_abuse: 1,
  exploitation: 1,
  not_safe: 1,
  neglect: 2,
  emotional_abuse: 2,
};

export interface PhraseList {
  lang: string;
  replace?: Record<string, string>;
  phrases: Partial<Record<Category, string[]>>;
  not?: string[];
}

export interface Match {
  category: Category;
  /** The pattern as written in the list. */
  phrase: string;
  /** The matched words with a few words either side, from the original text. */
  excerpt: string;
}

interface Token {
  word: string;
  start: number;
  end: number;
  /** Worked out once per answer, when first needed. */
  heads?: string[];
  deletions?: string[];
}

interface WordPart {
  kind: "word";
  /** Single words, as a set for a quick look-up. */
  exact: Set<string>;
  /** Alternatives that fold to several words ("self-harm" → "self harm"). */
  runs: string[][];
  prefixes: string[];
  /** Words long enough to match with one typo. */
  fuzzy: string[];
  /** What this test said of each word it has seen: the same words come up again and again. */
  seen: Map<string, boolean>;
}
type WordTest = WordPart | { kind: "gap" };

interface Compiled {
  category: Category | null;
  phrase: string;
  parts: WordTest[];
}

const ZERO_WIDTH = /[\u200B-\u200D\u2060\uFEFF\u00AD]/g;
const APOSTROPHES = /['\u2019\u2018\u02BC\u0060\u00B4]/g;
const ARABIC_MARKS = /[\u064B-\u065F\u0670\u06D6-\u06ED\u0640]/g;
const LATIN_MARK = /(\p{Script=Latin})\p{M}+/gu;
// Apostrophes and invisible characters stay inside a word here and are folded away later, so that
// offsets point into the text as written and excerpts keep "don't".
const WORD = /[\p{L}\p{M}\p{N}'\u2019\u2018\u02BC\u200B-\u200D\u2060\uFEFF\u00AD]+/gu;
const GAP = 3;

const letterForms: Record<string, string> = {
  أ: "ا",
  إ: "ا",
  آ: "ا",
  ٱ: "ا",
  ى: "ی",
  ي: "ی",
  ئ: "ی",
  ك: "ک",
  ة: "ه",
  ۀ: "ه",
  ہ: "ه",
  ھ: "ه",
  ە: "ه",
  ؤ: "و",
  ł: "l",
  ø: "o",
  đ: "d",
  ß: "ss",
};
const LETTER_FORMS = new RegExp(`[${Object.keys(letterForms).join("")}]`, "g");

/** Compatibility forms folded (full-width letters, ligatures); the text is otherwise as written. */
function prepare(text: string): string {
  return text.normalize("NFKC");
}

const folded = new Map<string, string>();

/** One word as the matcher compares it: lower case, no apostrophes or invisible characters, no Latin accents, one Arabic letter form. */
export function foldWord(word: string): string {
  let result = folded.get(word);
  if (result === undefined) {
    result = fold(word);
    if (folded.size > 50_000) folded.clear();
    folded.set(word, result);
  }
  return result;
}

function fold(word: string): string {
  return word
    .replace(ZERO_WIDTH, "")
    .replace(APOSTROPHES, "")
    .toLocaleLowerCase("und")
    .normalize("NFD")
    .replace(LATIN_MARK, "$1")
    .normalize("NFC")
    .replace(ARABIC_MARKS, "")
    .replace(LETTER_FORMS, (letter) => letterForms[letter]);
}

function tokenise(text: string): Token[] {
  const prepared = prepare(text);
  const tokens: Token[] = [];
  for (const match of prepared.matchAll(WORD)) {
    const word = foldWord(match[0]);
    if (word) tokens.push({ word, start: match.index, end: match.index + match[0].length });
  }
  return tokens;
}

const words = (text: string) => tokenise(text).map((token) => token.word);

type Replacements = Map<string, Array<{ from: string[]; to: string[] }>>;

/** Rewrites text-speak and misspellings; a rewritten word keeps the place of what it replaced. */
function applyReplacements(tokens: Token[], replacements: Replacements): Token[] {
  if (replacements.size === 0) return tokens;
  const out: Token[] = [];
  let i = 0;
  outer: while (i < tokens.length) {
    for (const { from, to } of replacements.get(tokens[i].word) ?? []) {
      if (from.every((word, k) => tokens[i + k]?.word === word)) {
        const start = tokens[i].start;
        const end = tokens[i + from.length - 1].end;
        for (const word of to) out.push({ word, start, end });
        i += from.length;
        continue outer;
      }
    }
    out.push(tokens[i]);
    i += 1;
  }
  return out;
}

/** At most one letter added, missing, changed, or two next to each other swapped. */
function oneTypoApart(a: string, b: string): boolean {
  if (a === b) return true;
  const la = [...a];
  const lb = [...b];
  if (Math.abs(la.length - lb.length) > 1) return false;
  if (la.length === lb.length) {
    const diffs: number[] = [];
    for (let i = 0; i < la.length && diffs.length <= 2; i++) if (la[i] !== lb[i]) diffs.push(i);
    if (diffs.length === 1) return true;
    return diffs.length === 2 && diffs[1] === diffs[0] + 1 && la[diffs[0]] === lb[diffs[1]] && la[diffs[1]] === lb[diffs[0]];
  }
  const [short, long] = la.length < lb.length ? [la, lb] : [lb, la];
  let i = 0;
  while (i < short.length && short[i] === long[i]) i++;
  return short.slice(i).join("") === long.slice(i + 1).join("");
}

const FUZZY_FROM = 7;
const length = (word: string) => [...word].length;

function wordMatches(test: WordPart, word: string): boolean {
  let result = test.seen.get(word);
  if (result === undefined) {
    result =
      test.exact.has(word) ||
      test.prefixes.some((prefix) => word.startsWith(prefix)) ||
      (test.fuzzy.length > 0 && length(word) >= FUZZY_FROM - 1 && test.fuzzy.some((candidate) => oneTypoApart(candidate, word)));
    // Bounded: answers bring endless new words.
    if (test.seen.size > 200) test.seen.clear();
    test.seen.set(word, result);
  }
  return result;
}

/** Turns one pattern into word tests; undefined when it has no words (an empty line, say). */
export function compilePattern(pattern: string, category: Category | null): Compiled | undefined {
  const parts: WordTest[] = [];
  for (const piece of pattern.trim().split(/\s+/)) {
    if (piece === "..." || piece === "…") {
      if (parts.length > 0 && parts[parts.length - 1].kind !== "gap") parts.push({ kind: "gap" });
      continue;
    }
    const test: WordPart = { kind: "word", exact: new Set(), runs: [], prefixes: [], fuzzy: [], seen: new Map() };
    for (const alternative of piece.split("|")) {
      const prefix = alternative.endsWith("*");
      // An alternative may fold to several words ("self-harm"); a phrase is better written with spaces.
      const folded = words(prefix ? alternative.slice(0, -1) : alternative);
      if (folded.length === 0) continue;
      if (prefix) test.prefixes.push(folded.join(" "));
      else if (folded.length > 1) test.runs.push(folded);
      else {
        test.exact.add(folded[0]);
        if (length(folded[0]) >= FUZZY_FROM) test.fuzzy.push(folded[0]);
      }
    }
    if (test.exact.size + test.runs.length + test.prefixes.length > 0) parts.push(test);
  }
  while (parts.length > 0 && parts[parts.length - 1].kind === "gap") parts.pop();
  return parts.length > 0 ? { category, phrase: pattern, parts } : undefined;
}

/** Where a pattern matches from `start`: the index of its last word, or -1. */
function matchAt(parts: WordTest[], tokens: Token[], start: number): number {
  const step = (part: number, at: number): number => {
    if (part === parts.length) return at - 1;
    const test = parts[part];
    if (test.kind === "gap") {
      for (let skip = 0; skip <= GAP; skip++) {
        const end = step(part + 1, at + skip);
        if (end >= 0) return end;
      }
      return -1;
    }
    const token = tokens[at];
    if (!token) return -1;
    // An alternative that folded to several words ("self harm") must match them all.
    for (const run of test.runs) {
      if (run.every((word, k) => tokens[at + k]?.word === word)) {
        const end = step(part + 1, at + run.length);
        if (end >= 0) return end;
      }
    }
    return wordMatches(test, token.word) ? step(part + 1, at + 1) : -1;
  };
  return step(0, start);
}

export interface Detector {
  find(text: string): Match[];
}

/** Patterns by what their first word can be, so each word of an answer tries only the few that might start there. */
interface FirstWordIndex {
  exact: Map<string, Compiled[]>;
  /** By the first character of the prefix. */
  prefixes: Map<string, Array<{ prefix: string; pattern: Compiled }>>;
  /** Long words and each of their one-letter deletions, for one-typo matches. */
  typos: Map<string, Compiled[]>;
}

interface Group {
  /** By their first word, longest first. */
  replacements: Replacements;
  patterns: FirstWordIndex;
  exceptions: FirstWordIndex;
}

function deletions(word: string): string[] {
  const letters = [...word];
  return letters.map((_, i) => [...letters.slice(0, i), ...letters.slice(i + 1)].join(""));
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V) {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

function indexByFirstWord(patterns: Compiled[]): FirstWordIndex {
  const index: FirstWordIndex = { exact: new Map(), prefixes: new Map(), typos: new Map() };
  for (const pattern of patterns) {
    const first = pattern.parts[0] as WordPart;
    for (const word of first.exact) push(index.exact, word, pattern);
    for (const run of first.runs) push(index.exact, run[0], pattern);
    for (const prefix of first.prefixes) push(index.prefixes, head(prefix), { prefix, pattern });
    for (const word of first.fuzzy) for (const key of [word, ...deletions(word)]) push(index.typos, key, pattern);
  }
  return index;
}

/** A prefix is filed under its first two letters (or its one letter). */
const head = (text: string) => [...text].slice(0, 2).join("");

const NONE: Compiled[] = [];

/** The patterns that might start at this word (the same one may come twice). */
function candidates(index: FirstWordIndex, token: Token): Compiled[] {
  const word = token.word;
  const exact = index.exact.get(word) ?? NONE;
  let more: Compiled[] | undefined;
  for (const key of token.heads ?? (token.heads = [head(word), [...word][0] ?? ""])) {
    for (const entry of index.prefixes.get(key) ?? NONE_PREFIXES) if (word.startsWith(entry.prefix)) (more ??= []).push(entry.pattern);
  }
  if (index.typos.size > 0 && word.length >= FUZZY_FROM - 1) {
    for (const key of token.deletions ?? (token.deletions = [word, ...deletions(word)])) {
      const typos = index.typos.get(key);
      if (typos) (more ??= []).push(...typos);
    }
  }
  return more ? [...exact, ...more] : exact;
}
const NONE_PREFIXES: Array<{ prefix: string; pattern: Compiled }> = [];

/** Easy Read is English: its list joins the English one. */
const groupOf = (lang: string) => lang.split("-")[0];

function compileGroup(lists: PhraseList[]): Group {
  const group = { replacements: [] as Array<{ from: string[]; to: string[] }>, patterns: [] as Compiled[], exceptions: [] as Compiled[] };
  for (const list of lists) {
    for (const [from, to] of Object.entries(list.replace ?? {})) {
      const fromWords = words(from);
      if (fromWords.length > 0) group.replacements.push({ from: fromWords, to: words(to) });
    }
    for (const category of categories) {
      for (const phrase of list.phrases[category] ?? []) {
        const compiled = compilePattern(phrase, category);
        if (compiled) group.patterns.push(compiled);
      }
    }
    for (const phrase of list.not ?? []) {
      const compiled = compilePattern(phrase, null);
      if (compiled) group.exceptions.push(compiled);
    }
  }
  // Longer rewrites first, so "do not" wins over "do".
  group.replacements.sort((a, b) => b.from.length - a.from.length);
  const replacements: Replacements = new Map();
  for (const replacement of group.replacements) push(replacements, replacement.from[0], replacement);
  return { replacements, patterns: indexByFirstWord(group.patterns), exceptions: indexByFirstWord(group.exceptions) };
}

/**
 * Builds a detector from phrase lists. Every language's list reads every answer, so mixed-language
 * answers are read too; each list reads it through its own rewrites and exceptions only, so that
 * Portuguese "mi" → "me" never changes a Spanish sentence.
 */
export function createDetector(lists: PhraseList[]): Detector {
  const byGroup = new Map<string, PhraseList[]>();
  for (const list of lists) byGroup.set(groupOf(list.lang), [...(byGroup.get(groupOf(list.lang)) ?? []), list]);
  const groups = [...byGroup.values()].map(compileGroup);

  return {
    find(text) {
      const original = prepare(text);
      const plain = tokenise(text);
      const found: Match[] = [];
      const seen = new Set<string>();
      for (const group of groups) {
        const tokens = applyReplacements(plain, group.replacements);
        const cancelled = new Set<number>();
        for (let i = 0; i < tokens.length; i++) {
          for (const exception of candidates(group.exceptions, tokens[i])) {
            const end = matchAt(exception.parts, tokens, i);
            for (let k = i; k <= end; k++) cancelled.add(k);
          }
        }
        // Each pattern counts once, at the first place it matches outside an exception.
        const matched = new Set<Compiled>();
        for (let i = 0; i < tokens.length; i++) {
          for (const pattern of candidates(group.patterns, tokens[i])) {
            if (matched.has(pattern)) continue;
            const end = matchAt(pattern.parts, tokens, i);
            if (end < 0) continue;
            let overlaps = false;
            for (let k = i; k <= end && !overlaps; k++) overlaps = cancelled.has(k);
            if (overlaps) continue;
            matched.add(pattern);
            const key = `${pattern.category}:${tokens[i].start}`;
            if (!seen.has(key)) {
              seen.add(key);
              found.push({ category: pattern.category as Category, phrase: pattern.phrase, excerpt: excerpt(original, tokens, i, end) });
            }
          }
        }
      }
      return found.sort((a, b) => urgencyOf[a.category] - urgencyOf[b.category]);
    },
  };
}

const CONTEXT_WORDS = 6;

function excerpt(original: string, tokens: Token[], first: number, last: number): string {
  const from = tokens[Math.max(0, first - CONTEXT_WORDS)].start;
  const to = tokens[Math.min(tokens.length - 1, last + CONTEXT_WORDS)].end;
  const before = from > 0 ? "… " : "";
  const after = to < original.length ? " …" : "";
  return `${before}${original.slice(from, to).replace(/\s+/g, " ").trim()}${after}`;
}

/** The most urgent level among matches, or undefined when nothing matched. */
export function urgencyOfMatches(matches: Match[]): 1 | 2 | undefined {
  if (matches.length === 0) return undefined;
  return Math.min(...matches.map((match) => urgencyOf[match.category])) as 1 | 2;
}
