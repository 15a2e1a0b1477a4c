import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";
import { env } from "../env.server";

/**
 * A person's e-mail address or mobile number, encrypted at rest with AES-256-GCM under
 * CONTACT_ENCRYPTION_KEY. Stored as `enc1.<iv>.<tag>.<ciphertext>` (base64url), so the outbox can
 * tell a sealed recipient from a staff address it may read as it is.
 */
const PREFIX = "enc1";

export function contactKey(): Buffer | null {
  const key = env().CONTACT_ENCRYPTION_KEY;
  return key ? Buffer.from(key, "base64") : null;
}

export function sealContact(contact: string, key: Buffer): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", key, iv);
  const sealed = Buffer.concat([cipher.update(contact, "utf8"), cipher.final()]);
  return [PREFIX, iv.toString("base64url"), cipher.getAuthTag().toString("base64url"), sealed.toString("base64url")].join(".");
}

export const isSealed = (stored: string) => stored.startsWith(`${PREFIX}.`);

/** The contact as given; throws when the key is not the one it was sealed with, or it was altered. */
export function openContact(stored: string, key: Buffer): string {
  const [prefix, iv, tag, sealed] = stored.split(".");
  if (prefix !== PREFIX || !iv || !tag || sealed === undefined) throw new Error("not a sealed contact");
  const decipher = createDecipheriv("aes-256-gcm", key, Buffer.from(iv, "base64url"));
  decipher.setAuthTag(Buffer.from(tag, "base64url"));
  return Buffer.concat([decipher.update(Buffer.from(sealed, "base64url")), decipher.final()]).toString("utf8");
}
