import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { ReadableStream as NodeReadableStream } from "node:stream/web";
import { createRequestHandler, type AppLoadContext, type ServerBuild } from "@remix-run/node";
import type { NextFunction, Request, Response } from "express";
import { REFUSED_PATH, type Refusal } from "../app/utils/refusal";
import { isDatabaseUnavailable } from "../db/connection";
import { logger } from "./logger";

/**
 * Hands a request that passed the gate to Remix. Unlike @remix-run/express it builds the URL from
 * the configured public address, never from the Host header, gives Remix the body the gate already
 * read, sends a refused request to the refusal page, and applies the one cache rule.
 */

const SESSION_COOKIE = /(^|;\s*)staff_session=/;
/** Replies made whole in memory; everything else (CSV and Excel exports) streams at the client's pace. */
const WHOLE = /^(text\/html|application\/json)\b/;

/**
 * The one cache rule. Only a page its route marked `public` may be kept by shared caches, and only
 * when it is the same for everyone: no staff session in the request, no cookie set in the reply, a
 * 200. Everything else (anything with a session's token, a respondent's answers, a cookie, an
 * error) is `private, no-store`. A `?_data=` reply is judged exactly like its document.
 */
export function cacheControl(request: { headers: Headers }, response: { status: number; headers: Headers }): string {
  const declared = response.headers.get("Cache-Control") ?? "";
  const shared =
    declared.startsWith("public") &&
    response.status === 200 &&
    !SESSION_COOKIE.test(request.headers.get("Cookie") ?? "") &&
    response.headers.getSetCookie().length === 0;
  return shared ? declared : "private, no-store";
}

function headersOf(req: Request): Headers {
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    for (const one of Array.isArray(value) ? value : value === undefined ? [] : [value]) headers.append(name, one);
  }
  return headers;
}

async function send(res: Response, response: globalThis.Response) {
  res.statusMessage = response.statusText;
  res.status(response.status);
  for (const [name, value] of response.headers) {
    if (name !== "set-cookie") res.append(name, value);
  }
  for (const cookie of response.headers.getSetCookie()) res.append("Set-Cookie", cookie);
  if (!response.body) {
    res.end();
    return;
  }
  // Pages and data are whole strings already (entry.server.tsx renders to a string): one write with
  // its length spares the stream adapters that piping a one-chunk web stream would go through.
  if (WHOLE.test(response.headers.get("Content-Type") ?? "")) {
    res.end(Buffer.from(await response.arrayBuffer()));
    return;
  }
  // `pipeline` waits for the socket to drain, so a long export is read only as fast as the client
  // takes it, and a client that goes away cancels the body instead of leaving it to run on.
  try {
    await pipeline(Readable.fromWeb(response.body as NodeReadableStream<Uint8Array>), res);
  } catch (error) {
    // The client went away: nothing to tell anyone. Anything else is a fault worth logging.
    if ((error as NodeJS.ErrnoException).code !== "ERR_STREAM_PREMATURE_CLOSE") throw error;
  }
}

/** How long a person is asked to wait when the database could not be reached. */
const RETRY_AFTER_SECONDS = 30;

type DataFunction = (args: { request: globalThis.Request }) => unknown;

/**
 * Every loader and action, answering a 503 when the database could not be reached (PostgreSQL
 * restarting, a connection dropped, no connection free in time, SQLite's lock held too long). The
 * root's error boundary draws it as a page in the person's language that asks them to try again.
 * A submit that failed this way was rolled back, so it was never acknowledged, and trying again is
 * safe (the draft's idempotent submit makes one response). The pool replaces broken connections
 * by itself; nothing here has to reconnect.
 */
export function answeringUnavailable(build: ServerBuild): ServerBuild {
  const guard = (fn: DataFunction | undefined, route: string) =>
    fn &&
    (async (args: { request: globalThis.Request }) => {
      try {
        return await fn(args);
      } catch (error) {
        if (!isDatabaseUnavailable(error)) throw error;
        logger.warn({ route, err: { message: (error as Error).message, code: (error as { code?: string }).code } }, "database unavailable: answered 503");
        throw new globalThis.Response(null, { status: 503, statusText: "Service Unavailable", headers: { "Retry-After": String(RETRY_AFTER_SECONDS) } });
      }
    });
  const routes = Object.fromEntries(
    Object.entries(build.routes).map(([id, route]) => {
      const module = route.module as typeof route.module & { loader?: DataFunction; action?: DataFunction };
      return [id, { ...route, module: { ...module, loader: guard(module.loader, id), action: guard(module.action, id) } }];
    }),
  ) as ServerBuild["routes"];
  return { ...build, routes };
}

export function remixHandler(build: ServerBuild, mode: string, publicUrl: string, getLoadContext: (req: Request, res: Response) => AppLoadContext) {
  const handle = createRequestHandler(answeringUnavailable(build), mode);
  return async (req: Request, res: Response, next: NextFunction) => {
    try {
      const refusal = res.locals.refusal as Refusal | undefined;
      const controller = new AbortController();
      res.on("close", () => {
        if (!res.writableFinished) controller.abort();
      });
      const url = new URL(refusal ? REFUSED_PATH : req.originalUrl, publicUrl);
      const body = res.locals.body as Buffer | undefined;
      const request = new globalThis.Request(url, {
        method: refusal ? "GET" : req.method,
        headers: headersOf(req),
        body: !refusal && req.method === "POST" ? new Uint8Array(body ?? Buffer.alloc(0)) : undefined,
        signal: controller.signal,
      });
      const response = await handle(request, { ...getLoadContext(req, res), refusal });
      response.headers.set("Cache-Control", cacheControl(request, response));
      if (response.headers.get("Cache-Control")?.startsWith("public")) response.headers.set("Vary", "Cookie, Accept-Language");
      await send(res, response);
    } catch (error) {
      next(error);
    }
  };
}
