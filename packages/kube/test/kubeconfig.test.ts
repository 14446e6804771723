import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { decodeKubeconfig, kubeconfigSecrets, prepareKubeconfig, removeKubeconfig } from '../src/index'

const KUBECONFIG = `apiVersion: v1
kind: Config
clusters:
  - name: sit
    cluster:
      server: https://10.0.0.1:6443
  - name: uat
    cluster:
      server: https://10.0.0.2:6443
users:
  - name: ci
    user:
      token: sit-token-0123456789
  - name: gke
    user:
      exec:
        apiVersion: client.authentication.k8s.io/v1beta1
        command: gke-gcloud-auth-plugin
        env:
          - name: PLUGIN_SECRET
            value: plugin-secret-value
contexts:
  - name: sit
    context: { cluster: sit, user: ci, namespace: demo }
  - name: uat
    context: { cluster: uat, user: gke }
current-context: sit
`

let dir: string
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'kubeconfig-test-'))
})
afterEach(() => rmSync(dir, { recursive: true, force: true }))

describe('prepareKubeconfig', () => {
  it('writes raw content 0600 into the given folder and removes it afterwards', () => {
    const secrets: string[] = []
    const prepared = prepareKubeconfig({
      content: KUBECONFIG,
      directory: dir,
      registerSecret: (s) => secrets.push(s),
    })
    expect(prepared.written).toBe(true)
    expect(prepared.path.startsWith(dir)).toBe(true)
    expect(statSync(prepared.path).mode & 0o777).toBe(0o600)
    expect(prepared).toMatchObject({ context: 'sit', server: 'https://10.0.0.1:6443', namespace: 'demo' })
    expect(secrets).toContain('sit-token-0123456789')
    expect(secrets).toContain('plugin-secret-value')
    removeKubeconfig(prepared)
    expect(existsSync(prepared.path)).toBe(false)
    expect(readdirSync(dir)).toEqual([])
  })

  it('accepts base64 content, masks the encoded form, and selects another context', () => {
    const encoded = Buffer.from(KUBECONFIG).toString('base64')
    const secrets: string[] = []
    const prepared = prepareKubeconfig({
      content: `${encoded.slice(0, 40)}\n${encoded.slice(40)}\n`,
      directory: dir,
      context: 'uat',
      registerSecret: (s) => secrets.push(s),
    })
    expect(prepared).toMatchObject({
      context: 'uat',
      server: 'https://10.0.0.2:6443',
      authentication: 'exec credential plugin gke-gcloud-auth-plugin',
    })
    expect(prepared.namespace).toBeUndefined()
    expect(secrets.some((s) => s.includes(encoded.slice(0, 40)))).toBe(true)
    removeKubeconfig(prepared)
  })

  it('uses the runner KUBECONFIG in place without writing or removing anything', () => {
    const file = join(dir, 'config')
    writeFileSync(file, KUBECONFIG)
    const prepared = prepareKubeconfig({ kubeconfigEnv: `/nonexistent/one:${file}`, directory: dir })
    expect(prepared).toMatchObject({ path: file, written: false, context: 'sit' })
    removeKubeconfig(prepared)
    expect(existsSync(file)).toBe(true)
  })

  it('falls back to ~/.kube/config when KUBECONFIG is unset, as kubectl does, but not when it is set', () => {
    const home = join(dir, 'home')
    mkdirSync(join(home, '.kube'), { recursive: true })
    const file = join(home, '.kube', 'config')
    writeFileSync(file, KUBECONFIG)
    const prepared = prepareKubeconfig({ kubeconfigEnv: undefined, homeDirectory: home, context: 'uat' })
    expect(prepared).toMatchObject({
      path: file,
      written: false,
      context: 'uat',
      authentication: 'exec credential plugin gke-gcloud-auth-plugin',
    })
    removeKubeconfig(prepared)
    expect(existsSync(file)).toBe(true)
    // A KUBECONFIG that names no file is a mistake to report, not a reason to read another file.
    expect(() => prepareKubeconfig({ kubeconfigEnv: join(dir, 'gone'), homeDirectory: home })).toThrow(
      `KUBECONFIG (${join(dir, 'gone')}) names no existing file`,
    )
  })

  it('names the input and what was expected, and leaves no file behind', () => {
    expect(() => prepareKubeconfig({ content: 'bm90IGEga3ViZWNvbmZpZw==', directory: dir })).toThrow(
      /Input 'kubeconfig' must be a kubeconfig file \(YAML\) or that file base64-encoded/,
    )
    expect(() => prepareKubeconfig({ content: KUBECONFIG, directory: dir, context: 'prod' })).toThrow(
      "Input 'context' names 'prod', which Input 'kubeconfig' does not define; it has: sit, uat",
    )
    expect(() => prepareKubeconfig({ content: 'clusters: [unclosed', directory: dir })).toThrow(
      /Input 'kubeconfig' is not valid YAML/,
    )
    expect(() => prepareKubeconfig({ kubeconfigEnv: '', directory: dir, homeDirectory: dir })).toThrow(
      `Input 'kubeconfig' is empty and KUBECONFIG is not set and there is no ${join(dir, '.kube', 'config')}`,
    )
    expect(readdirSync(dir)).toEqual([])
  })

  it('never quotes the file in a YAML error (it holds credentials)', () => {
    const broken = `${KUBECONFIG}\n  bad: [indentation`
    let message = ''
    try {
      prepareKubeconfig({ content: broken, directory: dir })
    } catch (error) {
      message = (error as Error).message
    }
    expect(message).toMatch(/not valid YAML/)
    expect(message).not.toContain('sit-token')
  })
})

describe('decodeKubeconfig and kubeconfigSecrets', () => {
  it('tells raw from base64', () => {
    expect(decodeKubeconfig(KUBECONFIG).encoded).toBe(false)
    expect(decodeKubeconfig(Buffer.from(KUBECONFIG).toString('base64')).text).toBe(KUBECONFIG)
  })
  it('finds tokens, keys and exec env values but not servers or names', () => {
    const secrets = kubeconfigSecrets(
      KUBECONFIG.replace('token: sit', 'client-key-data: a2V5LWtleS1rZXkK\n      token: sit'),
    )
    expect(secrets).toEqual(
      expect.arrayContaining(['sit-token-0123456789', 'a2V5LWtleS1rZXkK', 'plugin-secret-value']),
    )
    expect(secrets).not.toContain('https://10.0.0.1:6443')
    expect(secrets).not.toContain('gke-gcloud-auth-plugin')
  })
})
