// Favourites, soft deletes with undo, collections and prompt history on PostgreSQL. Names sort as on
// SQLite (by code point: COLLATE "C"), whatever the database's own collation.
import { and, count, desc, eq, inArray, isNotNull, isNull, lte, sql } from 'drizzle-orm'
import type { GalleryStore } from '../stores'
import type { Context } from './context'
import { jobColumns } from './job-columns'
import { collections, imageCollections, images, imageTags, jobs, promptHistory } from './schema'

const byName = sql`${collections.name} collate "C"`

export function createGalleryStore({ db, transaction }: Context): GalleryStore {
  const changed = (res: { rowCount: number | null }) => res.rowCount ?? 0

  return {
    async setFavourite(ids, favourite) {
      if (ids.length === 0) return 0
      return changed(
        await db()
          .update(images)
          .set({ favourite })
          .where(and(inArray(images.id, [...ids]), isNull(images.deletedAt))),
      )
    },

    async setRating(ids, rating) {
      if (ids.length === 0) return 0
      return changed(
        await db()
          .update(images)
          .set({ rating })
          .where(and(inArray(images.id, [...ids]), isNull(images.deletedAt))),
      )
    },

    async addTags(ids, tags) {
      if (ids.length === 0 || tags.length === 0) return 0
      const live = await db()
        .select({ id: images.id, seq: images.seq })
        .from(images)
        .where(and(inArray(images.id, [...ids]), isNull(images.deletedAt)))
      if (live.length === 0) return 0
      return changed(
        await db()
          .insert(imageTags)
          .values(live.flatMap((r) => tags.map((tag) => ({ imageId: r.id, tag, imageSeq: r.seq }))))
          .onConflictDoNothing(),
      )
    },

    async removeTags(ids, tags) {
      if (ids.length === 0 || tags.length === 0) return 0
      return changed(
        await db()
          .delete(imageTags)
          .where(and(inArray(imageTags.imageId, [...ids]), inArray(imageTags.tag, [...tags]))),
      )
    },

    async tagsOf(ids) {
      if (ids.length === 0) return []
      return db()
        .select({ imageId: imageTags.imageId, tag: imageTags.tag })
        .from(imageTags)
        .where(inArray(imageTags.imageId, [...ids]))
        .orderBy(sql`${imageTags.imageId} collate "C"`, sql`${imageTags.tag} collate "C"`)
    },

    async softDelete(ids, at) {
      if (ids.length === 0) return 0
      return changed(
        await db()
          .update(images)
          .set({ deletedAt: at })
          .where(and(inArray(images.id, [...ids]), isNull(images.deletedAt))),
      )
    },

    async restore(ids) {
      if (ids.length === 0) return 0
      return changed(
        await db()
          .update(images)
          .set({ deletedAt: null })
          .where(and(inArray(images.id, [...ids]), isNotNull(images.deletedAt))),
      )
    },

    expiredDeletes: (before) =>
      db().select({ id: images.id, fileName: images.fileName, thumbName: images.thumbName }).from(images).where(lte(images.deletedAt, before)),

    async purge(ids) {
      if (ids.length === 0) return 0
      return transaction(async () => {
        await db()
          .delete(imageCollections)
          .where(inArray(imageCollections.imageId, [...ids]))
        await db()
          .delete(imageTags)
          .where(inArray(imageTags.imageId, [...ids]))
        return changed(
          await db()
            .delete(images)
            .where(inArray(images.id, [...ids])),
        )
      })
    },

    imageCollections: (imageId) =>
      db()
        .select({ id: collections.id, name: collections.name })
        .from(imageCollections)
        .innerJoin(collections, eq(collections.id, imageCollections.collectionId))
        .where(eq(imageCollections.imageId, imageId))
        .orderBy(byName),

    listCollections: () =>
      db()
        .select({ id: collections.id, name: collections.name, createdAt: collections.createdAt, imageCount: count(images.id) })
        .from(collections)
        .leftJoin(imageCollections, eq(imageCollections.collectionId, collections.id))
        .leftJoin(images, and(eq(images.id, imageCollections.imageId), isNull(images.deletedAt)))
        .groupBy(collections.id)
        .orderBy(byName),

    async getCollection(id) {
      const [row] = await db().select().from(collections).where(eq(collections.id, id))
      return row
    },

    async collectionNamed(name) {
      const [row] = await db().select().from(collections).where(eq(collections.name, name))
      return row
    },

    async createCollection(row) {
      await db().insert(collections).values(row)
    },

    async renameCollection(id, name) {
      return changed(await db().update(collections).set({ name }).where(eq(collections.id, id)))
    },

    deleteCollection: (id) =>
      transaction(async () => {
        await db().delete(imageCollections).where(eq(imageCollections.collectionId, id))
        return changed(await db().delete(collections).where(eq(collections.id, id)))
      }),

    async addToCollection(collectionId, ids, at) {
      if (ids.length === 0) return 0
      const live = await db()
        .select({ id: images.id })
        .from(images)
        .where(and(inArray(images.id, [...ids]), isNull(images.deletedAt)))
      if (live.length === 0) return 0
      return changed(
        await db()
          .insert(imageCollections)
          .values(live.map((r) => ({ collectionId, imageId: r.id, addedAt: at })))
          .onConflictDoNothing(),
      )
    },

    async removeFromCollection(collectionId, ids) {
      if (ids.length === 0) return 0
      return changed(
        await db()
          .delete(imageCollections)
          .where(and(eq(imageCollections.collectionId, collectionId), inArray(imageCollections.imageId, [...ids]))),
      )
    },

    async recordPrompt(prompt, negativePrompt, model, at) {
      await db()
        .insert(promptHistory)
        .values({ prompt, negativePrompt, model, uses: 1, lastUsedAt: at })
        .onConflictDoUpdate({ target: promptHistory.prompt, set: { negativePrompt, model, uses: sql`${promptHistory.uses} + 1`, lastUsedAt: at } })
    },

    // ILIKE: SQLite's LIKE ignores case too. The pattern's own %, _ and \ are matched literally.
    prompts: (q, limit) =>
      db()
        .select()
        .from(promptHistory)
        .where(q ? sql`${promptHistory.prompt} ilike ${`%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`} escape '\\'` : undefined)
        .orderBy(desc(promptHistory.lastUsedAt))
        .limit(limit),

    async jobOf(imageId) {
      const [row] = await db().select({ job: jobColumns }).from(images).innerJoin(jobs, eq(jobs.id, images.jobId)).where(eq(images.id, imageId))
      return row?.job
    },
  }
}
