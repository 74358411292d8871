/** When the viewer model applies coalesced upserts: at most once per animation frame. */

/** Runs `flush` soon, at most once per frame; returns a cancel function. */
export type FrameScheduler = (flush: () => void) => () => void;

/**
 * requestAnimationFrame, with a timer as a backstop: rAF does not run in hidden documents (a
 * viewer tab in the background), and the list must still catch up, if less often.
 */
export const frameScheduler: FrameScheduler = (flush) => {
  let done = false;
  const run = () => {
    if (done) return;
    done = true;
    cancelAnimationFrame(frame);
    clearTimeout(timer);
    flush();
  };
  const frame = requestAnimationFrame(run);
  const timer = setTimeout(run, 250);
  return () => {
    done = true;
    cancelAnimationFrame(frame);
    clearTimeout(timer);
  };
};
