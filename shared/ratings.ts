// Star ratings (1–5) and free tags on images (docs/decisions/027): the rules the lightbox, the bulk
// actions and the server share. Tags are trimmed and lower-cased before they are checked or stored.
import { z } from 'zod'

export const MAX_RATING = 5
export const MAX_TAG_LENGTH = 40
export const MAX_TAGS_PER_IMAGE = 20
export const TAG_PATTERN = /^[a-z0-9 _-]+$/

/** A rating as sent: 1–5 stars, or null to clear it. */
export const ratingSchema = z
  .number({ error: `rating must be a whole number from 1 to ${MAX_RATING}, or null` })
  .int({ error: `rating must be a whole number from 1 to ${MAX_RATING}, or null` })
  .min(1, { error: `rating must be a whole number from 1 to ${MAX_RATING}, or null` })
  .max(MAX_RATING, { error: `rating must be a whole number from 1 to ${MAX_RATING}, or null` })
  .nullable()

/** The form a tag is stored in: trimmed, inner spaces collapsed, lower-cased. */
export const normaliseTag = (tag: string) => tag.trim().replace(/\s+/g, ' ').toLowerCase()

export const tagSchema = z
  .string({ error: 'tags must be text' })
  .transform(normaliseTag)
  .pipe(
    z
      .string()
      .min(1, { error: 'tags must not be empty' })
      .max(MAX_TAG_LENGTH, { error: `tags must be at most ${MAX_TAG_LENGTH} characters` })
      .regex(TAG_PATTERN, { error: 'tags may hold only letters a–z, digits, spaces, _ and -' }),
  )

export const tagListSchema = z
  .array(tagSchema, { error: 'tags must be a list of text' })
  .min(1, { error: 'tags must name at least one tag' })
  .max(MAX_TAGS_PER_IMAGE, { error: `tags may name at most ${MAX_TAGS_PER_IMAGE} tags` })
  .transform((tags) => [...new Set(tags)])

/** The problem with a tag typed by a person, or null when it can be stored. */
export function tagProblem(text: string): string | null {
  const r = tagSchema.safeParse(text)
  return r.success ? null : (r.error.issues[0]?.message ?? 'not a valid tag')
}
