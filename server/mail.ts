import nodemailer from "nodemailer";
import type { Env } from "../app/env.server";
import { deliverDue } from "../app/mail/outbox.server";
import type { DB } from "../db/connection";
import { repeat, type Repeating } from "./repeat";
import { logger } from "./logger";

const POLL_MS = 5_000;

/**
 * Sends the outbox every few seconds while the server runs. Without SMTP_URL nothing is sent and
 * messages wait, so setting it later delivers them.
 */
export function startMailWorker(db: DB, env: Env): Repeating {
  if (!env.SMTP_URL) {
    logger.warn("SMTP_URL is not set: safeguarding emails wait in the outbox");
    return { stop: async () => {} };
  }
  const transport = nodemailer.createTransport(env.SMTP_URL);
  const sending = repeat("mail worker", POLL_MS, () => deliverDue(db, transport, env.MAIL_FROM));
  return {
    async stop() {
      await sending.stop();
      transport.close();
    },
  };
}
