import { spawnSync } from "node:child_process";
import { randomUUID } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { supportedLanguages } from "~/i18n/config";
import { createUser } from "~/accounts/users.server";
import { importSurvey } from "~/surveys/create.server";
import { createDb } from "../../db/connection";
import { migrateToLatest } from "../../db/migrate";
import { demoUsers } from "../../db/seed/demo";
import { ensureStartingThemes } from "../../db/seed/themes";
import parentsAndCarers from "../../db/seed/surveys/parents-and-carers.survey.json";
import youngPeople from "../../db/seed/surveys/young-people.survey.json";
import { repoRoot, tmpDir } from "../setup/paths";
import { removeDatabase, startServer } from "../support/server";
import { findSitePages, unreachable, type SitePage } from "../support/site-pages";

const vnuJar = path.join(repoRoot, "node_modules/vnu-jar/build/dist/vnu.jar");

/** A portal on its first day: the two surveys open and an administrator, but no answers, actions or periods yet. */
async function newPortal(): Promise<string> {
  fs.mkdirSync(tmpDir, { recursive: true });
  const file = path.join(tmpDir, `new-portal-${randomUUID()}.sqlite`);
  const db = createDb(file);
  await migrateToLatest(db, () => {});
  await ensureStartingThemes(db);
  for (const survey of [parentsAndCarers, youngPeople]) {
    const imported = await importSurvey(db, survey, { status: "open" });
    if (imported.status === "refused") throw new Error(imported.problems.join("\n"));
  }
  // The administrator signs in as on the demo: with the demo's published second-factor secret.
  const [admin] = demoUsers;
  const id = await createUser(db, admin, null);
  await db.updateTable("users").set({ totp_secret: admin.totpSecret, totp_enabled_at: new Date().toISOString() }).where("id", "=", id).execute();
  await db.destroy();
  return file;
}

function withLanguage(pagePath: string, lang: string) {
  return `${pagePath}${pagePath.includes("?") ? "&" : "?"}lng=${lang}`;
}

/** Runs `work` over the items, a few at a time. */
async function inTurn<T>(items: T[], at: number, work: (item: T) => Promise<void>) {
  const queue = [...items];
  await Promise.all(
    Array.from({ length: at }, async () => {
      for (let item = queue.shift(); item !== undefined; item = queue.shift()) await work(item);
    }),
  );
}

const folder = fs.mkdtempSync(path.join(os.tmpdir(), "portal-html-"));
/** Each file written, and the page it holds, as a person reading the failure would look for it. */
const written = new Map<string, string>();
const unreached: Record<string, string[]> = {};
const brokenPages: string[] = [];
/** The meta descriptions seen in each language, and the pages that had none. */
const descriptions = new Map<string, Set<string>>();
const undescribed: string[] = [];

/** Fetches every page in every language from one portal and writes each to the folder. */
async function savePages(dataset: string, databasePath?: string) {
  const server = await startServer({ databasePath });
  try {
    const site = await findSitePages(server.url);
    unreached[dataset] = site.unreached;
    const jobs = supportedLanguages.flatMap((lang) => site.pages.map((page, index) => ({ lang, page, index })));
    await inTurn(jobs, 3, async ({ lang, page, index }) => {
      const visitor = site.visitors[page.who];
      let fetched = await visitor.get(withLanguage(page.path, lang));
      if (page.sendEmpty) fetched = await visitor.submit(fetched, { cleared: true });
      const name = pageName(dataset, lang, page);
      if (fetched.status >= 500 || (page.sendEmpty && fetched.status !== 400)) brokenPages.push(`${name}: answered ${fetched.status}`);
      const description = /<meta name="description" content="([^"]+)"/.exec(fetched.html)?.[1];
      if (!description) undescribed.push(name);
      else descriptions.set(lang, new Set([...(descriptions.get(lang) ?? []), description]));
      const file = path.join(folder, dataset, lang, `${String(index).padStart(3, "0")}.html`);
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.writeFileSync(file, fetched.html);
      written.set(pathToFileURL(file).href.replace("file:///", "file:/"), name);
    });
  } finally {
    await server.stop();
    removeDatabase(server.databasePath);
  }
}

function pageName(dataset: string, lang: string, page: SitePage) {
  return `${dataset} ${lang} ${page.path}${page.sendEmpty ? " sent empty" : ""} (${page.who})`;
}

interface VnuMessage {
  type: string;
  url: string;
  lastLine?: number;
  message: string;
}

beforeAll(async () => {
  await savePages("demo");
  await savePages("new", await newPortal());
}, 600_000);

afterAll(() => fs.rmSync(folder, { recursive: true, force: true }));

describe("the HTML of every page", () => {
  it("reaches every page route, on the demo and on a portal with nothing in it yet", () => {
    expect(unreached.demo.filter((route) => !(route in unreachable))).toEqual([]);
    // A new portal has no responses, quotes, statements, actions, periods or concerns to open, and
    // nothing is published yet.
    const needData = [
      "routes/admin.periods.$id",
      "routes/admin.population.$id",
      "routes/admin.population.uploads.$id",
      "routes/moderate.actions.$id",
      "routes/moderate.actions.$id_.translate.$lang",
      "routes/moderate.outreach.$id",
      "routes/moderate.outreach.$id_.poster.$lang",
      "routes/moderate.quotes.$id",
      "routes/moderate.quotes.new",
      "routes/moderate.responses.$id",
      "routes/moderate.responses.$id_.delete",
      "routes/moderate.safeguarding.$id",
      "routes/moderate.statements.$id",
      "routes/moderate.statements.$id_.translate.$lang",
      "routes/moderate.statements.new",
      "routes/you-said-we-did.actions.$id",
      "routes/you-said-we-did.report",
      "routes/you-said-we-did.themes.$slug",
    ];
    expect(unreached.new.filter((route) => !(route in unreachable) && !needData.includes(route))).toEqual([]);
    expect(brokenPages).toEqual([]);
    expect(written.size).toBeGreaterThan(1000);
  });

  it("describes every page for search engines and link previews, in the page's language", () => {
    expect(undescribed).toEqual([]);
    expect([...descriptions.keys()].sort()).toEqual([...supportedLanguages].sort());
    const each = [...descriptions.values()].map((seen) => [...seen]);
    expect(each.every((seen) => seen.length === 1)).toBe(true);
    // No language is left with another's words.
    expect(new Set(each.flat()).size).toBe(supportedLanguages.length);
  });

  it("passes the Nu HTML Checker in every language", () => {
    // A page with a mistake the checker must find, so that silence means the pages are valid.
    const control = path.join(folder, "control.html");
    fs.writeFileSync(control, '<!doctype html><html lang="en"><title>Control</title><div aria-labelledby="x">Control</div></html>');
    // One run over every file: the checker takes seconds to start.
    const run = spawnSync("java", ["-jar", vnuJar, "--errors-only", "--format", "json", "--exit-zero-always", folder], {
      encoding: "utf8",
      maxBuffer: 256 * 1024 * 1024,
    });
    expect(run.error, "java runs the checker (.ci/run installs it)").toBeUndefined();
    const { messages: all } = JSON.parse(run.stderr) as { messages: VnuMessage[] };
    const controlUrl = pathToFileURL(control).href.replace("file:///", "file:/");
    expect(all.filter((message) => message.url === controlUrl).map((message) => message.message)).toEqual([expect.stringContaining("aria-labelledby")]);
    const messages = all.filter((message) => message.url !== controlUrl);
    // The same mistake on the same page in many languages is listed once, with the languages it was found in.
    const problems = new Map<string, { line?: number; where: Set<string> }>();
    for (const message of messages) {
      const [dataset, lang, ...page] = (written.get(message.url) ?? `? ? ${message.url}`).split(" ");
      const key = `${page.join(" ")}: ${message.message}`;
      if (!problems.has(key)) problems.set(key, { line: message.lastLine, where: new Set() });
      problems.get(key)!.where.add(`${dataset}/${lang}`);
    }
    const listed = [...problems].map(([problem, { line, where }]) => `${problem} (line ${line ?? "?"}; ${[...where].join(", ")})`);
    expect(listed).toEqual([]);
  });
});
