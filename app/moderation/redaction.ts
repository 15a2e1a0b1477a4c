import names from "./data/names.json";

export type RedactionKind = "email" | "url" | "phone" | "postcode" | "nhsNumber" | "dateOfBirth" | "name" | "setting";

export interface Redaction {
  start: number;
  end: number;
  kind: RedactionKind;
  found: string;
}

const firstNames = new Set(names.first.map((name) => name.toLocaleLowerCase()));
const surnames = new Set(names.last.map((name) => name.toLocaleLowerCase()));

const MONTHS =
  "jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|jun(?:e)?|jul(?:y)?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?|stycznia|lutego|marca|kwietnia|maja|czerwca|lipca|sierpnia|września|października|listopada|grudnia|enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|octubre|noviembre|diciembre|ianuarie|februarie|martie|aprilie|mai|iunie|iulie|august|septembrie|octombrie|noiembrie|decembrie|janeiro|fevereiro|março|maio|junho|julho|setembro|outubro|novembro|dezembro";

// Ordered: earlier patterns win where matches overlap (an email is not also a URL or a name).
const patterns: [RedactionKind, RegExp][] = [
  ["email", /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}.-]+\.[\p{L}]{2,}/gu],
  ["url", /\b(?:https?:\/\/|www\.)[^\s<>"]+[^\s<>".,;:!?)]/giu],
  ["nhsNumber", /\b\d{3}[ -]?\d{3}[ -]?\d{4}\b/g],
  ["phone", /(?:\+44\s?\(?0?\)?\s?|\b0)\d(?:[\s-]?\d){8,9}\b/g],
  ["postcode", /\b(?:[A-Z]{1,2}\d[A-Z\d]?|GIR)\s?\d[A-Z]{2}\b/gi],
  [
    "dateOfBirth",
    new RegExp(
      `\\b\\d{1,2}[/.-]\\d{1,2}[/.-](?:\\d{4}|\\d{2})\\b|\\b\\d{1,2}(?:st|nd|rd|th)?\\s+(?:${MONTHS})\\.?\\s+\\d{4}\\b|\\b(?:${MONTHS})\\s+\\d{1,2}(?:st|nd|rd|th)?,?\\s+\\d{4}\\b`,
      "giu",
    ),
  ],
];

function escapeRegExp(text: string) {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/**
 * Suggests what to take out of free text before it is quoted: contact details, identifiers,
 * dates of birth, people's names from the shipped list and the settings' names an administrator
 * listed. Suggestions only; the moderator decides and edits.
 */
const digitZeros = [0x0660, 0x06f0, 0x0966, 0x09e6, 0x0a66, 0x0ae6];

/** The same text with every decimal digit from the scripts the portal is offered in written as 0–9. */
export function asciiDigits(text: string): string {
  return text.replace(/[\u0660-\u0669\u06f0-\u06f9\u0966-\u096f\u09e6-\u09ef\u0a66-\u0a6f\u0ae6-\u0aef]/g, (digit) => {
    const code = digit.charCodeAt(0);
    const zero = digitZeros.find((start) => code >= start && code <= start + 9) ?? code;
    return String(code - zero);
  });
}

export function suggestRedactions(text: string, settingNames: string[] = []): Redaction[] {
  const found: Redaction[] = [];
  const taken = (start: number, end: number) => found.some((r) => start < r.end && end > r.start);
  const add = (kind: RedactionKind, start: number, end: number) => {
    if (!taken(start, end)) found.push({ kind, start, end, found: text.slice(start, end) });
  };

  for (const setting of settingNames.filter((name) => name.trim().length > 2)) {
    for (const match of text.matchAll(new RegExp(`(?<![\\p{L}\\p{N}])${escapeRegExp(setting.trim())}(?![\\p{L}\\p{N}])`, "giu"))) {
      add("setting", match.index, match.index + match[0].length);
    }
  }
  // Phone numbers and dates typed in Arabic-Indic, Urdu, Bengali, Gurmukhi or Gujarati digits are
  // matched as 0–9. Every digit is one UTF-16 unit either way, so positions stay the same.
  const western = asciiDigits(text);
  for (const [kind, pattern] of patterns) {
    for (const match of western.matchAll(pattern)) add(kind, match.index, match.index + match[0].length);
  }
  // Names: a capitalised word on the list, with any capitalised surname that follows it.
  for (const match of text.matchAll(/\p{Lu}[\p{L}'’-]+(?:\s+\p{Lu}[\p{L}'’-]+)*/gu)) {
    const words = match[0].split(/\s+/);
    let offset = match.index;
    for (const word of words) {
      const bare = word.replace(/['’]s$/u, "");
      const lower = bare.toLocaleLowerCase();
      if (firstNames.has(lower) || surnames.has(lower)) add("name", offset, offset + bare.length);
      offset += word.length + (text.slice(offset + word.length).match(/^\s+/)?.[0].length ?? 0);
    }
  }
  return found.sort((a, b) => a.start - b.start);
}

/** The text with each suggestion replaced by its placeholder, such as "[name]". */
export function applyRedactions(text: string, redactions: Redaction[], placeholder: (kind: RedactionKind) => string): string {
  let result = "";
  let at = 0;
  for (const redaction of [...redactions].sort((a, b) => a.start - b.start)) {
    if (redaction.start < at) continue;
    result += text.slice(at, redaction.start) + placeholder(redaction.kind);
    at = redaction.end;
  }
  return result + text.slice(at);
}

/**
 * Names are found by capital letters and a list of names in Latin letters. Scripts without capitals
 * (Arabic and Urdu, Gurmukhi, Bengali, Gujarati) cannot be checked that way: the moderator is told so.
 */
export function namesUnchecked(text: string): boolean {
  return /[\p{Script=Arabic}\p{Script=Gurmukhi}\p{Script=Bengali}\p{Script=Gujarati}]/u.test(text);
}
