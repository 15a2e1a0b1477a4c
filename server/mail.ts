import nodemailer from "nodemailer";
import type { Env } from "../app/env.server";
import { deliverDue } from "../app/mail/outbox.server";
import type { DB } from "../db/connection";

const POLL_MS = 5_000;

/**
 * Sends the outbox every few seconds while the server runs. Without SMTP_URL nothing is sent and
 * messages wait, so setting it later delivers them.
 */
export function startMailWorker(db: DB, env: Env): { stop(): void } {
  if (!env.SMTP_URL) {
    console.log("SMTP_URL is not set: safeguarding emails wait in the outbox");
    return { stop() {} };
  }
  const transport = nodemailer.createTransport(env.SMTP_URL);
  let running = false;
  const tick = async () => {
    if (running) return;
    running = true;
    try {
      await deliverDue(db, transport, env.MAIL_FROM);
    } catch (error) {
      console.error("mail worker:", error);
    } finally {
      running = false;
    }
  };
  const timer = setInterval(() => void tick(), POLL_MS);
  timer.unref();
  void tick();
  return {
    stop() {
      clearInterval(timer);
      transport.close();
    },
  };
}
