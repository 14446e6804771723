import type { AddressInfo } from 'node:net'
import ssh2 from 'ssh2'

const { Server, utils } = ssh2

/** A command a client ran, as the server received it. */
export interface ExecRecord {
  user: string
  command: string
}

export interface SshServer {
  port: number
  /** The host key as a known_hosts line for this port: `[127.0.0.1]:PORT ssh-ed25519 AAAA…`. */
  knownHosts: string
  execs: ExecRecord[]
  stop(): Promise<void>
}

export interface SshServerOptions {
  /** The users that may log in, each with the OpenSSH public key line it authenticates with. */
  authorized: Record<string, string>
  /** Users with passwordless sudo (root needs none). */
  sudoers: string[]
  /** Files only root can read, by path. */
  rootFiles: Record<string, string>
}

/**
 * An SSH server on 127.0.0.1 (the npm ssh2 package's), with a host key made for each start, that
 * lets the authorized users in by public key and answers the two commands reading a root-only
 * file: `cat FILE` (root) and `sudo -n cat FILE` (a sudoer). Anything else fails as a shell would.
 */
export async function startSshServer(options: SshServerOptions): Promise<SshServer> {
  const hostKey = utils.generateKeyPairSync('ed25519')
  const execs: ExecRecord[] = []
  const keys = new Map(
    Object.entries(options.authorized).map(([user, line]) => {
      const parsed = utils.parseKey(line)
      if (parsed instanceof Error) throw parsed
      return [user, Array.isArray(parsed) ? parsed[0] : parsed]
    }),
  )
  const answer = (user: string, command: string): { out: string; err: string; code: number } => {
    const cat = /^(sudo -n )?cat (\S+)$/.exec(command)
    if (!cat) return { out: '', err: `bash: ${command.split(' ')[0]}: command not found\n`, code: 127 }
    const [, sudo, path] = cat as unknown as [string, string | undefined, string]
    if (sudo && user !== 'root' && !options.sudoers.includes(user))
      return { out: '', err: 'sudo: a password is required\n', code: 1 }
    const content = options.rootFiles[path]
    if (content === undefined) return { out: '', err: `cat: ${path}: No such file or directory\n`, code: 1 }
    if (user !== 'root' && !sudo) return { out: '', err: `cat: ${path}: Permission denied\n`, code: 1 }
    return { out: content, err: '', code: 0 }
  }
  const server = new Server({ hostKeys: [hostKey.private] }, (client) => {
    let user = ''
    client.on('authentication', (ctx) => {
      const key = keys.get(ctx.username)
      if (ctx.method !== 'publickey' || !key) return ctx.reject(['publickey'])
      if (ctx.key.algo !== key.type || !ctx.key.data.equals(key.getPublicSSH()))
        return ctx.reject(['publickey'])
      if (ctx.signature && ctx.blob && key.verify(ctx.blob, ctx.signature, ctx.hashAlgo) !== true)
        return ctx.reject(['publickey'])
      user = ctx.username
      ctx.accept()
    })
    client.on('ready', () => {
      client.on('session', (accept) => {
        const session = accept()
        session.on('exec', (acceptExec, _reject, info) => {
          const stream = acceptExec()
          execs.push({ user, command: info.command })
          const { out, err, code } = answer(user, info.command)
          if (out) stream.write(out)
          if (err) stream.stderr.write(err)
          stream.exit(code)
          stream.end()
        })
      })
    })
    client.on('error', () => {})
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const port = (server.address() as AddressInfo).port
  return {
    port,
    knownHosts: `[127.0.0.1]:${port} ${hostKey.public.trim()}\n`,
    execs,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }
}
