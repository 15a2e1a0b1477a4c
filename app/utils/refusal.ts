import type { ErrorKind } from "./http.server";

/** A request the server's gate would not pass to a route: Remix renders its page in the person's language. */
export interface Refusal {
  status: 400 | 403 | 404 | 405 | 413 | 415 | 429;
  kind: ErrorKind;
  retryAfterSeconds?: number;
}

/** The path Remix renders a refusal at; the gate rewrites refused requests to it. */
export const REFUSED_PATH = "/refused";
