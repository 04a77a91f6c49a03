// Zip downloads of many images, streamed: the browser asks for a ticket (POST with the ids), then
// follows its URL, so the archive is written straight to the response and never held in memory.
// Images are already compressed, so entries are stored, not deflated. Tickets live in the database
// (db/sqlite/zip-tickets.ts, db/postgres/zip-ticket-store.ts): the URL works at whichever instance the browser reaches, once.
import { randomBytes } from 'node:crypto'
import { Readable } from 'node:stream'
import { ZipFile } from 'yazl'
import type { ZipTicketStore } from '../db/stores'
import type { ImageService } from './service'

const TICKET_MS = 5 * 60_000

export function createZipTickets(images: ImageService, tickets: ZipTicketStore) {
  return {
    async issue(ids: string[]) {
      const unique = [...new Set(ids)]
      const token = randomBytes(18).toString('base64url')
      const now = Date.now()
      await tickets.add(token, unique, now + TICKET_MS, now)
      return { url: `/api/downloads/${token}.zip`, count: unique.length }
    },

    /** The archive for a ticket, or null when it is unknown or expired. Each ticket works once. */
    async open(token: string): Promise<ReadableStream | null> {
      const ids = await tickets.take(token, Date.now())
      if (!ids) return null
      const zip = new ZipFile()
      const output = zip.outputStream as Readable
      const names = new Set<string>()
      void (async () => {
        for await (const file of images.downloads(ids)) {
          // The browser went away (or the stream failed): read nothing more.
          if (output.destroyed) return
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
      })().catch((error: unknown) => {
        // A read that fails half-way (the database or the bucket) ends the download with an error,
        // so the browser sees a failed download rather than a short archive, and the server goes on.
        output.destroy(error instanceof Error ? error : new Error(String(error)))
      })
      return Readable.toWeb(output) as ReadableStream
    },
  }
}

export type ZipTickets = ReturnType<typeof createZipTickets>
