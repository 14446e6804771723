import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { isIP } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

/** A throwaway certificate authority, as k3s makes one per cluster, made with the real openssl (3.x). */
export interface ClusterCertificates {
  ca: string
  /** The API server's certificate and key; `sans` become its subjectAltNames (IP or DNS). */
  server: { cert: string; key: string }
  /** The admin client certificate k3s.yaml carries. */
  client: { cert: string; key: string }
}

export function makeClusterCertificates(sans: string[]): ClusterCertificates {
  const dir = mkdtempSync(join(tmpdir(), 'k3s-host-tls-'))
  const openssl = (args: string[]) => execFileSync('openssl', args, { cwd: dir, stdio: 'pipe' })
  const read = (file: string) => readFileSync(join(dir, file), 'utf8')
  try {
    openssl(['ecparam', '-name', 'prime256v1', '-genkey', '-noout', '-out', 'ca.key'])
    openssl([
      'req',
      '-x509',
      '-new',
      '-key',
      'ca.key',
      '-days',
      '2',
      '-subj',
      '/CN=k3s-server-ca',
      '-out',
      'ca.crt',
    ])
    const issue = (name: string, subject: string, extensions: string[]) => {
      openssl(['ecparam', '-name', 'prime256v1', '-genkey', '-noout', '-out', `${name}.key`])
      openssl([
        'req',
        '-x509',
        '-new',
        '-key',
        `${name}.key`,
        '-CA',
        'ca.crt',
        '-CAkey',
        'ca.key',
        '-days',
        '2',
        '-subj',
        subject,
        ...extensions.flatMap((extension) => ['-addext', extension]),
        '-out',
        `${name}.crt`,
      ])
      return { cert: read(`${name}.crt`), key: read(`${name}.key`) }
    }
    const altNames = sans.map((name) => (isIP(name) ? `IP:${name}` : `DNS:${name}`)).join(',')
    return {
      ca: read('ca.crt'),
      server: issue('server', '/CN=k3s', [
        'basicConstraints=critical,CA:FALSE',
        'extendedKeyUsage=serverAuth',
        ...(altNames ? [`subjectAltName=${altNames}`] : []),
      ]),
      client: issue('client', '/O=system:masters/CN=system:admin', [
        'basicConstraints=critical,CA:FALSE',
        'extendedKeyUsage=clientAuth',
      ]),
    }
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}
