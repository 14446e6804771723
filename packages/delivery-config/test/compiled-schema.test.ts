import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { compileDeliverySchema, SCHEMA_FILE, VALIDATOR_FILE } from '../scripts/compile-schema'

describe('the delivery schema compiled ahead of time', () => {
  it('is what the schema compiles to now (run the compile-schema script after changing it)', () => {
    expect(readFileSync(VALIDATOR_FILE, 'utf8') === compileDeliverySchema()).toBe(true)
  })

  it('changes with the schema, and stands alone (no module of ajv at run time)', () => {
    const schema = JSON.parse(readFileSync(SCHEMA_FILE, 'utf8'))
    schema.properties.app.description = 'edited'
    const edited = compileDeliverySchema(JSON.stringify(schema))
    expect(edited).not.toBe(readFileSync(VALIDATOR_FILE, 'utf8'))
    expect(edited).not.toMatch(/\brequire\(|\bimport\s/)
  })
})
