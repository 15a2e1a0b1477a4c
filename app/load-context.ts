import type { Refusal } from "./utils/refusal";
import "@remix-run/node";

declare module "@remix-run/node" {
  interface AppLoadContext {
    /** Per-request nonce that the Content-Security-Policy allows for inline scripts. */
    cspNonce: string;
    /** The caller's network address, for rate limits. Never logged with answers. */
    clientAddress: string;
    /** Set by an action that answers 400, so the page title starts with "Error:". */
    formErrors?: boolean;
    /** Set by the server's gate for a request it would not pass to a route (see routes/refused.tsx). */
    refusal?: Refusal;
  }
}

export {};
