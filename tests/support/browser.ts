import fs from "node:fs";
import path from "node:path";
import AxeBuilder from "@axe-core/playwright";
import { chromium, type Browser, type BrowserContext, type BrowserContextOptions, type Page } from "playwright-core";
import { afterAll, beforeAll, expect } from "vitest";
import { repoRoot } from "../setup/paths";
import { removeDatabase, startServer, type RunningServer } from "./server";

export const artifactsDir = path.join(repoRoot, "tests/artifacts");

/** Debian's Chromium: test tools cannot download browsers here. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
}

/**
 * A person's browser tab that runs axe on every page it lands on. Every navigation is
 * recorded; `expectEveryPageAudited` fails the test if a page was visited but not checked.
 */
export class Visitor {
  private navigations: string[] = [];
  private audited = new Set<string>();
  private constructor(
    readonly context: BrowserContext,
    readonly page: Page,
    /** axe needs JavaScript; with it off, pages are audited as rendered, in a second tab that has it. */
    private readonly auditor: Page | null,
  ) {
    page.on("framenavigated", (frame) => {
      // A link to #field on the same page is not a new page.
      if (frame === page.mainFrame() && !frame.url().includes("#")) this.navigations.push(`${this.navigations.length}:${frame.url()}`);
    });
  }

  static async open(browser: Browser, options: BrowserContextOptions = {}): Promise<Visitor> {
    const context = await browser.newContext({ locale: "en-GB", ...options });
    const page = await context.newPage();
    const auditor = options.javaScriptEnabled === false ? await (await browser.newContext()).newPage() : null;
    return new Visitor(context, page, auditor);
  }

  /** Runs axe (WCAG 2.2 A and AA rules) on the current page and fails on any violation. */
  async audit(): Promise<void> {
    await this.page.waitForLoadState("load");
    const results = await new AxeBuilder({ page: await this.pageToAudit() })
      .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"])
      .analyze();
    const problems = results.violations.map(
      (violation) => `${violation.id}: ${violation.help} (${violation.nodes.map((node) => node.target.join(" ")).join(", ")})`,
    );
    expect(problems, `axe on ${this.page.url()}`).toEqual([]);
    const latest = this.navigations.at(-1);
    if (latest) this.audited.add(latest);
  }

  private async pageToAudit(): Promise<Page> {
    if (!this.auditor) return this.page;
    const url = this.page.url();
    const html = await this.page.content();
    await this.auditor.route(url, (route) => route.fulfill({ body: html, contentType: "text/html; charset=utf-8" }));
    await this.auditor.goto(url);
    await this.auditor.unroute(url);
    return this.auditor;
  }

  async goto(url: string) {
    const response = await this.page.goto(url);
    await this.audit();
    return response;
  }

  /** Does something that leads to a new page (a click, Enter on a button), waits for it, then audits it. */
  async navigate(action: () => Promise<unknown>) {
    const [response] = await Promise.all([this.page.waitForNavigation(), action()]);
    await this.audit();
    return response;
  }

  expectEveryPageAudited() {
    const missed = this.navigations.filter((navigation) => !this.audited.has(navigation));
    expect(missed, "pages visited without an axe check").toEqual([]);
  }

  async screenshot(name: string) {
    fs.mkdirSync(artifactsDir, { recursive: true });
    await this.page.screenshot({ path: path.join(artifactsDir, `${name}.png`), fullPage: true });
  }

  async close() {
    this.expectEveryPageAudited();
    await this.context.close();
    await this.auditor?.context().close();
  }
}

/** One production server and one Chromium for a test file, stopped and removed afterwards. */
export function withServerAndBrowser() {
  const running = {} as { server: RunningServer; browser: Browser };
  beforeAll(async () => {
    running.server = await startServer();
    running.browser = await launchChromium();
  });
  afterAll(async () => {
    await running.browser?.close();
    await running.server?.stop();
    if (running.server) removeDatabase(running.server.databasePath);
  });
  return running;
}
