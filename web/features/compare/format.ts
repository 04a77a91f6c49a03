// How comparison figures and cell states read on the page.
import type { CellState, Estimate } from '../../../shared/compare'
import { formatUsd } from '../../lib/format'
import { JOB_STATUS_LABEL } from '../../lib/job-status'

/** "$0.024", "$0.024 + 6 images at unknown price", "Price unknown". Never a made-up zero. */
export function formatEstimate({ knownUsd, unknownImages, images }: Estimate): { cost: string; note: string } {
  if (unknownImages === images) return { cost: 'Price unknown', note: 'No public price for these models' }
  if (unknownImages === 0) return { cost: formatUsd(knownUsd), note: '' }
  return {
    cost: `${formatUsd(knownUsd)} + unknown`,
    note: `${unknownImages} image${unknownImages === 1 ? '' : 's'} at a price Pixazo does not publish`,
  }
}

export const plural = (n: number, word: string) => `${n.toLocaleString('en-US')} ${word}${n === 1 ? '' : 's'}`

export const STATE_LABEL: Record<CellState, string> = { pending: 'Not sent yet', out_of_range: 'Out of range for this model', ...JOB_STATUS_LABEL }
