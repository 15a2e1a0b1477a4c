/**
 * Every page of the portal, found as people find them: anyone following links from the home page,
 * a respondent part-way through each survey, one who has sent their answers, a member of staff
 * between password and code, and an administrator (who can open every staff page) following links
 * from the staff bar. One page per route is kept (see docs/decisions/025-every-page-checked.md),
 * and `unreached` names the routes no one got to, so a new page cannot slip past the checks that
 * must run on every page (tests/browser/viewports.test.ts, tests/browser/html-valid.test.ts).
 */
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { JSDOM } from "jsdom";
import { generate } from "otplib";
import { demoUsers } from "../../db/seed/demo";
import { repoRoot } from "../setup/paths";

/** Whose cookies a page is opened with: "signingIn" has given a password and not yet the code from their app. */
export type Who = "anyone" | "respondent" | "sender" | "signingIn" | "staff";

export interface SitePage {
  path: string;
  who: Who;
  /** The route file's id, "routes/moderate.responses.$id". */
  route: string;
  /** The page as it comes back when its form is sent with every answer cleared: the error summary and messages. */
  sendEmpty?: boolean;
}

export interface Site {
  pages: SitePage[];
  cookies: Record<Who, { name: string; value: string }[]>;
  /** Ids of the page routes that no page above belongs to. */
  unreached: string[];
  visitors: Record<Who, HttpVisitor>;
}

export interface Fetched {
  path: string;
  status: number;
  html: string;
}

interface AppRoute {
  id: string;
  /** False for a resource route (a download, a feed): it has no page to check. */
  page: boolean;
  pattern: RegExp;
  /** Static segments first, then fewer parameters: "moderate/quotes/new" before "moderate/quotes/:id". */
  rank: number;
}

/** The built app's routes, read from the build the server runs. */
export function appRoutes(): AppRoute[] {
  const build = pathToFileURL(path.join(repoRoot, "build/index.js")).href;
  const script = `const { routes } = await import(${JSON.stringify(build)});
console.log(JSON.stringify(Object.values(routes).filter((r) => r.id !== "root").map((r) => ({ id: r.id, path: r.path ?? "", page: typeof r.module.default === "function" }))));`;
  const routes = JSON.parse(execFileSync(process.execPath, ["--input-type=module", "-e", script], { encoding: "utf8" })) as {
    id: string;
    path: string;
    page: boolean;
  }[];
  return routes.map(({ id, path: routePath, page }) => {
    const segments = routePath.split("/").filter(Boolean);
    const source = segments.map((segment) => (segment === "*" ? ".*" : segment.startsWith(":") ? "[^/]+" : segment.replace(/[.]/g, "\\."))).join("/");
    const statics = segments.filter((segment) => segment !== "*" && !segment.startsWith(":")).length;
    const rank = segments.includes("*") ? -1 : statics * 100 - segments.length;
    return { id, page, pattern: new RegExp(`^/${source}/?$`), rank };
  });
}

export function routeOf(routes: AppRoute[], pathname: string): AppRoute | undefined {
  return routes.filter((route) => route.pattern.test(pathname)).sort((a, b) => b.rank - a.rank)[0];
}

/** Page routes no walk through the demo can reach, and why. */
export const unreachable: Record<string, string> = {
  "routes/surveys.$slug.exit.$key": "no demo survey has an answer that ends it early",
  "routes/reset-password.$token": "its address comes only in an email",
  "routes/sign-in_.new-password": "only someone signing in with a temporary password is sent there",
  "routes/surveys.$slug.slip": "only answers sent with a supporter's help offer the slip; tests/browser/supporters.test.ts opens it",
  "routes/refused": "the server's gate sends refused requests there; it draws the same error page as a missing one",
  "routes/surveys.$slug.updates": "offered only where CONTACT_ENCRYPTION_KEY is set; tests/browser/updates.test.ts opens it",
  "routes/updates.seen.$token": "its address comes only in an update message; tests/browser/updates.test.ts opens it",
  "routes/updates.unsubscribe.$token": "its address comes only in an update message; tests/browser/updates.test.ts opens it",
  "routes/moderate.spoken.$id": "no demo response has a spoken answer; tests/browser/spoken-answers.test.ts opens it",
  "routes/s.$code": "it always sends the person on to the survey's start page, or draws the error page; tests/browser/outreach.test.ts follows one",
};

/** A person's visits made with fetch: cookies kept, redirects followed, forms sent as a browser sends them. */
export class HttpVisitor {
  private jar = new Map<string, string>();
  constructor(readonly base: string) {}

  get cookies() {
    return [...this.jar].map(([name, value]) => ({ name, value }));
  }

  async get(pathname: string): Promise<Fetched> {
    return this.request(pathname, "GET");
  }

  async request(pathname: string, method: string, body?: FormData | URLSearchParams): Promise<Fetched> {
    let url = new URL(pathname, this.base);
    for (let hop = 0; hop < 10; hop++) {
      const response = await fetch(url, { method, body, redirect: "manual", headers: { cookie: this.cookieHeader(), "accept-language": "en-GB" } });
      this.keep(response.headers.getSetCookie());
      const location = response.headers.get("location");
      if (response.status >= 300 && response.status < 400 && location) {
        await response.arrayBuffer();
        [url, method, body] = [new URL(location, url), "GET", undefined];
        continue;
      }
      return { path: url.pathname + url.search, status: response.status, html: await response.text() };
    }
    throw new Error(`more than 10 redirects from ${pathname}`);
  }

  /**
   * Sends a form in the page's main content as a browser would: every field as the page has it, the
   * button pressed (by default the first post form's first button), then `fields` set over them.
   */
  async submit(page: Fetched, options: { submitter?: string; fields?: Record<string, string | Blob>; cleared?: boolean } = {}): Promise<Fetched> {
    const { document } = new JSDOM(page.html).window;
    const button = document.querySelector<HTMLButtonElement>(options.submitter ?? 'main form[method="post"] button[type="submit"]');
    const form = button?.form;
    if (!button || !form) throw new Error(`${page.path} has no form with ${options.submitter ?? "a post button"}`);
    const entries = formEntries(form, button, options.cleared);
    for (const [name, value] of Object.entries(options.fields ?? {})) {
      for (let i = entries.length - 1; i >= 0; i--) if (entries[i][0] === name) entries.splice(i, 1);
      entries.push([name, value]);
    }
    const action = new URL(form.getAttribute("action") ?? page.path, new URL(page.path, this.base));
    if ((form.getAttribute("method") ?? "get").toLowerCase() === "get") {
      action.search = new URLSearchParams(entries.map(([name, value]) => [name, String(value)])).toString();
      return this.get(action.pathname + action.search);
    }
    const body = form.getAttribute("enctype") === "multipart/form-data" ? new FormData() : new URLSearchParams();
    for (const [name, value] of entries) (body as FormData).append(name, value);
    return this.request(action.pathname + action.search, "POST", body);
  }

  private cookieHeader() {
    return [...this.jar].map(([name, value]) => `${name}=${value}`).join("; ");
  }

  private keep(lines: string[]) {
    for (const line of lines) {
      const [pair, ...attributes] = line.split(";");
      const name = pair.slice(0, pair.indexOf("=")).trim();
      const value = pair.slice(pair.indexOf("=") + 1).trim();
      const expired = attributes.some((attribute) => /^\s*max-age=0\s*$/i.test(attribute) || /expires=.*1970/i.test(attribute));
      if (expired || value === "") this.jar.delete(name);
      else this.jar.set(name, value);
    }
  }
}

/**
 * A form's fields as the HTML standard builds its data set: checked choices only, and the one button
 * pressed. `cleared` leaves out every choice and empties every box, keeping only hidden fields.
 */
function formEntries(form: HTMLFormElement, submitter: HTMLButtonElement, cleared = false): [string, string | Blob][] {
  const entries: [string, string | Blob][] = [];
  for (const element of Array.from(form.elements) as (HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement | HTMLButtonElement)[]) {
    if (!element.name || element.disabled) continue;
    if (element instanceof element.ownerDocument.defaultView!.HTMLButtonElement) {
      if (element === submitter) entries.push([element.name, element.value]);
    } else if (element.type === "checkbox" || element.type === "radio") {
      if ((element as HTMLInputElement).checked && !cleared) entries.push([element.name, element.value || "on"]);
    } else if (!["submit", "reset", "button", "image", "file"].includes(element.type)) {
      entries.push([element.name, cleared && element.type !== "hidden" ? "" : element.value]);
    }
  }
  return entries;
}

/** The first choice of every radio group on the page, to get through a survey whatever it asks. */
function firstChoices(html: string): Record<string, string> {
  const choices: Record<string, string> = {};
  for (const radio of Array.from(new JSDOM(html).window.document.querySelectorAll<HTMLInputElement>('main input[type="radio"]'))) {
    choices[radio.name] ??= radio.value;
  }
  return choices;
}

/** Which kinds of control a page shows: a survey page with a new mix is kept, another of the same kind is not. */
function controlsOf(html: string): string {
  const main = new JSDOM(html).window.document.querySelector("main");
  const kinds = ["app-smileys", "govuk-radios", "govuk-checkboxes", "govuk-textarea", "govuk-input", "govuk-select", "govuk-date-input"];
  return kinds.filter((kind) => main?.querySelector(`.${kind}`)).join(" ");
}

function expectPage(page: Fetched, what: string): Fetched {
  if (page.status >= 500) throw new Error(`${what}: ${page.path} answered ${page.status}`);
  return page;
}

class Catalogue {
  readonly pages: SitePage[] = [];
  private reached = new Set<string>();
  private fetched = new Set<string>();
  constructor(
    readonly base: string,
    readonly routes: AppRoute[],
  ) {}

  has(route: string) {
    return this.reached.has(route);
  }

  routeOf(pagePath: string) {
    return routeOf(this.routes, new URL(pagePath, this.base).pathname);
  }

  /** Page routes not reached yet that a walk could reach. */
  missing() {
    return this.routes.filter((route) => route.page && !this.has(route.id) && !(route.id in unreachable));
  }

  add(who: Who, page: Fetched, sendEmpty = false) {
    const route = this.routeOf(page.path);
    if (!route?.page) throw new Error(`no page route for ${page.path}`);
    this.reached.add(route.id);
    this.pages.push({ path: page.path, who, route: route.id, sendEmpty: sendEmpty || undefined });
  }

  /**
   * Follows links from the start pages, keeping the first page of each route not reached yet. While
   * some route is still missing, up to `explore` more pages of routes already kept are opened only
   * for their links (a quote is made from a response whose writer agreed, not from any response).
   */
  async crawl(visitor: HttpVisitor, who: Who, start: string[], explore = 0) {
    const queue = [...start];
    while (queue.length > 0) {
      const next = queue.shift()!;
      const route = this.routeOf(next);
      if (!route?.page || this.fetched.has(next)) continue;
      const fresh = !this.has(route.id);
      if (!fresh && (explore <= 0 || this.missing().length === 0)) continue;
      if (!fresh) explore--;
      this.fetched.add(next);
      const page = expectPage(await visitor.get(next), `${who} following links`);
      const landed = this.routeOf(page.path);
      if (landed?.page && !this.has(landed.id)) this.add(who, page);
      queue.push(...this.links(page));
    }
  }

  /** Same-site links on a page, without the language chosen in them (the page's language is chosen per check). */
  private links(page: Fetched): string[] {
    const base = new URL(page.path, this.base);
    const anchors = Array.from(new JSDOM(page.html).window.document.querySelectorAll<HTMLAnchorElement>("a[href]"));
    return anchors.flatMap((anchor) => {
      const url = new URL(anchor.getAttribute("href")!, base);
      if (url.origin !== base.origin) return [];
      url.searchParams.delete("lng");
      return [url.pathname + url.search];
    });
  }
}

/** A respondent's way through a survey, keeping each question page that shows a new kind of control. */
async function answerSurvey(site: Catalogue, visitor: HttpVisitor, who: Who | null, slug: string): Promise<Fetched> {
  let page = await visitor.submit(expectPage(await visitor.get(`/surveys/${slug}`), "survey start"), { submitter: 'main button[value="start"]' });
  const kinds = new Set<string>();
  for (let step = 0; !page.path.endsWith("/check"); step++) {
    if (step > 40) throw new Error(`the ${slug} survey did not reach its check page`);
    expectPage(page, `the ${slug} survey`);
    if (who && !kinds.has(controlsOf(page.html))) {
      kinds.add(controlsOf(page.html));
      // The first young people's question must be answered: sent empty, it shows the error summary.
      site.add(who, page, slug === "young-people" && step === 0);
    }
    page = await visitor.submit(page, { submitter: 'main button[value="continue"]', fields: firstChoices(page.html) });
  }
  return page;
}

async function respondentPages(site: Catalogue, visitor: HttpVisitor) {
  await answerSurvey(site, visitor, "respondent", "parents-and-carers");
  site.add("respondent", await answerSurvey(site, visitor, "respondent", "young-people"));
  site.add("respondent", expectPage(await visitor.get("/surveys/young-people/consent"), "consent"));
  // Saved for later: the page with the code, and the page the code opens.
  const question = await visitor.get(site.pages.find((page) => page.who === "respondent" && page.path.includes("/young-people/questions/"))!.path);
  const saved = expectPage(await visitor.submit(question, { submitter: 'main button[value="save"]' }), "save for later");
  site.add("respondent", saved);
  const code = new JSDOM(saved.html).window.document.querySelector(".app-reference")?.textContent?.replaceAll("-", "");
  if (!code) throw new Error("the saved page shows no code");
  site.add("respondent", expectPage(await visitor.get(`/resume/${code}`), "resume"));
}

async function senderPages(site: Catalogue, visitor: HttpVisitor) {
  await answerSurvey(site, visitor, null, "young-people");
  const consent = await visitor.get("/surveys/young-people/consent");
  site.add("sender", expectPage(await visitor.submit(consent, { fields: firstChoices(consent.html) }), "send"));
}

/** Gives a demo account's password, and then, if asked, the code its authenticator app would show. */
async function signIn(visitor: HttpVisitor, email: string, withCode = true): Promise<Fetched> {
  const account = demoUsers.find((user) => user.email === email);
  if (!account) throw new Error(`${email} is not a demo account`);
  const page = await visitor.submit(await visitor.get("/sign-in"), { fields: { email, password: account.password } });
  if (!withCode || !page.path.startsWith("/sign-in/code") || !account.totpSecret) return page;
  return visitor.submit(page, { fields: { code: await generate({ secret: account.totpSecret }) } });
}

/** A population file waiting for its local authority to be chosen: the upload's own page. */
async function populationUpload(site: Catalogue, visitor: HttpVisitor) {
  const form = await visitor.get("/admin/population");
  const { document } = new JSDOM(form.html).window;
  const period = Array.from(document.querySelectorAll<HTMLOptionElement>('form[enctype="multipart/form-data"] select option')).find((option) => option.value);
  if (!period) return;
  const csv = fs.readFileSync(path.join(repoRoot, "tests/fixtures/dfe/sen-excerpt.csv"));
  const file = new File([csv], "sen-excerpt.csv", { type: "text/csv" });
  const select = document.querySelector<HTMLSelectElement>('form[enctype="multipart/form-data"] select')!;
  const input = document.querySelector<HTMLInputElement>('form[enctype="multipart/form-data"] input[type="file"]')!;
  const upload = await visitor.submit(form, {
    submitter: 'form[enctype="multipart/form-data"] button[type="submit"]',
    fields: { [select.name]: period.value, [input.name]: file },
  });
  site.add("staff", expectPage(upload, "population upload"));
}

/** An outreach link made through its form (a new portal has none yet), with its page and its poster. */
async function outreachLink(site: Catalogue, visitor: HttpVisitor) {
  const form = await visitor.get("/moderate/outreach");
  const survey = Array.from(new JSDOM(form.html).window.document.querySelectorAll<HTMLOptionElement>("#survey option")).find((option) => option.value);
  if (!survey) return;
  const fields = { name: "Greenfield Primary newsletter", kind: "newsletter", survey: survey.value };
  const made = expectPage(await visitor.submit(form, { submitter: 'main form button[type="submit"]', fields }), "outreach link");
  site.add("staff", made);
  const poster = new JSDOM(made.html).window.document.querySelector<HTMLAnchorElement>('main a[href*="/poster/"]');
  if (poster) site.add("staff", expectPage(await visitor.get(poster.getAttribute("href")!), "outreach poster"));
}

/**
 * Walks the running portal and lists its pages. Nothing here changes what the pages show, except
 * the answers sent and saved, the population file uploaded and the outreach link made, which the walk itself needs.
 */
export async function findSitePages(base: string, staff = "admin@example.org"): Promise<Site> {
  const site = new Catalogue(base, appRoutes());
  const visitors = Object.fromEntries((["anyone", "respondent", "sender", "signingIn", "staff"] as const).map((who) => [who, new HttpVisitor(base)])) as Record<
    Who,
    HttpVisitor
  >;
  await site.crawl(visitors.anyone, "anyone", ["/", "/no-such-page", "/sign-in"]);
  site.add("anyone", await visitors.anyone.get("/sign-in"), true);
  await respondentPages(site, visitors.respondent);
  await senderPages(site, visitors.sender);
  const halfway = await signIn(visitors.signingIn, staff, false);
  if (halfway.path.startsWith("/sign-in/code")) {
    site.add("signingIn", halfway);
    site.add("signingIn", halfway, true);
  }
  const signedIn = await signIn(visitors.staff, staff);
  if (!signedIn.path.startsWith("/moderate")) throw new Error(`signing in as ${staff} ended on ${signedIn.path} (${signedIn.status})`);
  await populationUpload(site, visitors.staff);
  await outreachLink(site, visitors.staff);
  await site.crawl(visitors.staff, "staff", ["/moderate"], 150);
  const unreached = site.routes.filter((route) => route.page && !site.has(route.id)).map((route) => route.id);
  const cookies = Object.fromEntries(Object.entries(visitors).map(([who, visitor]) => [who, visitor.cookies])) as Site["cookies"];
  return { pages: site.pages, cookies, unreached, visitors };
}
