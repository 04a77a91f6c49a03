// Presets and named prompt lists: saved per install, exported and imported as one JSON file.
import { randomUUID } from 'node:crypto'
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
import type { PresetRow, PresetStore, PromptListRow } from '../db/stores'
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

const presentList = (r: PromptListRow): PromptList => ({ name: r.name, entries: r.entries, updatedAt: new Date(r.updatedAt).toISOString() })

export function createPresetService(store: PresetStore) {
  const isBuiltInName = (name: string) => BUILT_IN_PRESETS.some((p) => p.name.toLowerCase() === name.toLowerCase())
  const taken = (name: string) => new Conflict(`A preset named "${name}" already exists: pick another name`)

  return {
    list: async (): Promise<Preset[]> => [...BUILT_IN_PRESETS, ...(await store.list()).map(present)],

    async create(body: PresetBody): Promise<Preset> {
      const params = checkedParams(body)
      if ((await store.named(body.name)) || isBuiltInName(body.name)) throw taken(body.name)
      const row = {
        id: randomUUID(),
        name: body.name,
        model: body.model,
        params,
        prefix: body.prefix ?? '',
        suffix: body.suffix ?? '',
        createdAt: Date.now(),
      }
      await store.insert(row)
      return present(row)
    },

    /** Renames a saved preset; undefined when there is none with this id (built-ins cannot be renamed). */
    async rename(id: string, name: string): Promise<Preset | undefined> {
      const other = await store.named(name)
      if ((other && other.id !== id) || isBuiltInName(name)) throw taken(name)
      const row = await store.rename(id, name)
      return row && present(row)
    },

    remove: (id: string) => store.remove(id),

    lists: async (): Promise<PromptList[]> => (await store.lists()).map(presentList),

    /** Named lists as the dynamic-prompt grammar wants them. */
    listEntries: async (): Promise<Record<string, string[]>> => Object.fromEntries((await store.lists()).map((r) => [r.name, r.entries])),

    async saveList(name: string, entries: string[]): Promise<PromptList> {
      const row = { name, entries, updatedAt: Date.now() }
      await store.saveList(row)
      return presentList(row)
    },

    removeList: (name: string) => store.removeList(name),

    exportLibrary: async (): Promise<LibraryFile> => ({
      darkroom: 'library',
      version: 1,
      presets: (await store.list()).map((r) => ({
        name: r.name,
        model: isModelId(r.model) ? r.model : 'ernie-image-turbo',
        params: r.params,
        prefix: r.prefix,
        suffix: r.suffix,
      })),
      lists: Object.fromEntries((await store.lists()).map((r) => [r.name, r.entries])),
    }),

    /** Adds the file's presets and lists, replacing ones of the same name; all or nothing. */
    async importLibrary(file: LibraryFile) {
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
      await store.importLibrary(
        rows.map((p) => ({ id: randomUUID(), name: p.name, model: p.model, params: p.params, prefix: p.prefix, suffix: p.suffix, createdAt: now })),
        Object.entries(parsed.lists).map(([name, entries]) => ({ name, entries, updatedAt: now })),
      )
      return { presets: rows.length, lists: Object.keys(parsed.lists).length }
    },
  }
}

export type PresetService = ReturnType<typeof createPresetService>
