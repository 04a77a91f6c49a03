// Numbers of the live-updates protocol both sides use, kept free of imports (the page's first load
// reads them): how many newest images an answer carries, and how often a page may ask again after
// answers that changed something (decision 032; the pacer is in web/queries/events.ts).

/** The newest images the playground shows; an answer for changed images carries them (decision 016). */
export const RECENT_COUNT = 24

/**
 * Requests that answers may cause this many at once… A person iterating 1.2 s jobs back to back
 * costs two a job (the job appears; its result, which carries the newest images): three carry such
 * a run without a result waiting. When a result also made the recent images read again (three a
 * job), the third result in a row waited ~0.7 s for the page to ask again.
 */
export const BURST = 3
/** …and then one per this many ms: a stream of results is paced, a single one never waits. */
export const PACE_MS = 1000
