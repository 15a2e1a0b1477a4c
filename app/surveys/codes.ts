import { createHash, randomBytes, randomInt } from "node:crypto";

/** No 0/O, 1/I/L or U: easy to read aloud and to type from a phone screen. */
export const CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTVWXYZ";
const CODE_LENGTH = 12;

/** A 12-character code (about 59 bits), shown in groups of four: "K7MP-2QXR-9FHT"; or as long as asked. */
export function generateCode(length = CODE_LENGTH): string {
  let code = "";
  for (let i = 0; i < length; i++) code += CODE_ALPHABET[randomInt(CODE_ALPHABET.length)];
  return code;
}

export function formatCode(code: string): string {
  return code.match(/.{1,4}/g)?.join("-") ?? code;
}

/** Accepts what people type: any case, spaces or dashes. Returns null when it cannot be a code. */
export function normaliseCode(input: string, length = CODE_LENGTH): string | null {
  const code = input.toUpperCase().replace(/[\s-]/g, "");
  if (code.length !== length) return null;
  return [...code].every((char) => CODE_ALPHABET.includes(char)) ? code : null;
}

export function generateToken(): string {
  return randomBytes(32).toString("base64url");
}

/** Tokens and resume codes are stored only as hashes, so a copy of the database cannot resume a draft. */
export function hashSecret(secret: string): string {
  return createHash("sha256").update(secret).digest("hex");
}
