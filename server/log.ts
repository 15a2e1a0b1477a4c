import type { NextFunction, Request, Response } from "express";
import { logger } from "./logger";

/**
 * One line per request: method, path, status, time. Never the query string, a body, a cookie, the
 * code in a resume link or the token in a password reset link, so answers, draft tokens and
 * reset tokens cannot end up in the logs.
 */
/** Paths whose last part is a secret: a resume code, a password reset token. */
const SECRET_PATHS = [
  ["resume", "[code]"],
  ["reset-password", "[token]"],
] as const;

export function redactPath(url: string): string {
  const pathOnly = url.split("?")[0];
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathOnly);
  } catch {
    return "[undecodable path]";
  }
  // Whatever the case or encoding ("/RESUME/…", "/%72esume/…"), a secret in a path is never written out.
  const secret = SECRET_PATHS.find(([start]) => new RegExp(`^/+${start}/.`, "i").test(decoded));
  return secret ? `/${secret[0]}/${secret[1]}` : pathOnly;
}

export function requestLogger(req: Request, res: Response, next: NextFunction) {
  if (process.env.NODE_ENV === "test") return next();
  const started = process.hrtime.bigint();
  res.on("finish", () => {
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    logger.info({ method: req.method, path: redactPath(req.originalUrl), status: res.statusCode, ms: Math.round(ms * 10) / 10 }, "request");
  });
  next();
}
