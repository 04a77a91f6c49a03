// Ratings and tags on images (docs/decisions/027): the per-image tag limit is checked against what the
// images already carry, before anything is written, so a refused request changes nothing.
import { MAX_TAGS_PER_IMAGE } from '../../shared/ratings'
import type { GalleryStore } from '../db/stores'
import { Invalid } from '../errors'

/** Throws Invalid (nothing written) when adding `tags` would give any of the images more than MAX_TAGS_PER_IMAGE. */
export async function checkTagLimit(gallery: GalleryStore, ids: readonly string[], tags: readonly string[]) {
  const have = new Map<string, Set<string>>()
  for (const { imageId, tag } of await gallery.tagsOf(ids)) {
    let set = have.get(imageId)
    if (!set) have.set(imageId, (set = new Set()))
    set.add(tag)
  }
  const over = [...have.values()].filter((set) => new Set([...set, ...tags]).size > MAX_TAGS_PER_IMAGE).length
  if (over || tags.length > MAX_TAGS_PER_IMAGE) {
    const message = `tags: an image may have at most ${MAX_TAGS_PER_IMAGE} tags; this would give ${Math.max(over, 1)} image${over > 1 ? 's' : ''} more`
    throw new Invalid(message, { tags: message })
  }
}

/** The tags of each image, sorted. */
export async function tagsByImage(gallery: GalleryStore, ids: readonly string[]): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>()
  for (const { imageId, tag } of await gallery.tagsOf(ids)) out.set(imageId, [...(out.get(imageId) ?? []), tag])
  return out
}
