// The user's words as FTS5 queries on the prompt index (images_fts): one to walk their matches, and
// one to probe a single image at a time (docs/decisions/013).

/** The user's words without quotes, blanks dropped; one with a space is a phrase. */
const words = (text: string[]) => text.map((t) => t.replace(/"/g, '').trim()).filter(Boolean)

/** FTS5 syntax from the user's words: phrases stay phrases, single words also match as prefixes. */
export function ftsQuery(text: string[]): string | null {
  const parts = words(text).map((t) => (/\s/.test(t) ? `"${t}"` : `"${t}"*`))
  return parts.length ? parts.join(' ') : null
}

/**
 * The prompt index keeps prefix indexes for 2 and 3 characters (migration 0012). A longer prefix has
 * none: FTS5 merges the doclists of every term it starts, each time a query starts, which a probe
 * per image does once an image (`"lighthouse"*`, 5% of 1M images: 1.16 ms a probe against 0.036 for
 * the word itself). A probe's words are therefore spelled out as the terms they start, when few.
 */
const PREFIX_INDEXED = 3
export const SPELLED_OUT_MAX = 20

/**
 * `ftsQuery` for probing one image at a time: each plain lowercase word longer than PREFIX_INDEXED
 * becomes the terms of the index that start with it (`("lighthouse" OR "lighthouses")`), read from
 * the index's vocabulary; a word that starts none matches nothing. Anything else (phrases, short or
 * non-ASCII words, a word that starts more than SPELLED_OUT_MAX terms) stays as ftsQuery writes it.
 * Null when nothing can match. Called only for words that ftsQuery makes a query of.
 */
export function probeQuery(text: string[], termsStarting: (prefix: string) => string[]): string | null {
  const parts = words(text).map((t) => {
    if (/\s/.test(t)) return `"${t}"`
    const word = t.toLowerCase()
    if (word.length <= PREFIX_INDEXED || !/^[a-z0-9]+$/.test(word)) return `"${t}"*`
    const terms = termsStarting(word)
    if (terms.length > SPELLED_OUT_MAX) return `"${t}"*`
    return terms.length ? `(${terms.map((term) => `"${term}"`).join(' OR ')})` : null
  })
  // A word that starts no term: nothing can match.
  // `AND` spelled out: FTS5 takes no implicit AND after a group in parentheses.
  return parts.includes(null) ? null : parts.join(' AND ')
}
