import { isPostgresUrl } from "./connection";

/**
 * A database as a message names it, for an operator who may paste it into a ticket: the SQLite
 * file's path, or PostgreSQL's host, port, database and user. Never the password.
 */
export function describeDatabase(target: string): string {
  if (!isPostgresUrl(target)) return target;
  let url: URL;
  try {
    url = new URL(target);
  } catch {
    return "PostgreSQL database (its address cannot be read)";
  }
  const user = url.username ? ` as ${decodeURIComponent(url.username)}` : "";
  return `PostgreSQL database "${decodeURIComponent(url.pathname.slice(1))}" on ${url.hostname}:${url.port || 5432}${user}`;
}

/** `text` with the password of every PostgreSQL address in `targets` blanked out, for an error message from a library or a tool. */
export function withoutPasswords(text: string, ...targets: string[]): string {
  let safe = text;
  for (const target of targets.filter(isPostgresUrl)) {
    let password = "";
    try {
      password = new URL(target).password;
    } catch {
      continue;
    }
    if (!password) continue;
    for (const form of new Set([password, decodeURIComponent(password)])) safe = safe.replaceAll(form, "***");
  }
  return safe;
}
