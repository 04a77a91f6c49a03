// GalleryStore on SQLite: favourites, soft deletes with undo, collections and prompt history.
import { and, asc, count, desc, eq, inArray, isNotNull, isNull, lte, sql } from 'drizzle-orm'
import type { GalleryStore } from '../stores'
import type { Connection } from './connection'
import { collections, imageCollections, images, imageTags, jobs, promptHistory } from './schema'

export function sqliteGalleryStore({ db, run }: Connection): GalleryStore {
  return {
    setFavourite: (ids, favourite) =>
      run(
        () =>
          db
            .update(images)
            .set({ favourite })
            .where(and(inArray(images.id, [...ids]), isNull(images.deletedAt)))
            .run().changes,
      ),

    setRating: (ids, rating) =>
      run(
        () =>
          db
            .update(images)
            .set({ rating })
            .where(and(inArray(images.id, [...ids]), isNull(images.deletedAt)))
            .run().changes,
      ),

    addTags: (ids, tags) =>
      run(() => {
        if (ids.length === 0 || tags.length === 0) return 0
        const live = db
          .select({ id: images.id, seq: images.seq })
          .from(images)
          .where(and(inArray(images.id, [...ids]), isNull(images.deletedAt)))
          .all()
        if (live.length === 0) return 0
        return db
          .insert(imageTags)
          .values(live.flatMap((r) => tags.map((tag) => ({ imageId: r.id, tag, imageSeq: r.seq ?? 0 }))))
          .onConflictDoNothing()
          .run().changes
      }),

    removeTags: (ids, tags) =>
      run(
        () =>
          db
            .delete(imageTags)
            .where(and(inArray(imageTags.imageId, [...ids]), inArray(imageTags.tag, [...tags])))
            .run().changes,
      ),

    tagsOf: (ids) =>
      run(() =>
        db
          .select({ imageId: imageTags.imageId, tag: imageTags.tag })
          .from(imageTags)
          .where(inArray(imageTags.imageId, [...ids]))
          .orderBy(asc(imageTags.imageId), asc(imageTags.tag))
          .all(),
      ),

    softDelete: (ids, at) =>
      run(
        () =>
          db
            .update(images)
            .set({ deletedAt: at })
            .where(and(inArray(images.id, [...ids]), isNull(images.deletedAt)))
            .run().changes,
      ),

    restore: (ids) =>
      run(
        () =>
          db
            .update(images)
            .set({ deletedAt: null })
            .where(and(inArray(images.id, [...ids]), isNotNull(images.deletedAt)))
            .run().changes,
      ),

    expiredDeletes: (before) =>
      run(() =>
        db.select({ id: images.id, fileName: images.fileName, thumbName: images.thumbName }).from(images).where(lte(images.deletedAt, before)).all(),
      ),

    purge: (ids) =>
      run(() => {
        if (ids.length === 0) return 0
        return db.transaction((tx) => {
          tx.delete(imageCollections)
            .where(inArray(imageCollections.imageId, [...ids]))
            .run()
          tx.delete(imageTags)
            .where(inArray(imageTags.imageId, [...ids]))
            .run()
          return tx
            .delete(images)
            .where(inArray(images.id, [...ids]))
            .run().changes
        })
      }),

    imageCollections: (imageId) =>
      run(() =>
        db
          .select({ id: collections.id, name: collections.name })
          .from(imageCollections)
          .innerJoin(collections, eq(collections.id, imageCollections.collectionId))
          .where(eq(imageCollections.imageId, imageId))
          .orderBy(asc(collections.name))
          .all(),
      ),

    listCollections: () =>
      run(() =>
        db
          .select({ id: collections.id, name: collections.name, createdAt: collections.createdAt, imageCount: count(images.id) })
          .from(collections)
          .leftJoin(imageCollections, eq(imageCollections.collectionId, collections.id))
          .leftJoin(images, and(eq(images.id, imageCollections.imageId), isNull(images.deletedAt)))
          .groupBy(collections.id)
          .orderBy(asc(collections.name))
          .all(),
      ),

    getCollection: (id) => run(() => db.select().from(collections).where(eq(collections.id, id)).get()),
    collectionNamed: (name) => run(() => db.select().from(collections).where(eq(collections.name, name)).get()),
    createCollection: (row) => run(() => void db.insert(collections).values(row).run()),
    renameCollection: (id, name) => run(() => db.update(collections).set({ name }).where(eq(collections.id, id)).run().changes),
    deleteCollection: (id) =>
      run(() =>
        db.transaction((tx) => {
          tx.delete(imageCollections).where(eq(imageCollections.collectionId, id)).run()
          return tx.delete(collections).where(eq(collections.id, id)).run().changes
        }),
      ),

    addToCollection: (collectionId, ids, at) =>
      run(() => {
        const live = db
          .select({ id: images.id })
          .from(images)
          .where(and(inArray(images.id, [...ids]), isNull(images.deletedAt)))
          .all()
        if (live.length === 0) return 0
        return db
          .insert(imageCollections)
          .values(live.map((r) => ({ collectionId, imageId: r.id, addedAt: at })))
          .onConflictDoNothing()
          .run().changes
      }),

    removeFromCollection: (collectionId, ids) =>
      run(
        () =>
          db
            .delete(imageCollections)
            .where(and(eq(imageCollections.collectionId, collectionId), inArray(imageCollections.imageId, [...ids])))
            .run().changes,
      ),

    recordPrompt: (prompt, negativePrompt, model, at) =>
      run(
        () =>
          void db
            .insert(promptHistory)
            .values({ prompt, negativePrompt, model, uses: 1, lastUsedAt: at })
            .onConflictDoUpdate({
              target: promptHistory.prompt,
              set: { negativePrompt, model, uses: sql`${promptHistory.uses} + 1`, lastUsedAt: at },
            })
            .run(),
      ),

    prompts: (q, limit) =>
      run(() =>
        db
          .select()
          .from(promptHistory)
          .where(q ? sql`${promptHistory.prompt} like ${`%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`} escape '\\'` : undefined)
          .orderBy(desc(promptHistory.lastUsedAt))
          .limit(limit)
          .all(),
      ),

    jobOf: (imageId) =>
      run(() => db.select({ job: jobs }).from(images).innerJoin(jobs, eq(jobs.id, images.jobId)).where(eq(images.id, imageId)).get()?.job),
  }
}
