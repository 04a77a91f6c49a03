// The columns of a job row as the stores hand it out (JobRow): every column but the search tsvector.
import { getTableColumns } from 'drizzle-orm'
import { jobs } from './schema'

function columnsWithoutSearch() {
  const { search, ...columns } = getTableColumns(jobs)
  void search // the tsvector only answers searches; rows never carry it
  return columns
}
/** A job row as the stores hand it out (JobRow). */
export const jobColumns = columnsWithoutSearch()
