import pino from "pino";

/**
 * The server's log: one JSON object per line (pino), so a council's log service can search and
 * alert on it. It carries what happened and where, never a person's answers, a cookie, a token, a
 * password or a query string: requests are logged by their redacted path (log.ts), and the
 * redaction below is a second guard for any object that reaches it.
 */
export const logger = pino({
  base: { pid: process.pid },
  timestamp: pino.stdTimeFunctions.isoTime,
  level: process.env.LOG_LEVEL ?? "info",
  redact: { paths: ["password", "*.password", "cookie", "*.cookie", "headers", "*.headers", "token", "*.token", "body", "*.body"], censor: "[redacted]" },
});
