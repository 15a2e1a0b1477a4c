import { createRequire } from "node:module";
import type { AxeResults } from "axe-core";
import type { BrowserContext, Page } from "playwright-core";
import path from "node:path";
import { withServerAndBrowser } from "../support/browser";
import { findSitePages, unreachable, type Site, type SitePage, type Who } from "../support/site-pages";

const running = withServerAndBrowser();
const require = createRequire(import.meta.url);
// The axe that @axe-core/playwright uses, put in every page as it loads: three times faster than
// injecting it for each check, which matters over every page at three widths.
const axeScript = require.resolve("axe-core/axe.min.js", { paths: [path.dirname(require.resolve("@axe-core/playwright"))] });
let site: Site;

beforeAll(async () => {
  site = await findSitePages(running.server.url);
});

/** One tab per person (anyone, a respondent, one who has sent answers, an administrator), at one width. */
async function tabsAt(width: number): Promise<{ tabs: Record<Who, Page>; close: () => Promise<void> }> {
  const contexts: BrowserContext[] = [];
  const tabs = {} as Record<Who, Page>;
  for (const [who, cookies] of Object.entries(site.cookies) as [Who, Site["cookies"][Who]][]) {
    const context = await running.browser.newContext({ locale: "en-GB", viewport: { width, height: 800 } });
    await context.addInitScript({ path: axeScript });
    await context.addCookies(cookies.map((cookie) => ({ ...cookie, url: running.server.url })));
    contexts.push(context);
    tabs[who] = await context.newPage();
  }
  return { tabs, close: async () => void (await Promise.all(contexts.map((context) => context.close()))) };
}

/** Opens the page as its person would; a page that is sent empty ends on its error summary. */
async function open(tab: Page, page: SitePage) {
  const response = await tab.goto(`${running.server.url}${page.path}`);
  expect(response?.status(), page.path).toBeLessThan(500);
  expect(new URL(tab.url()).pathname + new URL(tab.url()).search, "the page opens without being sent elsewhere").toBe(page.path);
  if (page.sendEmpty) {
    const button = tab.locator('main form[method="post"] button[type="submit"]').first();
    await button.evaluate((submit: HTMLButtonElement) => {
      for (const field of submit.form!.querySelectorAll("input")) {
        if (field.type === "radio" || field.type === "checkbox") field.checked = false;
        else if (field.type !== "hidden") field.value = "";
      }
      for (const field of submit.form!.querySelectorAll("textarea")) field.value = "";
    });
    const [sent] = await Promise.all([tab.waitForNavigation(), button.click()]);
    expect(sent?.status(), `${page.path} sent empty`).toBe(400);
  }
}

/** axe's WCAG 2.2 A and AA rules and best practices, as every browser test runs them, with target-size on. */
async function axeProblems(tab: Page): Promise<string[]> {
  const violations = await tab.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (context: Document, options: object) => Promise<AxeResults> } }).axe;
    const results = await axe.run(document, {
      runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"] },
      // Off by default in axe: WCAG 2.2's 24 by 24 px targets (2.5.8).
      rules: { "target-size": { enabled: true } },
      resultTypes: ["violations"],
    });
    return results.violations.map((violation) => ({ id: violation.id, targets: violation.nodes.map((node) => node.target.join(" ")) }));
  });
  return violations.map((violation) => `${violation.id}: ${violation.targets.join(", ")}`);
}

const label = (page: SitePage) => `${page.path}${page.sendEmpty ? " sent empty" : ""} (${page.who})`;

describe("every page at a small phone's width, a common phone's and a desktop's", () => {
  it("are all found by following links and filling in forms", () => {
    expect(site.unreached.filter((route) => !(route in unreachable))).toEqual([]);
  });

  for (const width of [320, 412, 1280]) {
    it(`passes axe with target-size at ${width} px${width === 320 ? ", and nothing makes the page scroll sideways" : ""}`, async () => {
      const { tabs, close } = await tabsAt(width);
      const problems: string[] = [];
      try {
        for (const page of site.pages) {
          const tab = tabs[page.who];
          await open(tab, page);
          problems.push(...(await axeProblems(tab)).map((problem) => `${label(page)}: ${problem}`));
          const scrollWidth = await tab.evaluate(() => document.documentElement.scrollWidth);
          if (width === 320 && scrollWidth > 320) problems.push(`${label(page)}: ${scrollWidth} px wide`);
        }
      } finally {
        await close();
      }
      expect(problems).toEqual([]);
      expect(site.pages.length).toBeGreaterThan(50);
    });
  }
});

/** The contrast ratio of two computed colours, "rgb(r, g, b)", as WCAG defines it. */
function contrast(a: string, b: string): number {
  const luminance = (colour: string) => {
    const [r, g, b] = (colour.match(/[\d.]+/g) ?? []).slice(0, 3).map((part) => {
      const c = Number(part) / 255;
      return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  };
  const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (light + 0.05) / (dark + 0.05);
}

describe("charts in forced colours", () => {
  for (const colorScheme of ["dark", "light"] as const) {
    it(`draw their words in the system's colours, on the public page and the insight dashboard (${colorScheme})`, async () => {
      const context = await running.browser.newContext({ viewport: { width: 1280, height: 900 }, colorScheme });
      try {
        await context.addCookies(site.cookies.staff.map((cookie) => ({ ...cookie, url: running.server.url })));
        const tab = await context.newPage();
        await tab.emulateMedia({ forcedColors: "active", colorScheme });
        for (const chartPage of ["/you-said-we-did", "/moderate/insight"]) {
          await tab.goto(`${running.server.url}${chartPage}`);
          const colours = await tab.evaluate(() => {
            const probe = document.createElement("div");
            probe.style.cssText = "background-color: Canvas; color: CanvasText";
            document.body.append(probe);
            const system = getComputedStyle(probe);
            return {
              canvas: system.backgroundColor,
              canvasText: system.color,
              words: [...document.querySelectorAll(".app-chart__svg text")].map((text) => {
                const style = getComputedStyle(text);
                return { fill: style.fill, opacity: style.opacity, visibility: style.visibility, onInk: text.classList.contains("app-insight-on-ink") };
              }),
            };
          });
          expect(colours.words.length, chartPage).toBeGreaterThan(0);
          expect(contrast(colours.canvasText, colours.canvas)).toBeGreaterThanOrEqual(4.5);
          for (const { onInk, ...word } of colours.words) {
            // Words are in the system's text colour; words written on a bar, in its background colour.
            expect(word, chartPage).toEqual({ fill: onInk ? colours.canvas : colours.canvasText, opacity: "1", visibility: "visible" });
          }
        }
      } finally {
        await context.close();
      }
    });
  }
});

describe("Urdu with the reader's own text spacing (WCAG 1.4.12)", () => {
  it("keeps every line of a paragraph clear of the next", async () => {
    // The reader's stylesheet is theirs, not the page's: the page's CSP does not apply to it.
    const context = await running.browser.newContext({ viewport: { width: 320, height: 800 }, bypassCSP: true });
    try {
      const tab = await context.newPage();
      await tab.goto(`${running.server.url}/privacy?lng=ur`);
      // The spacing WCAG asks a page to take without losing anything, as the W3C's test bookmarklet sets it.
      await tab.addStyleTag({
        content: "* { line-height: 1.5 !important; letter-spacing: 0.12em !important; word-spacing: 0.16em !important; } p { margin-bottom: 2em !important; }",
      });
      await tab.evaluate(() => document.fonts.ready);
      const paragraphs = await tab.evaluate(() => {
        if (![...document.fonts].some((face) => face.family.includes("Nastaliq") && face.status === "loaded")) return null;
        return [...document.querySelectorAll("main p")].map((paragraph) => {
          const pitch = parseFloat(getComputedStyle(paragraph).lineHeight);
          const range = document.createRange();
          range.selectNodeContents(paragraph);
          // Each line: the boxes of the words on it (their middles lie within half a line of each other),
          // from the highest top to the lowest bottom.
          const lines: { middle: number; top: number; bottom: number }[] = [];
          for (const rect of [...range.getClientRects()].filter((r) => r.width > 0 && r.height > 0).sort((a, b) => a.top - b.top)) {
            const middle = (rect.top + rect.bottom) / 2;
            const line = lines.find((l) => Math.abs(l.middle - middle) < pitch / 2);
            if (line) [line.top, line.bottom] = [Math.min(line.top, rect.top), Math.max(line.bottom, rect.bottom)];
            else lines.push({ middle, top: rect.top, bottom: rect.bottom });
          }
          return lines.sort((a, b) => a.middle - b.middle).map(({ top, bottom }) => ({ top, bottom }));
        });
      });
      expect(paragraphs, "the Nastaliq font is loaded").not.toBeNull();
      const lines = paragraphs!.filter((paragraph) => paragraph.length > 1);
      expect(lines.length, "paragraphs of more than one line").toBeGreaterThan(2);
      const overlaps = lines.flatMap((paragraph) => paragraph.slice(1).filter((line, i) => line.top < paragraph[i].bottom - 0.5));
      expect(overlaps).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
