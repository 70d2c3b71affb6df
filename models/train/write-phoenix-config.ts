// npm run models:config — writes models/artifacts/phoenix-config.json for the Python trainer.
import { writeFileSync } from 'node:fs'
import { phoenixConfigDocument } from '../../shared/phoenix/config-export.ts'

const out = new URL('../artifacts/phoenix-config.json', import.meta.url)
writeFileSync(out, `${JSON.stringify(phoenixConfigDocument(), null, 2)}\n`)
console.log(`wrote ${out.pathname}`)
