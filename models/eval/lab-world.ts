// The model lab's world file, web/public/lab/eval-world.json: which world to regenerate (generator, preset,
// seed, now, cutoff) and the training sessions' positive rates, copied from the committed slice's meta.
// `npm run models:eval -- --write-slice` rewrites it; models/eval/eval-set.test.ts checks it matches.
import { writeFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import type { WorldInfo } from '../../shared/eval/eval-data.ts'

export const LAB_WORLD_FILE = fileURLToPath(new URL('../../web/public/lab/eval-world.json', import.meta.url))

export function writeLabWorld(world: WorldInfo): void {
  writeFileSync(LAB_WORLD_FILE, `${JSON.stringify(world, null, 2)}\n`)
}
