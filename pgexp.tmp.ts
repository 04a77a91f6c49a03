// Exploration only (not committed): a persistent PG cluster with a seeded gallery.
import { mkdirSync, writeFileSync } from 'node:fs'
import pg from 'pg'
import { moveInstall } from './scripts/move/index'
import { seedGallery } from './bench/seed'
import { startCluster } from './test/support/postgres'

const count = Number(process.argv[2])
const base = `/tmp/pgexp${count}`
mkdirSync(`${base}/cluster`, { recursive: true })
const cluster = await startCluster({ dir: `${base}/cluster`, port: 55400 + (count === 1_000_000 ? 1 : 0) })
process.removeAllListeners('exit')
const admin = new pg.Client({ connectionString: cluster.url })
await admin.connect()
await admin.query('create database g')
await admin.end()
const dataDir = `${base}/data`
mkdirSync(dataDir, { recursive: true })
let t = performance.now()
const seeded = await seedGallery(dataDir, count)
console.log('seeded', Math.round(performance.now() - t), 'ms')
t = performance.now()
const url = cluster.url.replace(/\/postgres$/, '/g')
const report = await moveInstall({ dataDir, databaseUrl: url })
console.log('moved', Math.round(performance.now() - t), 'ms', report.ok)
writeFileSync(`${base}/seeded.json`, JSON.stringify({ url, seeded }, null, 1))
