// Writes one health row: visible text plus data-* attributes that tests and tooling read.
export type RowState = 'pending' | 'ok' | 'fail' | 'unreachable' | 'unavailable' | 'skipped' | 'no'

export function setRow(id: string, state: RowState, text: string, data: Record<string, string> = {}): void {
  const cell = document.getElementById(id)
  if (!cell) return
  cell.dataset.state = state
  for (const [key, value] of Object.entries(data)) cell.dataset[key] = value
  cell.textContent = text
}

/** Adds a row to the health table unless it is there (rows that only some starts have, e.g. seeding). */
export function ensureRow(id: string, label: string): void {
  if (document.getElementById(id)) return
  const body = document.querySelector('table.health tbody')
  if (!body) return
  const row = document.createElement('tr')
  const th = document.createElement('th')
  th.scope = 'row'
  th.textContent = label
  const td = document.createElement('td')
  td.id = id
  td.dataset.state = 'pending'
  row.append(th, td)
  body.append(row)
}
