import { measureGallery } from '../bench/browser-gallery'
const t = Date.now()
console.log(await measureGallery(process.argv[2]!, Number(process.argv[3] ?? 10000)), (Date.now() - t) / 1000, 's')
