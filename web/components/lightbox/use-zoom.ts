// Zoom and pan for the lightbox's image: buttons, the + / - / 0 / 1 keys, the wheel (towards the
// pointer), a click to zoom in where clicked (and out again), and dragging to pan while zoomed.
// `scale` is relative to the fitted image; `actual` converts it to image pixels per CSS pixel, so
// "100%" means one image pixel per CSS pixel, as in every image viewer.
import { useEffect, useEffectEvent, useRef, useState } from 'react'
import type * as React from 'react'
import { useElementBox } from '../../lib/use-element-size'

export type ZoomState = { scale: number; x: number; y: number }

const FIT: ZoomState = { scale: 1, x: 0, y: 0 }
const MAX = 8
const STEP = 1.25
const CLICK_SCALE = 2.5

type Point = { x: number; y: number }

export function useZoom(naturalWidth: number) {
  const stageRef = useRef<HTMLDivElement>(null)
  const imageRef = useRef<HTMLImageElement>(null)
  const [zoom, setZoom] = useState<ZoomState>(FIT)
  const drag = useRef<{ id: number; from: Point; start: ZoomState; moved: boolean } | null>(null)

  /** Keeps the image covering the stage where it is larger than it, centred where it is not. */
  function bound(z: ZoomState): ZoomState {
    const stage = stageRef.current
    const image = imageRef.current
    if (z.scale <= 1 || !stage || !image) return FIT
    const room = (size: number, space: number) => Math.max(0, (size * z.scale - space) / 2)
    const maxX = room(image.offsetWidth, stage.clientWidth)
    const maxY = room(image.offsetHeight, stage.clientHeight)
    const clamp = (v: number, m: number) => Math.min(m, Math.max(-m, v))
    return { scale: z.scale, x: clamp(z.x, maxX), y: clamp(z.y, maxY) }
  }

  /** CSS pixels per image pixel when fitted (1 when the image is smaller than the stage). */
  const shown = useElementBox(imageRef).width
  const fitted = () => (shown > 0 && naturalWidth > 0 ? shown / naturalWidth : 1)
  /** The scale that shows the image at one image pixel per CSS pixel. */
  const oneToOne = () => Math.max(1, 1 / fitted())
  const max = () => Math.max(MAX, oneToOne() * 2)

  /** Zooms by `factor` keeping `at` (relative to the stage's centre) where it is on screen. */
  function zoomBy(factor: number, at: Point = { x: 0, y: 0 }) {
    setZoom((z) => {
      const scale = Math.min(max(), Math.max(1, z.scale * factor))
      const k = scale / z.scale
      return bound({ scale, x: at.x - (at.x - z.x) * k, y: at.y - (at.y - z.y) * k })
    })
  }

  const fromCentre = (event: { clientX: number; clientY: number }): Point => {
    const rect = stageRef.current!.getBoundingClientRect()
    return { x: event.clientX - rect.left - rect.width / 2, y: event.clientY - rect.top - rect.height / 2 }
  }

  const onWheel = useEffectEvent((event: WheelEvent) => {
    event.preventDefault()
    zoomBy(event.deltaY < 0 ? 1.2 : 1 / 1.2, fromCentre(event))
  })
  // + - F (fit) A (actual pixels) while the lightbox is open (not while typing in one of its fields).
  // The digits rate the image (docs/decisions/027).
  const onKey = useEffectEvent((event: KeyboardEvent) => {
    const target = event.target
    if (event.altKey || event.ctrlKey || event.metaKey || (target instanceof HTMLElement && target.closest('input, textarea, select'))) return
    if (event.key === 'a' || event.key === 'A') {
      event.preventDefault()
      return setZoom(bound({ scale: oneToOne(), x: 0, y: 0 }))
    }
    const factor =
      event.key === '+' || event.key === '='
        ? STEP
        : event.key === '-' || event.key === '_'
          ? 1 / STEP
          : event.key === 'f' || event.key === 'F'
            ? 0
            : null
    if (factor === null) return
    event.preventDefault()
    if (factor === 0) setZoom(FIT)
    else zoomBy(factor)
  })
  // A wheel listener must be non-passive to keep the dialog from scrolling, which React's is not.
  useEffect(() => {
    const stage = stageRef.current
    if (!stage) return
    const wheel = (event: WheelEvent) => onWheel(event)
    const key = (event: KeyboardEvent) => onKey(event)
    stage.addEventListener('wheel', wheel, { passive: false })
    document.addEventListener('keydown', key)
    return () => {
      stage.removeEventListener('wheel', wheel)
      document.removeEventListener('keydown', key)
    }
  }, [])

  const stageProps = {
    ref: stageRef,
    onPointerDown(event: React.PointerEvent) {
      if (event.button !== 0) return
      drag.current = { id: event.pointerId, from: { x: event.clientX, y: event.clientY }, start: zoom, moved: false }
    },
    onPointerMove(event: React.PointerEvent) {
      const d = drag.current
      if (!d || d.id !== event.pointerId || zoom.scale <= 1) return
      const dx = event.clientX - d.from.x
      const dy = event.clientY - d.from.y
      if (!d.moved && Math.hypot(dx, dy) < 4) return
      if (!d.moved) stageRef.current?.setPointerCapture(event.pointerId)
      d.moved = true
      setZoom(bound({ ...d.start, x: d.start.x + dx, y: d.start.y + dy }))
    },
    onPointerUp() {
      // The click that follows a drag is not a zoom click.
      setTimeout(() => (drag.current = null))
    },
    onClick(event: React.MouseEvent) {
      if (drag.current?.moved) return
      if (zoom.scale > 1) setZoom(FIT)
      else zoomBy(CLICK_SCALE, fromCentre(event))
    },
  }

  return {
    zoom,
    /** Image pixels per CSS pixel at the current zoom: 1 is "100%". */
    actual: zoom.scale * fitted(),
    atMax: zoom.scale >= max(),
    actualSize: () => setZoom(bound({ scale: oneToOne(), x: 0, y: 0 })),
    stageProps,
    imageRef,
    zoomIn: () => zoomBy(STEP),
    zoomOut: () => zoomBy(1 / STEP),
    reset: () => setZoom(FIT),
  }
}
