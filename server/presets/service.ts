// Presets and named prompt lists: saved per install, exported and imported as one JSON file.
import { randomUUID } from 'node:crypto'
import { asc, eq } from 'drizzle-orm'
import { isModelId } from '../../shared/catalogue'
import { validateParams } from '../../shared/params'
import {
  BUILT_IN_PRESETS,
  libraryFileSchema,
  presetParams,
  type LibraryFile,
  type Preset,
  type PresetBody,
  type PromptList,
} from '../../shared/presets'
import type { Db } from '../db/client'
import { presets, promptLists, type PresetRow } from '../db/schema'
import { Conflict, Invalid } from '../errors'

const present = (row: PresetRow): Preset => ({
  id: row.id,
  name: row.name,
  model: isModelId(row.model) ? row.model : 'ernie-image-turbo',
  params: row.params,
  prefix: row.prefix,
  suffix: row.suffix,
  builtIn: false,
  createdAt: new Date(row.createdAt).toISOString(),
})

/** Checks a preset's parameters against its model the way a submit would, prompt aside. */
function checkedParams(body: Pick<PresetBody, 'model' | 'params'>): Record<string, unknown> {
  const params = presetParams(body.model, body.params)
  const checked = validateParams(body.model, { ...params, prompt: 'preset' })
  if (!checked.ok) {
    const fields = Object.fromEntries(Object.entries(checked.errors).map(([k, v]) => [`params.${k}`, v]))
    throw new Invalid(
      `Invalid parameters: ${Object.entries(fields)
        .map(([k, v]) => `${k}: ${v}`)
        .join('; ')}`,
      fields,
    )
  }
  return params
}

export function createPresetService(db: Db) {
  const named = (name: string) => db.select().from(presets).where(eq(presets.name, name)).get()
  const isBuiltInName = (name: string) => BUILT_IN_PRESETS.some((p) => p.name.toLowerCase() === name.toLowerCase())
  const taken = (name: string) => new Conflict(`A preset named "${name}" already exists: pick another name`)

  return {
    list: (): Preset[] => [...BUILT_IN_PRESETS, ...db.select().from(presets).orderBy(asc(presets.name)).all().map(present)],

    create(body: PresetBody): Preset {
      const params = checkedParams(body)
      if (named(body.name) || isBuiltInName(body.name)) throw taken(body.name)
      const row = {
        id: randomUUID(),
        name: body.name,
        model: body.model,
        params,
        prefix: body.prefix ?? '',
        suffix: body.suffix ?? '',
        createdAt: Date.now(),
      }
      db.insert(presets).values(row).run()
      return present(row)
    },

    /** Renames a saved preset; undefined when there is none with this id (built-ins cannot be renamed). */
    rename(id: string, name: string): Preset | undefined {
      const other = named(name)
      if ((other && other.id !== id) || isBuiltInName(name)) throw taken(name)
      const row = db.update(presets).set({ name }).where(eq(presets.id, id)).returning().get()
      return row && present(row)
    },

    remove: (id: string) => db.delete(presets).where(eq(presets.id, id)).run().changes > 0,

    lists: (): PromptList[] =>
      db
        .select()
        .from(promptLists)
        .orderBy(asc(promptLists.name))
        .all()
        .map((r) => ({ name: r.name, entries: r.entries, updatedAt: new Date(r.updatedAt).toISOString() })),

    /** Named lists as the dynamic-prompt grammar wants them. */
    listEntries: (): Record<string, string[]> =>
      Object.fromEntries(
        db
          .select()
          .from(promptLists)
          .all()
          .map((r) => [r.name, r.entries]),
      ),

    saveList(name: string, entries: string[]): PromptList {
      const updatedAt = Date.now()
      db.insert(promptLists).values({ name, entries, updatedAt }).onConflictDoUpdate({ target: promptLists.name, set: { entries, updatedAt } }).run()
      return { name, entries, updatedAt: new Date(updatedAt).toISOString() }
    },

    removeList: (name: string) => db.delete(promptLists).where(eq(promptLists.name, name)).run().changes > 0,

    exportLibrary: (): LibraryFile => ({
      darkroom: 'library',
      version: 1,
      presets: db
        .select()
        .from(presets)
        .orderBy(asc(presets.name))
        .all()
        .map((r) => ({
          name: r.name,
          model: isModelId(r.model) ? r.model : 'ernie-image-turbo',
          params: r.params,
          prefix: r.prefix,
          suffix: r.suffix,
        })),
      lists: Object.fromEntries(
        db
          .select()
          .from(promptLists)
          .orderBy(asc(promptLists.name))
          .all()
          .map((r) => [r.name, r.entries]),
      ),
    }),

    /** Adds the file's presets and lists, replacing ones of the same name; all or nothing. */
    importLibrary(file: LibraryFile) {
      const parsed = libraryFileSchema.parse(file)
      const rows = parsed.presets.map((p, i) => {
        try {
          return { ...p, params: checkedParams(p) }
        } catch (err) {
          if (err instanceof Invalid) {
            const fields = Object.fromEntries(Object.entries(err.fields ?? {}).map(([k, v]) => [`presets.${i}.${k}`, v]))
            throw new Invalid(`Preset ${i + 1} (${p.name}): ${err.message}`, fields)
          }
          throw err
        }
      })
      const builtInClash = rows.find((p) => isBuiltInName(p.name))
      if (builtInClash) throw taken(builtInClash.name)
      const now = Date.now()
      db.transaction((tx) => {
        for (const p of rows) {
          tx.insert(presets)
            .values({ id: randomUUID(), name: p.name, model: p.model, params: p.params, prefix: p.prefix, suffix: p.suffix, createdAt: now })
            .onConflictDoUpdate({ target: presets.name, set: { model: p.model, params: p.params, prefix: p.prefix, suffix: p.suffix } })
            .run()
        }
        for (const [name, entries] of Object.entries(parsed.lists)) {
          tx.insert(promptLists)
            .values({ name, entries, updatedAt: now })
            .onConflictDoUpdate({ target: promptLists.name, set: { entries, updatedAt: now } })
            .run()
        }
      })
      return { presets: rows.length, lists: Object.keys(parsed.lists).length }
    },
  }
}

export type PresetService = ReturnType<typeof createPresetService>
