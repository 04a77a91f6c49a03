// The "SIMULATED" mark in the corner of every demo picture, drawn from a 5×7 pixel font as SVG
// rectangles so it renders the same everywhere, whatever fonts the machine has.
const GLYPHS: Record<string, string[]> = {
  S: ['.####', '#....', '#....', '.###.', '....#', '....#', '####.'],
  I: ['#####', '..#..', '..#..', '..#..', '..#..', '..#..', '#####'],
  M: ['#...#', '##.##', '#.#.#', '#.#.#', '#...#', '#...#', '#...#'],
  U: ['#...#', '#...#', '#...#', '#...#', '#...#', '#...#', '.###.'],
  L: ['#....', '#....', '#....', '#....', '#....', '#....', '#####'],
  A: ['.###.', '#...#', '#...#', '#####', '#...#', '#...#', '#...#'],
  T: ['#####', '..#..', '..#..', '..#..', '..#..', '..#..', '..#..'],
  E: ['#####', '#....', '#....', '####.', '#....', '#....', '#####'],
  D: ['####.', '#...#', '#...#', '#...#', '#...#', '#...#', '####.'],
}
const WORD = 'SIMULATED'

/** One path of unit squares spelling WORD, with the top-left of the first letter at (0, 0). */
function wordPath(): string {
  let d = ''
  ;[...WORD].forEach((letter, i) => {
    GLYPHS[letter]?.forEach((row, y) => {
      for (let x = 0; x < row.length; x++) if (row[x] === '#') d += `M${i * 6 + x} ${y}h1v1h-1z`
    })
  })
  return d
}
const PATH = wordPath()
const WORD_CELLS = { width: WORD.length * 6 - 1, height: 7 }

/** The mark as a small SVG (white letters on a translucent dark plate), sized for a picture of w×h. */
export function simulatedMark(w: number, h: number): { svg: Buffer; width: number; height: number } | null {
  const cell = Math.max(1, Math.floor(Math.min(w, h) / 320))
  const pad = 2 * cell
  const width = WORD_CELLS.width * cell + 2 * pad
  const height = WORD_CELLS.height * cell + 2 * pad
  if (width > w || height > h) return null
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">
<rect width="${width}" height="${height}" fill="#000" fill-opacity="0.55"/>
<path transform="translate(${pad} ${pad}) scale(${cell})" d="${PATH}" fill="#fff" shape-rendering="crispEdges"/></svg>`
  return { svg: Buffer.from(svg), width, height }
}
