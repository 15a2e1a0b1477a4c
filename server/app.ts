import { randomBytes } from "node:crypto";
import path from "node:path";
import type { ServerBuild } from "@remix-run/node";
import compression from "compression";
import express from "express";
import helmet from "helmet";
import type { Env } from "../app/env.server";
import { requestGate } from "./gate";
import { requestLogger } from "./log";
import { remixHandler } from "./remix";

/** The Express app every serving process runs: security headers, the gate, static files, then Remix. */
export function createApp(build: ServerBuild, env: Env, root: string): express.Express {
  const app = express();
  app.disable("x-powered-by");
  // A number of hops or a list of proxy addresses, as Express documents; never `true` (see .env.example).
  if (env.TRUST_PROXY !== false) app.set("trust proxy", env.TRUST_PROXY);
  app.use(requestLogger);
  app.use(compression());

  app.use((_req, res, next) => {
    res.locals.cspNonce = randomBytes(16).toString("base64");
    next();
  });
  app.use(
    helmet({
      contentSecurityPolicy: {
        directives: {
          defaultSrc: ["'self'"],
          scriptSrc: ["'self'", (_req, res) => `'nonce-${(res as express.Response).locals.cspNonce}'`],
          styleSrc: ["'self'"],
          imgSrc: ["'self'", "data:"],
          fontSrc: ["'self'"],
          connectSrc: ["'self'"],
          formAction: ["'self'"],
          frameAncestors: ["'none'"],
          baseUri: ["'self'"],
          objectSrc: ["'none'"],
          upgradeInsecureRequests: env.NODE_ENV === "production" ? [] : null,
        },
      },
      referrerPolicy: { policy: "strict-origin-when-cross-origin" },
      xFrameOptions: { action: "deny" },
      strictTransportSecurity: env.NODE_ENV === "production",
    }),
  );
  app.use((req, res, next) => {
    // Nothing here needs a camera, a location or payments; only a survey question page the microphone, for a spoken answer.
    const microphone = /^\/surveys\/[^/]+\/questions\//.test(req.path) ? "(self)" : "()";
    res.setHeader("Permissions-Policy", `camera=(), microphone=${microphone}, geolocation=(), payment=(), usb=(), interest-cohort=()`);
    next();
  });

  // The gate first, so that even a path the static files cannot decode gets a page, not Express's own.
  app.use(requestGate(env));
  // Fingerprinted assets can be cached for ever; everything else in public/ for an hour.
  const unlessRefused =
    (serve: express.RequestHandler): express.RequestHandler =>
    (req, res, next) =>
      res.locals.refusal ? next() : serve(req, res, next);
  app.use("/build", unlessRefused(express.static(path.join(root, "public/build"), { immutable: true, maxAge: "1y" })));
  app.use("/locales", unlessRefused(express.static(path.join(root, "locales"), { maxAge: "1h" })));
  app.use(unlessRefused(express.static(path.join(root, "public"), { maxAge: "1h" })));

  // `use`, not `all("*")`: Express decodes a "*" parameter, and answers a path it cannot decode itself.
  app.use(
    remixHandler(build, env.NODE_ENV, env.PUBLIC_URL, (req, res) => ({
      cspNonce: res.locals.cspNonce as string,
      clientAddress: req.ip ?? "",
    })),
  );
  return app;
}
