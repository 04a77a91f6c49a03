// axe (WCAG 2.x A/AA and best practices, colour contrast included) finds nothing on any page, in
// either theme, at a laptop's and a phone's width.
import AxeBuilder from '@axe-core/playwright'
import { expect, test } from '@playwright/test'
import { pages, seed, THEMES, useTheme, VIEWPORTS, type Seeded } from './pages'

let seeded: Seeded
test.beforeAll(async ({ request }) => {
  seeded = await seed(request)
})

for (const viewport of VIEWPORTS) {
  for (const theme of THEMES) {
    test(`no axe violations on any page: ${viewport.name}, ${theme}`, async ({ page }) => {
      test.setTimeout(180_000)
      await page.setViewportSize({ width: viewport.width, height: viewport.height })
      await useTheme(page, theme)
      const found: string[] = []
      for (const { name, open } of pages(seeded)) {
        await open(page)
        await expect(page.locator('html')).toHaveAttribute('data-theme', theme)
        const { violations } = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']).analyze()
        for (const v of violations)
          found.push(
            `${name}: ${v.id} (${v.nodes.length}) ${v.help} — ${v.nodes
              .map((n) => n.target.join(' '))
              .slice(0, 3)
              .join(' | ')}`,
          )
      }
      expect(found).toEqual([])
    })
  }
}
