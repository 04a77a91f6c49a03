import type { Image } from '../../../shared/api'
import { Button } from '../ui/button'
import { cn } from '../../lib/cn'
import { useZoom } from './use-zoom'

/**
 * The full image, fitted to the stage and zoomable; the only place the full-size file is loaded.
 * Mounted per image (keyed), so every image starts fitted.
 */
export function ZoomStage({ image }: { image: Image }) {
  const { zoom, actual, atMax, stageProps, imageRef, zoomIn, zoomOut, reset, actualSize } = useZoom(image.width)
  const { scale, x, y } = zoom
  const zoomed = scale > 1
  return (
    <div className="relative h-full">
      <div
        {...stageProps}
        className={cn(
          'flex h-[60vh] touch-none items-center justify-center overflow-hidden p-4 select-none lg:h-full lg:rounded-l-xl',
          zoomed ? 'cursor-grab active:cursor-grabbing' : 'cursor-zoom-in',
        )}
      >
        <img
          ref={imageRef}
          src={image.url}
          alt={image.prompt}
          width={image.width}
          height={image.height}
          draggable={false}
          style={{ transform: `translate(${x}px, ${y}px) scale(${scale})` }}
          className="h-auto max-h-full w-auto max-w-full rounded-sm object-contain shadow-2xl transition-transform duration-100 ease-out will-change-transform"
        />
      </div>
      <div
        role="group"
        aria-label="Zoom"
        className="absolute bottom-3 left-1/2 flex -translate-x-1/2 items-center gap-0.5 rounded-full border border-white/10 bg-black/70 p-1 text-white backdrop-blur"
      >
        <Button
          variant="ghost"
          size="icon"
          className="size-7 rounded-full hover:bg-white/15 hover:text-white"
          aria-label="Zoom out"
          disabled={!zoomed}
          onClick={zoomOut}
        >
          <span aria-hidden="true" className="text-base leading-none">
            −
          </span>
        </Button>
        <output aria-label="Zoom level" title="100% is one image pixel per screen pixel" className="w-12 text-center text-xs tabular-nums">
          {Math.round(actual * 100)}%
        </output>
        <Button
          variant="ghost"
          size="icon"
          className="size-7 rounded-full hover:bg-white/15 hover:text-white"
          aria-label="Zoom in"
          disabled={atMax}
          onClick={zoomIn}
        >
          <span aria-hidden="true" className="text-base leading-none">
            +
          </span>
        </Button>
        <Button
          variant="ghost"
          size="sm"
          className="h-7 rounded-full px-2.5 hover:bg-white/15 hover:text-white"
          aria-label="1:1 (actual size)"
          title="One image pixel per screen pixel"
          disabled={Math.abs(actual - 1) < 0.005}
          onClick={actualSize}
        >
          1:1
        </Button>
        <Button variant="ghost" size="sm" className="h-7 rounded-full px-2.5 hover:bg-white/15 hover:text-white" disabled={!zoomed} onClick={reset}>
          Fit
        </Button>
      </div>
    </div>
  )
}
