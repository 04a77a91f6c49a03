// `npm run simulator`: a standalone Pixazo-compatible gateway for demos and manual testing, with
// optional random faults (see --help).
import { FlagError, parseFlags, USAGE } from './cli-flags'
import { startSimulator } from './serve'

async function main() {
  let flags
  try {
    flags = parseFlags(process.argv.slice(2))
  } catch (error) {
    if (!(error instanceof FlagError)) throw error
    console.error(`${error.message}\n${USAGE}`)
    process.exit(1)
  }
  if (flags.help) {
    console.log(USAGE)
    return
  }
  const sim = await startSimulator(flags)
  // The simulator's own fake key, printed so a local app can be pointed at it.
  console.log(`Pixazo simulator listening on ${sim.url} (key: ${flags.apiKey})`)
  if (flags.faultRates) {
    const { seed = 1, ...rates } = flags.faultRates
    console.log(`Injecting random faults (seed ${seed}): ${JSON.stringify(rates)}`)
  }
  const stop = () => void sim.close().then(() => process.exit(0))
  process.once('SIGINT', stop)
  process.once('SIGTERM', stop)
}

await main()
