import { useState } from 'react'
import type { Image } from '../../../shared/api'

/** Two images on top of each other; the slider reveals one over the other. */
export function ImageSlider({ left, right }: { left: Image; right: Image }) {
  const [position, setPosition] = useState(50)
  return (
    <div className="grid gap-3">
      <div
        className="relative mx-auto overflow-hidden rounded-lg border border-border bg-black/60 select-none"
        style={{ aspectRatio: `${left.width} / ${left.height}`, width: `min(100%, calc(72vh * ${left.width / left.height}))` }}
      >
        <img src={right.url} alt={`B: ${right.prompt}`} className="absolute inset-0 size-full object-contain" />
        <img
          src={left.url}
          alt={`A: ${left.prompt}`}
          className="absolute inset-0 size-full object-contain"
          style={{ clipPath: `inset(0 ${100 - position}% 0 0)` }}
        />
        <div
          aria-hidden="true"
          className="pointer-events-none absolute inset-y-0 w-0.5 bg-primary shadow-[0_0_0_1px_rgba(0,0,0,0.4)]"
          style={{ left: `${position}%` }}
        />
        <span className="absolute top-2 left-2 rounded bg-black/70 px-2 py-0.5 text-xs font-semibold text-white">A</span>
        <span className="absolute top-2 right-2 rounded bg-black/70 px-2 py-0.5 text-xs font-semibold text-white">B</span>
      </div>
      <input
        type="range"
        aria-label="Slider position"
        min={0}
        max={100}
        value={position}
        onChange={(e) => setPosition(Number(e.target.value))}
        className="mx-auto w-full max-w-xl accent-primary"
      />
    </div>
  )
}
