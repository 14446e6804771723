import { describe, expect, it } from 'vitest'
import { jsonPatch, mergePatch, strategicMerge } from '../src/patch'

describe('patches', () => {
  it('merge patch: maps merge, null deletes, lists replace', () => {
    expect(mergePatch({ a: { b: 1, c: 2 }, l: [1, 2] }, { a: { b: null, d: 3 }, l: [3] })).toEqual({
      a: { c: 2, d: 3 },
      l: [3],
    })
  })

  it('json patch: add, replace, remove, move, copy, with escaped pointers', () => {
    const out = jsonPatch({ metadata: { annotations: {} }, list: [1, 3] }, [
      { op: 'add', path: '/metadata/annotations/a~1b', value: 'x' },
      { op: 'add', path: '/list/1', value: 2 },
      { op: 'add', path: '/list/-', value: 4 },
      { op: 'copy', from: '/list/0', path: '/first' },
      { op: 'move', from: '/first', path: '/moved' },
      { op: 'replace', path: '/moved', value: 9 },
      { op: 'remove', path: '/list/3' },
    ])
    expect(out).toEqual({ metadata: { annotations: { 'a/b': 'x' } }, list: [1, 2, 3], moved: 9 })
  })

  it('strategic merge: keys per list, directives, retainKeys, primitive lists', () => {
    const live = {
      metadata: { finalizers: ['a'] },
      spec: {
        strategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 1 } },
        ports: [{ port: 80, name: 'http' }],
        template: {
          spec: {
            containers: [{ name: 'app', image: 'a:1', env: [{ name: 'X', value: '1' }], args: ['--a'] }],
            tolerations: [{ key: 'k' }],
          },
        },
      },
    }
    const out = strategicMerge(live, {
      metadata: { finalizers: ['b'], '$deleteFromPrimitiveList/finalizers': ['a'] },
      spec: {
        strategy: { $retainKeys: ['type'], type: 'Recreate' },
        ports: [{ port: 443, name: 'https' }],
        template: {
          spec: {
            containers: [{ name: 'app', env: [{ name: 'Y', value: '2' }], args: ['--b'] }],
            tolerations: [{ key: 'other' }],
          },
        },
      },
    })
    expect(out).toEqual({
      metadata: { finalizers: ['b'] },
      spec: {
        strategy: { type: 'Recreate' },
        ports: [
          { port: 80, name: 'http' },
          { port: 443, name: 'https' },
        ],
        template: {
          spec: {
            containers: [
              {
                name: 'app',
                image: 'a:1',
                env: [
                  { name: 'X', value: '1' },
                  { name: 'Y', value: '2' },
                ],
                args: ['--b'],
              },
            ],
            tolerations: [{ key: 'other' }],
          },
        },
      },
    })
    expect(
      strategicMerge(
        { spec: { containers: [{ name: 'a' }] } },
        { spec: { containers: [{ $patch: 'replace' }, { name: 'b' }] } },
      ),
    ).toEqual({
      spec: { containers: [{ name: 'b' }] },
    })
  })
})
