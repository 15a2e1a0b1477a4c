import type { NextFunction, Request, Response } from "express";
import getRawBody from "raw-body";
import type { Env } from "../app/env.server";
import type { Refusal } from "../app/utils/refusal";

/**
 * Every request passes here before Remix sees it. What the portal cannot serve is refused with a
 * 4xx and a page in the person's language (rendered by Remix from `res.locals.refusal`), never a
 * 500: unknown methods, undecodable paths, posts from other sites, bodies that are too large, of
 * a kind no form sends, or that cannot be parsed. A body is read once, here, up to its limit and no
 * further; Remix gets the bytes.
 */

const FORM_TYPES = ["application/x-www-form-urlencoded", "multipart/form-data"];

export type BodyKind = "signIn" | "staff" | "spoken" | "public";

export function bodyKind(path: string): BodyKind {
  if (/^\/sign-in(\/|$)/.test(path)) return "signIn";
  // A question page may carry a recording; its own size limit is a setting, checked with a message by the page.
  if (/^\/surveys\/[^/]+\/questions\/[^/]+\/?$/.test(path)) return "spoken";
  if (/^\/(moderate|admin)(\/|$)/.test(path)) return "staff";
  return "public";
}

function refuse(res: Response, next: NextFunction, refusal: Refusal) {
  res.locals.refusal = refusal;
  next();
}

/** Same origin: `Sec-Fetch-Site` when the browser sends it, else `Origin` against this portal. */
export function isCrossSite(req: Pick<Request, "get" | "protocol">, publicUrl: string): boolean {
  const site = req.get("Sec-Fetch-Site");
  if (site && site !== "same-origin" && site !== "none") return true;
  const origin = req.get("Origin");
  if (!origin) return false;
  const own = new Set([new URL(publicUrl).origin, `${req.protocol}://${req.get("Host") ?? ""}`]);
  return !own.has(origin);
}

export function requestGate(env: Env) {
  const limits: Record<BodyKind, number> = {
    signIn: env.BODY_LIMIT_SIGN_IN_KB * 1024,
    staff: env.BODY_LIMIT_STAFF_KB * 1024,
    spoken: env.BODY_LIMIT_SPOKEN_KB * 1024,
    public: env.BODY_LIMIT_PUBLIC_KB * 1024,
  };
  return async (req: Request, res: Response, next: NextFunction) => {
    if (req.method !== "GET" && req.method !== "HEAD" && req.method !== "POST") {
      res.setHeader("Allow", "GET, HEAD, POST");
      return refuse(res, next, { status: 405, kind: "methodNotAllowed" });
    }
    try {
      if (!req.originalUrl.startsWith("/")) throw new URIError("not a path");
      decodeURIComponent(req.path);
    } catch {
      return refuse(res, next, { status: 400, kind: "badRequest" });
    }
    // A resume code is honoured only at its one address, so no other spelling of it is in use anywhere.
    if (/^\/+resume\//i.test(decodeURIComponent(req.path)) && !req.path.startsWith("/resume/")) {
      return refuse(res, next, { status: 404, kind: "notFound" });
    }
    if (req.method !== "POST") return next();

    if (isCrossSite(req, env.PUBLIC_URL)) return refuse(res, next, { status: 403, kind: "crossSite" });
    const type = (req.get("Content-Type") ?? "application/x-www-form-urlencoded").split(";")[0].trim().toLowerCase();
    if (!FORM_TYPES.includes(type)) return refuse(res, next, { status: 415, kind: "badRequest" });

    const limit = limits[bodyKind(req.path)];
    let body: Buffer;
    try {
      const length = req.get("Content-Length");
      body = await getRawBody(req, { limit, length: length && /^\d+$/.test(length) ? Number(length) : undefined });
    } catch (error) {
      const status = (error as { status?: number }).status;
      if (status === 413) {
        // The rest is never read: the connection closes after the answer.
        res.setHeader("Connection", "close");
        return refuse(res, next, { status: 413, kind: "tooLarge" });
      }
      return refuse(res, next, { status: 400, kind: "badRequest" });
    }
    // Broken multipart is refused here, not in an action. (URL-encoded bodies always parse, so
    // the survey's hot path is not parsed twice.)
    if (type === "multipart/form-data") {
      try {
        await new globalThis.Request("http://portal.invalid/", {
          method: "POST",
          body: new Uint8Array(body),
          headers: { "Content-Type": req.get("Content-Type") ?? type },
        }).formData();
      } catch {
        return refuse(res, next, { status: 400, kind: "badRequest" });
      }
    }
    res.locals.body = body;
    next();
  };
}
