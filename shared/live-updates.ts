// Numbers of the live-updates protocol both sides use, kept free of imports (the page's first load
// reads them): how many newest images an answer carries, and how often a page may ask again after
// answers that changed something (decision 032; the pacer is in web/queries/events.ts).

/** The newest images the playground shows; an answer for changed images carries them (decision 016). */
export const RECENT_COUNT = 24

/**
 * Requests that answers may cause this many at once… A person iterating 1.2 s jobs back to back
 * costs two a job (the job appears; its result, which carries the newest images): two carry four
 * such jobs in a row without a result waiting. Over any window of W seconds a page asks at most
 * BURST + W questions, so at most 1.2 a second over 10 s (#11); a burst of 3 made the 20-jobs bench
 * ask 1.25 a second, spending it once as the jobs appeared and again as their results began.
 */
export const BURST = 2
/** …and then one per this many ms: a stream of results is paced, a single one never waits. */
export const PACE_MS = 1000
