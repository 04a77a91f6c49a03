// Zip downloads of many images, streamed: the browser asks for a ticket (POST with the ids), then
// follows its URL, so the archive is written straight to the response and never held in memory.
// Images are already compressed, so entries are stored, not deflated.
import { randomBytes } from 'node:crypto'
import { Readable } from 'node:stream'
import { ZipFile } from 'yazl'
import type { ImageService } from './service'

const TICKET_MS = 5 * 60_000

export function createZipTickets(images: ImageService) {
  const tickets = new Map<string, { ids: string[]; expires: number }>()

  return {
    issue(ids: string[]) {
      const now = Date.now()
      for (const [token, t] of tickets) if (t.expires < now) tickets.delete(token)
      const token = randomBytes(18).toString('base64url')
      tickets.set(token, { ids: [...new Set(ids)], expires: now + TICKET_MS })
      return { url: `/api/downloads/${token}.zip`, count: new Set(ids).size }
    },

    /** The archive for a ticket, or null when it is unknown or expired. Each ticket works once. */
    open(token: string): ReadableStream | null {
      const ticket = tickets.get(token)
      tickets.delete(token)
      if (!ticket || ticket.expires < Date.now()) return null
      const zip = new ZipFile()
      const names = new Set<string>()
      void (async () => {
        for (const id of ticket.ids) {
          const file = await images.download(id)
          if (!file) continue
          let name = file.fileName
          for (let n = 2; names.has(name); n++) name = file.fileName.replace(/(\.\w+)$/, `-${n}$1`)
          names.add(name)
          // One image in memory at a time: the next is read only when this one has been written out.
          await new Promise<void>((resolve) =>
            zip.addReadStreamLazy(name, { compress: false, size: file.bytes.length }, (cb) => {
              cb(null, Readable.from([file.bytes]))
              resolve()
            }),
          )
        }
        zip.end()
      })()
      return Readable.toWeb(zip.outputStream as Readable) as ReadableStream
    },
  }
}

export type ZipTickets = ReturnType<typeof createZipTickets>
