const BASE = "http://portal.invalid";
const SPACES_AND_BACKSLASH = /[\\\u007F-\u00A0\u1680\u180E\u2000-\u200F\u2028-\u202F\u205F-\u2060\u3000\uFEFF]/;

/**
 * The one check for a redirect target that came from a request. The URL parser resolves it
 * against the portal's own origin, exactly as a browser would resolve the Location header; only a
 * path on this site is kept. Control characters and backslashes are refused outright, because
 * browsers drop tabs and newlines and read "\" as "/" (so "/\t/evil.example" would leave the site).
 */
export function safeRedirect(to: FormDataEntryValue | string | null | undefined, fallback = "/moderate"): string {
  if (typeof to !== "string" || to.length === 0 || to.length > 2000) return fallback;
  if (!to.startsWith("/") || [...to].some((char) => char.charCodeAt(0) <= 0x20) || SPACES_AND_BACKSLASH.test(to)) return fallback;
  let url: URL;
  try {
    url = new URL(to, BASE);
  } catch {
    return fallback;
  }
  if (url.origin !== BASE) return fallback;
  const path = `${url.pathname}${url.search}${url.hash}`;
  // "//x" would be read as another host when sent back in a Location header.
  return path.startsWith("//") ? fallback : path;
}
