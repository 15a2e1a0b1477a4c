import { randomBytes } from "node:crypto";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { broadcastDevReady, type ServerBuild } from "@remix-run/node";
import compression from "compression";
import express from "express";
import helmet from "helmet";
import { parseEnv } from "../app/env.server";
import { createDb } from "../db/connection";
import { migrateToLatest } from "../db/migrate";
import { seedDemoIfEmpty } from "../db/seed/demo";
import { ensureStartingThemes } from "../db/seed/themes";
import { deleteExpiredDrafts } from "../app/surveys/drafts.server";
import { startMailWorker } from "./mail";
import { requestGate } from "./gate";
import { requestLogger } from "./log";
import { remixHandler } from "./remix";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
if (process.argv.includes("--demo")) process.env.DEMO_MODE = "true";
const env = parseEnv();
process.env.NODE_ENV = env.NODE_ENV;

// Prepare the database before taking any request: migrate, then (demo only) load the demo data.
const db = createDb(env.DATABASE_PATH);
// The app's getDb() uses this same connection: one per process, closed on shutdown.
globalThis.__portalDb = db;
await migrateToLatest(db);
await ensureStartingThemes(db);
if (env.DEMO_MODE) await seedDemoIfEmpty(db);
const sweepDrafts = async () => {
  const deleted = await deleteExpiredDrafts(db);
  if (deleted > 0) console.log(`deleted ${deleted} expired drafts`);
};
await sweepDrafts();
setInterval(() => void sweepDrafts().catch(console.error), 60 * 60 * 1000).unref();
const mailWorker = startMailWorker(db, env);

const build = (await import(path.join(root, "build/index.js"))) as ServerBuild;
// Under `npm run dev`, `remix dev` restarts this server after each rebuild and waits for this signal.
if (env.NODE_ENV === "development" && process.env.REMIX_DEV_ORIGIN) void broadcastDevReady(build);

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
app.use((_req, res, next) => {
  // Nothing here needs a camera, a microphone, a location or payments.
  res.setHeader("Permissions-Policy", "camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()");
  next();
});

// Fingerprinted assets can be cached for ever; everything else in public/ for an hour.
app.use("/build", express.static(path.join(root, "public/build"), { immutable: true, maxAge: "1y" }));
app.use("/locales", express.static(path.join(root, "locales"), { maxAge: "1h" }));
app.use(express.static(path.join(root, "public"), { maxAge: "1h" }));

app.use(requestGate(env));
app.all(
  "*",
  remixHandler(build, env.NODE_ENV, env.PUBLIC_URL, (req, res) => ({
    cspNonce: res.locals.cspNonce as string,
    clientAddress: req.ip ?? "",
  })),
);

const server = app.listen(env.PORT, env.HOST, () => {
  console.log(`You said, we did is running at http://localhost:${env.PORT}${env.DEMO_MODE ? " (demo mode)" : ""}`);
});
// A client that sends its headers or body very slowly is cut off instead of holding a connection.
server.headersTimeout = 20_000;
server.requestTimeout = 30_000;

function shutdown() {
  mailWorker.stop();
  server.close(() => {
    void db.destroy().finally(() => process.exit(0));
  });
}
process.on("SIGTERM", shutdown);
process.on("SIGINT", shutdown);
