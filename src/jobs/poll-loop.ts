import type { Logger } from 'pino';

export interface PollLoop {
  /** Ends the loop after the pass that is running, and waits for it. */
  stop(): Promise<void>;
}

/**
 * Calls `pass` again at once while it reports work done, and sleeps `idleMs` when it reports none,
 * so a busy queue drains quickly and an idle process only wakes once per interval. A pass that
 * throws (database restarting) is logged and retried after the interval; the loop never dies.
 */
export function startPollLoop(name: string, pass: () => Promise<number>, idleMs: number, logger: Logger): PollLoop {
  let stopping = false;
  let wake: (() => void) | null = null;
  const sleep = () =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(done, idleMs);
      function done() {
        clearTimeout(timer);
        wake = null;
        resolve();
      }
      wake = done;
    });
  const running = (async () => {
    while (!stopping) {
      let worked = 0;
      try {
        worked = await pass();
      } catch (error) {
        logger.error({ err: error, loop: name }, 'background pass failed');
      }
      if (worked === 0 && !stopping) await sleep();
    }
  })();
  return {
    stop: async () => {
      stopping = true;
      wake?.();
      await running;
    },
  };
}
