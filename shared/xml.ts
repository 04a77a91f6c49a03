// Text placed inside XML or SVG (exported grids, XMP packets) is escaped in one way, here.
const ENTITIES: Record<string, string> = { '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' }

export const escapeXml = (s: string) => s.replace(/[<>&"']/g, (c) => ENTITIES[c]!)
