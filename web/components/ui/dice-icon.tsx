import type * as React from 'react'

/** The "roll a random seed" icon, shared by the generate form and the comparison editor. */
export function DiceIcon(props: React.ComponentProps<'svg'>) {
  return (
    <svg viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="1.8" aria-hidden="true" {...props}>
      <rect x="3" y="3" width="18" height="18" rx="4" />
      {[
        [8, 8],
        [16, 16],
        [12, 12],
        [16, 8],
        [8, 16],
      ].map(([cx, cy]) => (
        <circle key={`${cx}-${cy}`} cx={cx} cy={cy} r="1.3" fill="currentColor" />
      ))}
    </svg>
  )
}
