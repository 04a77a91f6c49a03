// Favourites, soft deletes with undo, collections and prompt history.
import { and, asc, count, desc, eq, inArray, isNotNull, isNull, lte, sql } from 'drizzle-orm'
import type { Db } from '../db/client'
import { collections, imageCollections, images, jobs, promptHistory } from '../db/schema'

export function createGalleryRepo(db: Db) {
  return {
    setFavourite: (ids: string[], favourite: boolean) =>
      db
        .update(images)
        .set({ favourite })
        .where(and(inArray(images.id, ids), isNull(images.deletedAt)))
        .run().changes,

    softDelete: (ids: string[], at: number) =>
      db
        .update(images)
        .set({ deletedAt: at })
        .where(and(inArray(images.id, ids), isNull(images.deletedAt)))
        .run().changes,

    restore: (ids: string[]) =>
      db
        .update(images)
        .set({ deletedAt: null })
        .where(and(inArray(images.id, ids), isNotNull(images.deletedAt)))
        .run().changes,

    /** Rows whose undo window closed before `before`: their files must go with them. */
    expiredDeletes: (before: number) =>
      db.select({ id: images.id, fileName: images.fileName, thumbName: images.thumbName }).from(images).where(lte(images.deletedAt, before)).all(),

    purge: (ids: string[]) => {
      if (ids.length === 0) return 0
      return db.transaction((tx) => {
        tx.delete(imageCollections).where(inArray(imageCollections.imageId, ids)).run()
        return tx.delete(images).where(inArray(images.id, ids)).run().changes
      })
    },

    imageCollections: (imageId: string) =>
      db
        .select({ id: collections.id, name: collections.name })
        .from(imageCollections)
        .innerJoin(collections, eq(collections.id, imageCollections.collectionId))
        .where(eq(imageCollections.imageId, imageId))
        .orderBy(asc(collections.name))
        .all(),

    listCollections: () =>
      db
        .select({ id: collections.id, name: collections.name, createdAt: collections.createdAt, imageCount: count(images.id) })
        .from(collections)
        .leftJoin(imageCollections, eq(imageCollections.collectionId, collections.id))
        .leftJoin(images, and(eq(images.id, imageCollections.imageId), isNull(images.deletedAt)))
        .groupBy(collections.id)
        .orderBy(asc(collections.name))
        .all(),

    getCollection: (id: string) => db.select().from(collections).where(eq(collections.id, id)).get(),
    collectionNamed: (name: string) => db.select().from(collections).where(eq(collections.name, name)).get(),
    createCollection: (row: typeof collections.$inferInsert) => db.insert(collections).values(row).run(),
    renameCollection: (id: string, name: string) => db.update(collections).set({ name }).where(eq(collections.id, id)).run().changes,
    deleteCollection: (id: string) =>
      db.transaction((tx) => {
        tx.delete(imageCollections).where(eq(imageCollections.collectionId, id)).run()
        return tx.delete(collections).where(eq(collections.id, id)).run().changes
      }),

    addToCollection: (collectionId: string, ids: string[], at: number) => {
      const live = db
        .select({ id: images.id })
        .from(images)
        .where(and(inArray(images.id, ids), isNull(images.deletedAt)))
        .all()
      if (live.length === 0) return 0
      return db
        .insert(imageCollections)
        .values(live.map((r) => ({ collectionId, imageId: r.id, addedAt: at })))
        .onConflictDoNothing()
        .run().changes
    },
    removeFromCollection: (collectionId: string, ids: string[]) =>
      db
        .delete(imageCollections)
        .where(and(eq(imageCollections.collectionId, collectionId), inArray(imageCollections.imageId, ids)))
        .run().changes,

    recordPrompt(prompt: string, negativePrompt: string | null, model: string, at: number) {
      db.insert(promptHistory)
        .values({ prompt, negativePrompt, model, uses: 1, lastUsedAt: at })
        .onConflictDoUpdate({ target: promptHistory.prompt, set: { negativePrompt, model, uses: sql`${promptHistory.uses} + 1`, lastUsedAt: at } })
        .run()
    },

    prompts: (q: string | undefined, limit: number) =>
      db
        .select()
        .from(promptHistory)
        .where(q ? sql`${promptHistory.prompt} like ${`%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`} escape '\\'` : undefined)
        .orderBy(desc(promptHistory.lastUsedAt))
        .limit(limit)
        .all(),

    jobOf: (imageId: string) =>
      db.select({ job: jobs }).from(images).innerJoin(jobs, eq(jobs.id, images.jobId)).where(eq(images.id, imageId)).get()?.job,
  }
}

export type GalleryRepo = ReturnType<typeof createGalleryRepo>
