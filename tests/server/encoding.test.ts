import { supportedLanguages } from "~/i18n/config";
import { removeDatabase, startServer, type RunningServer } from "../support/server";
import { signInWithFetch } from "../support/second-factor";

/**
 * React 18's streaming renderer wrote NUL bytes into pages where a multibyte character fell on a
 * buffer edge (facebook/react#31134): "�" in Urdu, Panjabi, Arabic, Bengali and Gujarati chart
 * labels and landmark names. Every page here, in every language, from the built server, must be
 * clean UTF-8 with no U+0000 and no U+FFFD.
 */
let server: RunningServer;
beforeAll(async () => {
  server = await startServer();
});
afterAll(async () => {
  await server?.stop();
  if (server) removeDatabase(server.databasePath);
});

const publicPages = [
  "/",
  "/surveys",
  "/surveys/parents-and-carers",
  "/surveys/young-people",
  "/you-said-we-did",
  "/you-said-we-did/report",
  "/my-feedback",
  "/resume",
  "/privacy",
  "/accessibility",
];
const staffPages = ["/moderate", "/moderate/insight", "/moderate/exports", "/moderate/waiting", "/admin/surveys", "/admin/population"];

function problems(path: string, lang: string, body: string): string[] {
  const found: string[] = [];
  const nul = body.indexOf("\u0000");
  if (nul >= 0) found.push(`${path}?lng=${lang}: U+0000 at ${nul}: …${body.slice(Math.max(0, nul - 40), nul + 10)}…`);
  const bad = body.indexOf("\uFFFD");
  if (bad >= 0) found.push(`${path}?lng=${lang}: U+FFFD at ${bad}: …${body.slice(Math.max(0, bad - 40), bad + 10)}…`);
  return found;
}

async function fetchText(path: string, cookie = "") {
  const response = await fetch(`${server.url}${path}`, { headers: { Cookie: cookie }, redirect: "manual" });
  // Strict decoding: a broken byte sequence fails here rather than turning into U+FFFD unnoticed.
  return { status: response.status, body: new TextDecoder("utf-8", { fatal: true }).decode(await response.arrayBuffer()) };
}

describe("every page in every language", () => {
  it("is clean UTF-8 without NUL or replacement characters, for the public", async () => {
    const found: string[] = [];
    for (const lang of supportedLanguages) {
      for (const path of publicPages) {
        const { status, body } = await fetchText(`${path}?lng=${lang}`);
        expect(status, `${path}?lng=${lang}`).toBe(200);
        found.push(...problems(path, lang, body));
      }
    }
    expect(found).toEqual([]);
  });

  it("is clean UTF-8 without NUL or replacement characters, for staff", async () => {
    const session = await signInWithFetch(server.url, "admin@example.org", "demo admin password");
    const found: string[] = [];
    for (const lang of supportedLanguages) {
      for (const path of staffPages) {
        const { status, body } = await fetchText(`${path}?lng=${lang}`, session);
        expect(status, `${path}?lng=${lang}`).toBe(200);
        found.push(...problems(path, lang, body));
      }
    }
    expect(found).toEqual([]);
  });
});
