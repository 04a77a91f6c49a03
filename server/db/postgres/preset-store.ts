// Saved presets and named prompt lists on PostgreSQL.
import { eq, sql } from 'drizzle-orm'
import type { PresetStore } from '../stores'
import type { Context } from './context'
import { presets, promptLists } from './schema'

export function createPresetStore({ db, transaction }: Context): PresetStore {
  const saveList: PresetStore['saveList'] = async ({ name, entries, updatedAt }) => {
    await db().insert(promptLists).values({ name, entries, updatedAt }).onConflictDoUpdate({ target: promptLists.name, set: { entries, updatedAt } })
  }
  return {
    list: () =>
      db()
        .select()
        .from(presets)
        .orderBy(sql`${presets.name} collate "C"`),

    async named(name) {
      const [row] = await db().select().from(presets).where(eq(presets.name, name))
      return row
    },

    async insert(row) {
      await db().insert(presets).values(row)
    },

    async rename(id, name) {
      const [row] = await db().update(presets).set({ name }).where(eq(presets.id, id)).returning()
      return row
    },

    async remove(id) {
      const res = await db().delete(presets).where(eq(presets.id, id))
      return (res.rowCount ?? 0) > 0
    },

    lists: () =>
      db()
        .select()
        .from(promptLists)
        .orderBy(sql`${promptLists.name} collate "C"`),

    saveList,

    async removeList(name) {
      const res = await db().delete(promptLists).where(eq(promptLists.name, name))
      return (res.rowCount ?? 0) > 0
    },

    importLibrary: (rows, lists) =>
      transaction(async () => {
        for (const p of rows)
          await db()
            .insert(presets)
            .values(p)
            .onConflictDoUpdate({ target: presets.name, set: { model: p.model, params: p.params, prefix: p.prefix, suffix: p.suffix } })
        for (const list of lists) await saveList(list)
      }),
  }
}
