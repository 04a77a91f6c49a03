// How often a page may ask again after live-updates answers that changed something (decision 032):
// the page's pacer in web/queries/events.ts, and the browser tests that bound its requests.

/**
 * Requests that answers may cause this many at once… A person iterating 1.2 s jobs back to back
 * costs three a job (the job appears; its result, and the recent images read again): with three,
 * the third result in a row waited ~0.7 s for the page to ask again; six carry a run of such jobs.
 */
export const BURST = 6
/** …and then one per this many ms: a stream of results is paced, a single one never waits. */
export const PACE_MS = 1000
