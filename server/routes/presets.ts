import { zValidator } from '@hono/zod-validator'
import { Hono } from 'hono'
import { z } from 'zod'
import { libraryFileSchema, listNameSchema, presetBodySchema, presetPatchSchema, promptListBodySchema } from '../../shared/presets'
import { errorBody, validationHook } from '../http-errors'
import type { PresetService } from '../presets/service'

const listNameParam = z.object({ name: listNameSchema })
const NO_PRESET = errorBody('No saved preset with this id (built-in presets cannot be changed)')

export const presetRoutes = (presets: PresetService) =>
  new Hono()
    .get('/', async (c) => c.json({ items: await presets.list() }, 200))
    .post('/', zValidator('json', presetBodySchema, validationHook), async (c) => c.json(await presets.create(c.req.valid('json')), 201))
    .get('/export', async (c) =>
      c.json(await presets.exportLibrary(), 200, {
        'Content-Disposition': `attachment; filename="darkroom-library-${new Date().toISOString().slice(0, 10)}.json"`,
      }),
    )
    .post('/import', zValidator('json', libraryFileSchema, validationHook), async (c) =>
      c.json(await presets.importLibrary(c.req.valid('json')), 200),
    )
    .patch('/:id', zValidator('json', presetPatchSchema, validationHook), async (c) => {
      const preset = await presets.rename(c.req.param('id'), c.req.valid('json').name)
      return preset ? c.json(preset, 200) : c.json(NO_PRESET, 404)
    })
    .delete('/:id', async (c) => ((await presets.remove(c.req.param('id'))) ? c.body(null, 204) : c.json(NO_PRESET, 404)))

export const promptListRoutes = (presets: PresetService) =>
  new Hono()
    .get('/', async (c) => c.json({ items: await presets.lists() }, 200))
    .put('/:name', zValidator('param', listNameParam, validationHook), zValidator('json', promptListBodySchema, validationHook), async (c) =>
      c.json(await presets.saveList(c.req.valid('param').name, c.req.valid('json').entries), 200),
    )
    .delete('/:name', async (c) =>
      (await presets.removeList(c.req.param('name'))) ? c.body(null, 204) : c.json(errorBody('No list with this name'), 404),
    )
