import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { ConfigurationError, clearSecrets } from '@canary-delivery/action-kit'
import { afterAll, afterEach, describe, expect, it } from 'vitest'
import {
  describeLock,
  hostsFromOutputs,
  parseBackendConfig,
  parseLockInfo,
  parseSecretVariables,
  parseTextDiagnostics,
  parseVarFiles,
  parseVariables,
  publicOutputs,
  registerSecretValues,
  resolveWorkingDirectory,
} from '../src'

const tmp = mkdtempSync(join(tmpdir(), 'infra-inputs-'))
afterAll(() => rmSync(tmp, { recursive: true, force: true }))
afterEach(() => clearSecrets())

const failure = (run: () => unknown) => {
  try {
    run()
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigurationError)
    return (error as Error).message
  }
  throw new Error('expected a ConfigurationError')
}

describe('inputs', () => {
  it('variables: name=value lines, HCL values kept whole; a bad line named by number', () => {
    expect(
      parseVariables(
        'region=europe-west1\n# a comment\n\nzones=["a", "b"]\ntags={ team = "x", tier = "y=z" }',
      ),
    ).toEqual([
      { name: 'region', value: 'europe-west1' },
      { name: 'zones', value: '["a", "b"]' },
      { name: 'tags', value: '{ team = "x", tier = "y=z" }' },
    ])
    expect(failure(() => parseVariables('region=eu\nno equals sign'))).toBe(
      "Input 'variables' line 2 must be name=value with a Terraform variable name, got 'no equals sign'",
    )
    expect(failure(() => parseVariables('a=1\na=2'))).toBe("Input 'variables' line 2: 'a' is given twice")
  })

  it('secret-variables: values or TF_VAR_ names; an error never repeats the line', () => {
    const parsed = parseSecretVariables('db_password=s3cr3t-value\napi_key', {
      TF_VAR_api_key: 'k3y-from-env',
    })
    expect(parsed).toEqual({
      given: [{ name: 'db_password', value: 's3cr3t-value' }],
      fromEnvironment: [{ name: 'api_key', value: 'k3y-from-env' }],
    })
    const message = failure(() => parseSecretVariables('9bad=hunter2-hunter2', {}))
    expect(message).toContain("Input 'secret-variables' line 1")
    expect(message).not.toContain('hunter2')
    expect(failure(() => parseSecretVariables('missing', {}))).toContain('TF_VAR_missing is not set')
  })

  it('backend-config and var-files: {environment} replaced, unknown placeholders and missing files refused', () => {
    expect(parseBackendConfig('bucket=acme-tfstate\nprefix=env/{environment}', 'uat')).toEqual({
      bucket: 'acme-tfstate',
      prefix: 'env/uat',
    })
    expect(failure(() => parseBackendConfig('prefix={env}', 'uat'))).toContain('unknown placeholder {env}')
    mkdirSync(join(tmp, 'module/environments'), { recursive: true })
    writeFileSync(join(tmp, 'module/main.tf'), '')
    writeFileSync(join(tmp, 'module/environments/sit.tfvars'), '')
    expect(parseVarFiles('environments/{environment}.tfvars', 'sit', join(tmp, 'module'))).toEqual([
      'environments/sit.tfvars',
    ])
    expect(
      failure(() => parseVarFiles('environments/{environment}.tfvars', 'prod', join(tmp, 'module'))),
    ).toBe("Input 'var-files': environments/prod.tfvars does not exist in the working directory")
  })

  it('working-directory: must exist and hold .tf files; named relative to the workspace', () => {
    expect(resolveWorkingDirectory('module', tmp)).toEqual({ path: join(tmp, 'module'), label: 'module' })
    expect(resolveWorkingDirectory('.', join(tmp, 'module')).label).toBe('.')
    expect(failure(() => resolveWorkingDirectory('nowhere', tmp))).toBe(
      "Input 'working-directory': nowhere is not a directory (relative to the workspace)",
    )
    expect(failure(() => resolveWorkingDirectory('module/environments', tmp))).toContain('holds no .tf files')
  })
})

describe('outputs and hosts', () => {
  it('leaves out sensitive outputs and any holding a secret value', () => {
    registerSecretValues([{ name: 'db_password', value: 'pw-from-a-secret' }])
    expect(
      publicOutputs({
        network: { value: '10.0.0.0/16' },
        token: { value: 'x', sensitive: true },
        leaked: { value: { nested: ['pw-from-a-secret'] } },
      }),
    ).toEqual({
      values: { network: '10.0.0.0/16' },
      withheld: [
        { name: 'leaked', reason: 'holds a secret value' },
        { name: 'token', reason: 'sensitive' },
      ],
    })
  })

  it('reads the hosts output: objects or bare addresses; entries without an address are named', () => {
    const outputs = {
      hosts: {
        value: {
          sit: { ip: '203.0.113.10', hostname: 'sit.example.com', user: 'ubuntu' },
          uat: '198.51.100.7',
          prod: { hostname: 'prod.example.com' },
          broken: { user: 'root' },
        },
      },
    }
    const { hosts, source, warnings } = hostsFromOutputs(
      outputs,
      publicOutputs(outputs).values,
      'hosts',
      'sit',
    )
    expect(source).toBe('output "hosts"')
    expect(hosts).toEqual({
      sit: { address: '203.0.113.10', ip: '203.0.113.10', hostname: 'sit.example.com', user: 'ubuntu' },
      uat: { address: '198.51.100.7', ip: '198.51.100.7' },
      prod: { address: 'prod.example.com', hostname: 'prod.example.com' },
    })
    expect(warnings).toEqual(["'hosts.broken' holds no address (ip, address or hostname); left out"])
  })

  it("falls back to outputs named after environments (the seed's layout), and never hands on a sensitive hosts output", () => {
    const seed = {
      devops: { value: '192.0.2.1' },
      sit: { value: '192.0.2.2' },
      edge: { value: '192.0.2.3' },
      nat_ip: { value: '192.0.2.9' },
      sit_name: { value: 'not an address!' },
    }
    expect(hostsFromOutputs(seed, publicOutputs(seed).values, 'hosts', 'edge').hosts).toEqual({
      devops: { address: '192.0.2.1', ip: '192.0.2.1' },
      sit: { address: '192.0.2.2', ip: '192.0.2.2' },
      edge: { address: '192.0.2.3', ip: '192.0.2.3' },
    })
    const hidden = { hosts: { value: { sit: '192.0.2.2' }, sensitive: true } }
    const result = hostsFromOutputs(hidden, publicOutputs(hidden).values, 'hosts', 'sit')
    expect(result.hosts).toEqual({})
    expect(result.warnings[0]).toContain("The 'hosts' output is sensitive")
  })
})

describe("Terraform's messages", () => {
  it('reads diagnostics from the text output, with file and line', () => {
    const text = [
      'Initializing the backend...',
      '',
      'Error: Terraform encountered problems during initialisation, including problems',
      'with the configuration, described below.',
      '',
      'Error: Unsupported block type',
      '',
      '  on network.tf line 12, in resource "terraform_data" "x":',
      '  12:   lifecycel {',
      '',
      'Blocks of type "lifecycel" are not expected here. Did you mean "lifecycle"?',
    ].join('\n')
    expect(parseTextDiagnostics(text)).toEqual([
      expect.objectContaining({
        summary: expect.stringContaining('initialisation, including problems with the'),
      }),
      {
        severity: 'error',
        summary: 'Unsupported block type',
        detail: 'Blocks of type "lifecycel" are not expected here. Did you mean "lifecycle"?',
        file: 'network.tf',
        line: 12,
      },
    ])
  })

  it('names the holder, operation and age of a lock', () => {
    const lock = parseLockInfo(
      'Error message: resource temporarily unavailable\nLock Info:\n  ID:        3b14c3f1-51cd-9786-965f-b2d63b6098eb\n  Path:      terraform.tfstate\n  Operation: OperationTypeApply\n  Who:       runner@fv-az123\n  Version:   1.11.4\n  Created:   2026-11-30 06:06:52.239419462 +0000 UTC\n  Info:      \n',
    )!
    expect(describeLock(lock, new Date('2026-11-30T06:09:57Z'))).toBe(
      'runner@fv-az123 (apply) since 2026-11-30 06:06:52 UTC, 3m 5s ago, Terraform 1.11.4, lock ID 3b14c3f1-51cd-9786-965f-b2d63b6098eb',
    )
  })
})
