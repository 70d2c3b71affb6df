// Writes one health row: visible text plus data-* attributes that tests and tooling read.
export type RowState = 'pending' | 'ok' | 'fail' | 'unreachable' | 'unavailable' | 'skipped' | 'no'

export function setRow(id: string, state: RowState, text: string, data: Record<string, string> = {}): void {
  const cell = document.getElementById(id)
  if (!cell) return
  cell.dataset.state = state
  for (const [key, value] of Object.entries(data)) cell.dataset[key] = value
  cell.textContent = text
}
