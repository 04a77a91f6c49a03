// The change version shared by every instance on one database, and its announcement: one row bumped
// (its lock orders versions as commits are ordered) and a NOTIFY carrying the version and what
// changed, delivered on commit. The listener is server/cluster/change-listener.ts. Decision 026.
import { sql } from 'drizzle-orm'
import type { ChangeStore } from '../stores'
import type { Context } from './context'

/** The LISTEN/NOTIFY channel of change announcements. */
export const CHANGE_CHANNEL = 'darkroom_changes'

export function createChangeStore(context: Context): ChangeStore {
  return {
    async publish(kinds, urgent) {
      await context.db().execute(sql`
        with next as (update change_version set version = version + 1 where id = 1 returning version)
        select pg_notify(${CHANGE_CHANNEL}, json_build_object('v', version, 'k', ${JSON.stringify(kinds)}::json, 'u', ${urgent}::boolean)::text)
        from next`)
    },
    async current() {
      const { rows } = await context.db().execute<{ version: number }>(sql`select version from change_version where id = 1`)
      return Number(rows[0]?.version ?? 0)
    },
  }
}
