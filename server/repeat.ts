import { logger } from "./logger";

export interface Repeating {
  /** Stops the timer and resolves once a run in progress has finished. */
  stop(): Promise<void>;
}

interface Options {
  atOnce?: boolean;
  /** Where a failed run is reported; the next run goes ahead anyway. */
  log?: (...parts: unknown[]) => void;
}

/** Runs `work` every `everyMs` (and at once, unless told to wait), never twice at the same time. */
export function repeat(
  name: string,
  everyMs: number,
  work: () => Promise<unknown>,
  { atOnce = true, log = (what: unknown, error: unknown) => logger.error({ err: error }, String(what)) }: Options = {},
): Repeating {
  let running: Promise<void> | undefined;
  const tick = () => {
    running ??= work()
      .then(() => undefined)
      .catch((error: unknown) => log(`${name}:`, error))
      .finally(() => (running = undefined));
  };
  const timer = setInterval(tick, everyMs);
  timer.unref();
  if (atOnce) tick();
  return {
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}
