// The composer's mention helpers (ui/mentions.ts): finding `@query` at the caret, offering
// members, inserting `@Name `, and which bound keys a text still mentions.
import { describe, expect, it } from 'vitest'
import { insertMention, matchMembers, mentionQuery, mentionedKeys } from '../../ui/mentions.js'

const alice = { key: 'a'.repeat(64), name: 'Alice Martin' }
const bob = { key: 'b'.repeat(64), name: 'Bob' }
const bobby = { key: 'c'.repeat(64), name: 'bobby tables' }
const rob = { key: 'd'.repeat(64), name: 'Rob' }

describe('mentions', () => {
  it('finds the @query just before the caret, at the start or after a space', () => {
    expect(mentionQuery('hi @bo', 6)).toEqual({ start: 3, query: 'bo' })
    expect(mentionQuery('@', 1)).toEqual({ start: 0, query: '' })
    expect(mentionQuery('(@al', 4)).toEqual({ start: 1, query: 'al' })
    expect(mentionQuery('mail me@example', 15)).toBeNull() // an address, not a mention
    expect(mentionQuery('~remove @da', 11)).toBeNull() // a command names people itself
    expect(mentionQuery(' ~invite @', 10)).toBeNull()
    expect(mentionQuery('hi @bob and', 11)).toBeNull() // the caret is past it
    expect(mentionQuery('hi @bo', 5)).toEqual({ start: 3, query: 'b' })
  })

  it('offers names that start with the query first, then those that contain it', () => {
    expect(matchMembers([rob, bobby, alice, bob], 'bo').map(m => m.name)).toEqual(['bobby tables', 'Bob'])
    expect(matchMembers([rob, bobby, alice, bob], 'ob').map(m => m.name)).toEqual(['Rob', 'bobby tables', 'Bob'])
    expect(matchMembers([rob, bob], '')).toEqual([rob, bob])
    expect(matchMembers([alice], 'MART')).toEqual([alice])
  })

  it('inserts @Name and a space in place of the query, caret after it', () => {
    expect(insertMention('hi @al, see', 6, 3, 'Alice Martin')).toEqual({ text: 'hi @Alice Martin , see', caret: 17 })
  })

  it('keeps the keys whose @Name the text still holds, as whole mentions', () => {
    const bound = new Map([[alice.key, alice.name], [bob.key, bob.name]])
    expect(mentionedKeys('@Alice Martin and @Bob', bound)).toEqual([alice.key, bob.key])
    expect(mentionedKeys('@Bobby is not @Bob? yes: @Bob.', bound)).toEqual([bob.key])
    expect(mentionedKeys('@Bobby only', bound)).toEqual([])
    expect(mentionedKeys('no one (Alice Martin)', bound)).toEqual([])
  })
})
