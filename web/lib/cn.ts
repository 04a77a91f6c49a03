import { clsx, type ClassValue } from 'clsx'
import { twMerge } from 'tailwind-merge'

/** Joins class names; later Tailwind classes win, so a caller's className overrides a primitive's. */
export function cn(...inputs: ClassValue[]) {
  return twMerge(clsx(inputs))
}
