// Text the gateway wrote, made safe to store and show: the API key redacted (the logger's own
// redaction), bidirectional overrides and control characters removed, and the length capped.

export const MAX_VENDOR_TEXT = 2000

/** Bidi embeddings, overrides and isolates (U+202A–202E, U+2066–2069), C0 controls but \t and \n, DEL. */
// eslint-disable-next-line no-control-regex -- control characters are what it finds
const UNSAFE = /[\u202A-\u202E\u2066-\u2069\u0000-\u0008\u000B-\u001F\u007F]/g

export function cleanVendorText(text: string, redact: (text: string) => string = (t) => t): string {
  const clean = redact(text.replace(UNSAFE, ''))
  return clean.length > MAX_VENDOR_TEXT ? `${clean.slice(0, MAX_VENDOR_TEXT - 1)}…` : clean
}
