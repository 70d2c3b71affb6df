// The Phoenix constants as one JSON document, so the Python trainer reads the same numbers the
// TypeScript runtime uses instead of keeping a copy (models/artifacts/phoenix-config.json).
import { DISCRETE_ACTIONS } from './actions.ts'
import { CANDIDATE_FLAGS, COUNT_FEATURES, PHOENIX_CONFIG, TABLE_OFFSETS, TABLE_ROWS } from './config.ts'
import { HASH_FAMILIES } from './hashing.ts'

export function phoenixConfigDocument() {
  return {
    format: 'for-you-edge/phoenix-config@1',
    config: PHOENIX_CONFIG,
    tableOffsets: TABLE_OFFSETS,
    tableRows: TABLE_ROWS,
    countFeatures: COUNT_FEATURES,
    candidateFlags: CANDIDATE_FLAGS,
    discreteActions: DISCRETE_ACTIONS,
    hashFamilies: HASH_FAMILIES,
  }
}
