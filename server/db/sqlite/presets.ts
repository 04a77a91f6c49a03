// PresetStore on SQLite: saved presets and named prompt lists.
import { asc, eq } from 'drizzle-orm'
import type { PresetStore } from '../stores'
import type { Connection } from './connection'
import { presets, promptLists } from './schema'

export function sqlitePresetStore({ db, run }: Connection): PresetStore {
  return {
    list: () => run(() => db.select().from(presets).orderBy(asc(presets.name)).all()),
    named: (name) => run(() => db.select().from(presets).where(eq(presets.name, name)).get()),
    insert: (row) => run(() => void db.insert(presets).values(row).run()),
    rename: (id, name) => run(() => db.update(presets).set({ name }).where(eq(presets.id, id)).returning().get()),
    remove: (id) => run(() => db.delete(presets).where(eq(presets.id, id)).run().changes > 0),
    lists: () => run(() => db.select().from(promptLists).orderBy(asc(promptLists.name)).all()),
    saveList: ({ name, entries, updatedAt }) =>
      run(
        () =>
          void db
            .insert(promptLists)
            .values({ name, entries, updatedAt })
            .onConflictDoUpdate({ target: promptLists.name, set: { entries, updatedAt } })
            .run(),
      ),
    removeList: (name) => run(() => db.delete(promptLists).where(eq(promptLists.name, name)).run().changes > 0),

    importLibrary: (rows, lists) =>
      run(() =>
        db.transaction((tx) => {
          for (const p of rows) {
            tx.insert(presets)
              .values(p)
              .onConflictDoUpdate({ target: presets.name, set: { model: p.model, params: p.params, prefix: p.prefix, suffix: p.suffix } })
              .run()
          }
          for (const { name, entries, updatedAt } of lists) {
            tx.insert(promptLists)
              .values({ name, entries, updatedAt })
              .onConflictDoUpdate({ target: promptLists.name, set: { entries, updatedAt } })
              .run()
          }
        }),
      ),
  }
}
