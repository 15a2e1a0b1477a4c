import type { AppLoadContext, EntryContext } from "@remix-run/node";
import { isRouteErrorResponse, RemixServer } from "@remix-run/react";
import { renderToString } from "react-dom/server";
import { I18nextProvider } from "react-i18next";
import { isSupportedLanguage } from "./i18n/config";
import { getLocale, instanceFor, languageCookie } from "./i18n/i18n.server";
import { NonceContext } from "./utils/nonce";

export default async function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext,
  loadContext: AppLoadContext,
) {
  const lang = await getLocale(request);
  const i18n = instanceFor(lang);

  // A shared ?lng= link is remembered, so the next page stays in that language.
  const chosen = new URL(request.url).searchParams.get("lng");
  if (isSupportedLanguage(chosen)) {
    // The server's one cache rule makes a reply that sets a cookie private (server/remix.ts).
    responseHeaders.append("Set-Cookie", await languageCookie.serialize(chosen));
  }
  responseHeaders.set("Content-Type", "text/html; charset=utf-8");
  responseHeaders.append("Vary", "Cookie, Accept-Language");

  // The whole page at once, as a string: no page streams or suspends, and the status must be final
  // before the first byte. React 18's streaming renderer also wrote NUL bytes where a multibyte
  // character fell on its buffer's edge (facebook/react#31134), breaking Urdu, Panjabi, Arabic,
  // Bengali and Gujarati text; renderToString has no such buffer.
  const markup = renderToString(
    <NonceContext.Provider value={loadContext.cspNonce}>
      <I18nextProvider i18n={i18n}>
        <RemixServer context={remixContext} url={request.url} nonce={loadContext.cspNonce} />
      </I18nextProvider>
    </NonceContext.Provider>,
  );
  return new Response(`<!DOCTYPE html>${markup}`, { headers: responseHeaders, status: responseStatusCode });
}

/** A 4xx is an answer, not a fault: only real errors are logged (and never for a request the client gave up on). */
export function handleError(error: unknown, { request }: { request: Request }) {
  if (isRouteErrorResponse(error) && error.status < 500) return;
  if (!request.signal.aborted) console.error(error);
}
