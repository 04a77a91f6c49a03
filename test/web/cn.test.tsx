// cn() replaced tailwind-merge (decision 029): a caller's class still overrides a primitive's when
// both set the same thing, and only then.
import { describe, expect, it } from 'vitest'
import { buttonVariants } from '../../web/components/ui/button'
import { cn } from '../../web/lib/cn'

describe('cn', () => {
  it("lets a caller's class replace the primitive's class for the same property", () => {
    expect(cn(buttonVariants({ size: 'sm' }), 'h-7 px-2').split(' ')).toEqual(expect.arrayContaining(['h-7', 'px-2', 'text-xs']))
    const small = cn(buttonVariants({ size: 'sm' })).split(' ')
    expect(small).toContain('text-xs')
    expect(small).not.toContain('text-sm')
    expect(cn('size-9 rounded-md', 'size-8 rounded-full')).toBe('size-8 rounded-full')
    expect(cn('p-4', 'px-2')).toBe('p-4 px-2')
    expect(cn('px-2 pl-4', 'p-1')).toBe('p-1')
    expect(cn('hover:bg-accent bg-card', 'hover:bg-white/15')).toBe('bg-card hover:bg-white/15')
  })

  it('keeps classes that set different things under one prefix', () => {
    expect(cn('text-sm text-foreground', 'text-muted-foreground')).toBe('text-sm text-muted-foreground')
    expect(cn('border border-input', 'border-destructive')).toBe('border border-destructive')
    expect(cn('border-b border-border', 'border-t')).toBe('border-b border-border border-t')
    expect(cn('font-medium', 'font-mono')).toBe('font-medium font-mono')
    expect(cn('shadow-lg shadow-black/20', 'shadow-2xl')).toBe('shadow-black/20 shadow-2xl')
    expect(cn('flex flex-wrap items-center justify-between', 'justify-items-center')).toBe(
      'flex flex-wrap items-center justify-between justify-items-center',
    )
  })

  it('drops falsy parts and keeps variants apart', () => {
    const large = document.title === 'never'
    expect(cn('text-sm', large && 'text-lg', undefined, 'md:text-lg')).toBe('text-sm md:text-lg')
    expect(cn('leading-none text-sm', 'text-xs')).toBe('text-xs')
  })

  it('answers the same for the same input however often it is asked, past its memory of earlier ones', () => {
    expect(cn('h-9 px-4', 'h-8')).toBe('px-4 h-8')
    expect(cn('h-9 px-4', 'h-8')).toBe('px-4 h-8')
    for (let i = 0; i < 1500; i++) expect(cn(`w-${i}`, 'w-full')).toBe('w-full')
    expect(cn('h-9 px-4', 'h-8')).toBe('px-4 h-8')
    expect(cn('h-9 px-4', 'h-8 px-2')).toBe('h-8 px-2')
  })
})
