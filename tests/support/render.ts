import { JSDOM } from "jsdom";
import { createElement, type ComponentType } from "react";
import { renderToString } from "react-dom/server";
import { I18nextProvider } from "react-i18next";
// Remix renders pages through React Router's static handler; the same one renders a page here.
import { createStaticHandler, createStaticRouter, StaticRouterProvider } from "react-router-dom/server";
import { htmlLang } from "~/i18n/config";
import { instanceFor } from "~/i18n/i18n.server";

interface PageModule {
  loader: (args: { request: Request; params: Record<string, string | undefined>; context: never }) => unknown;
  default: ComponentType;
}

/**
 * Renders a route's page as the server does, from its real loader, in `lang`, without the layout
 * around it: to check the markup a page makes of its data, such as its `lang` attributes.
 */
export async function renderPage(page: PageModule, pattern: string, path: string, lang: string): Promise<Document> {
  const context = { cspNonce: "test-nonce", clientAddress: "192.0.2.1" } as never;
  const loader = async (args: { request: Request; params: Record<string, string | undefined> }) => (await page.loader({ ...args, context })) as Response;
  const routes = [{ id: "page", path: pattern, loader, Component: page.default }];
  const handler = createStaticHandler(routes);
  const state = await handler.query(new Request(new URL(path, "http://localhost")));
  if (state instanceof Response) throw new Error(`${path} redirected to ${state.headers.get("Location")}`);
  if (state.errors) throw new Error(`${path} failed: ${JSON.stringify(state.errors)}`);
  const router = createStaticRouter(handler.dataRoutes, state);
  const html = renderToString(
    createElement(I18nextProvider, { i18n: instanceFor(lang) }, createElement(StaticRouterProvider, { router, context: state, hydrate: false })),
  );
  return new JSDOM(`<!doctype html><html lang="${htmlLang(lang)}"><body>${html}</body></html>`).window.document;
}

/** The language an element is read in: its own `lang`, or its nearest ancestor's. */
export function langOf(element: Element | null): string | null {
  return element?.closest("[lang]")?.getAttribute("lang") ?? null;
}
