import cluster from "node:cluster";
import { parseEnv } from "../app/env.server";
import { runPrimary } from "./primary";
import { SCHEDULER_ENV, workerCount } from "./processes";
import { serve } from "./worker";
import { reportEventLoopDelay } from "./event-loop";
import { StartRefused } from "./database";
import { logger } from "./logger";

reportEventLoopDelay();
if (process.argv.includes("--demo")) process.env.DEMO_MODE = "true";
const env = parseEnv();
process.env.NODE_ENV = env.NODE_ENV;

// One process per core behind the one port (docs/decisions/019-processes.md); one alone needs no cluster.
const processes = workerCount(env);
try {
  if (cluster.isWorker) await serve(env, { prepareDatabase: false, runsScheduledWork: process.env[SCHEDULER_ENV] === "1" });
  else if (processes > 1) await runPrimary(env, processes);
  else await serve(env, { prepareDatabase: true, runsScheduledWork: true });
} catch (error) {
  // A database that cannot serve this build: say why in one line, not a stack trace.
  if (!(error instanceof StartRefused)) throw error;
  logger.fatal(`The portal did not start. ${error.message}`);
  process.exit(1);
}
