// How numbers, sizes, money and times read everywhere in the app.

// One precision for every amount: a tenth of a cent, the grain of Pixazo's per-image prices ($0.008).
const usd = new Intl.NumberFormat('en-US', {
  style: 'currency',
  currency: 'USD',
  minimumFractionDigits: 3,
  maximumFractionDigits: 3,
})

export const formatUsd = (value: number) => usd.format(value)

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`
  const units = ['KB', 'MB', 'GB']
  let value = bytes / 1024
  let unit = 0
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024
    unit++
  }
  return `${value.toFixed(value < 10 ? 1 : 0)} ${units[unit]}`
}

/** "0.8 s", "12 s", "3 m 05 s". */
export function formatDuration(ms: number): string {
  const seconds = Math.max(0, ms) / 1000
  if (seconds < 10) return `${seconds.toFixed(1)} s`
  if (seconds < 60) return `${Math.floor(seconds)} s`
  const m = Math.floor(seconds / 60)
  const s = Math.floor(seconds % 60)
  return `${m} m ${String(s).padStart(2, '0')} s`
}

export const formatDate = (iso: string) => new Date(iso).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' })

/** "image/png" → "PNG". */
export const formatMime = (mimeType: string) => (mimeType.split('/')[1] ?? mimeType).toUpperCase()

/** Ends `text` with one full stop: a vendor's message may already have one ("Rate limited." not "Rate limited.."). */
export const asSentence = (text: string) => (/[.!?…]$/.test(text.trimEnd()) ? text.trimEnd() : `${text.trimEnd()}.`)
