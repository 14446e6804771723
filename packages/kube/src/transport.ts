import { readFileSync } from 'node:fs'
import { Agent as HttpAgent, type IncomingHttpHeaders, type IncomingMessage, request } from 'node:http'
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https'
import { ConfigurationError } from '@canary-delivery/action-kit'
import type { ClusterAccess } from './access'
import { ExecCredentialSource, type IssuedCredential } from './exec-credential'

export interface ApiResponse {
  status: number
  statusText: string
  headers: IncomingHttpHeaders
  body: string
}

/** A stream the server answered with something else than 200 (its `statusCode` says what). */
export class StreamRefused extends Error {
  override readonly name = 'StreamRefused'
  constructor(
    message: string,
    readonly statusCode: number,
    readonly body: string,
  ) {
    super(message)
  }
}

/** A request that writes: PATCH with a server-side apply or merge patch, POST, PUT. */
export interface RequestBody {
  method: 'PATCH' | 'POST' | 'PUT'
  contentType: string
  body: string
}

export interface OpenStream {
  abort(): void
}

/** Node reads a proxy for an agent from `proxyEnv` since 24.5; older versions would silently go direct. */
function agentProxySupported(): boolean {
  const [major = 0, minor = 0] = process.versions.node.split('.').map(Number)
  return major > 24 || (major === 24 && minor >= 5)
}

/** A token file is read again at most once a minute, as kubectl does, so a rotated token is picked up. */
const TOKEN_FILE_TTL_MS = 60_000

/**
 * HTTP(S) to one API server as one user, over keep-alive connections: TLS from the kubeconfig
 * (certificate authority, client certificate, tls-server-name, insecure-skip-tls-verify), the
 * bearer token, basic auth or an exec plugin's credential as headers, and a proxy from proxy-url.
 */
export class ApiTransport {
  private agent: HttpAgent
  private agentCertificate: string | undefined
  private readonly exec: ExecCredentialSource | undefined
  private tokenFromFile: { value: string; readAt: number } | undefined
  private readonly isHttps: boolean

  constructor(
    private readonly access: ClusterAccess,
    private readonly registerSecret: (value: string) => void = () => {},
  ) {
    this.isHttps = access.server.startsWith('https:')
    if (access.proxyUrl && !agentProxySupported()) {
      throw new ConfigurationError(
        `The kubeconfig's cluster '${access.cluster}' sets proxy-url, which needs Node 24.5 or later (this is ${process.version})`,
      )
    }
    const exec = access.credentials.exec
    this.exec = exec ? new ExecCredentialSource(exec, access, registerSecret) : undefined
    this.agent = this.makeAgent(undefined)
  }

  private makeAgent(issued: IssuedCredential | undefined): HttpAgent {
    const { access } = this
    const certificate = issued?.certificate ?? access.credentials.certificate
    const key = issued?.key ?? access.credentials.key
    this.agentCertificate = certificate
    const proxy = access.proxyUrl
      ? { proxyEnv: { HTTPS_PROXY: access.proxyUrl, HTTP_PROXY: access.proxyUrl } }
      : {}
    if (!this.isHttps) return new HttpAgent({ keepAlive: true, ...proxy })
    return new HttpsAgent({
      keepAlive: true,
      ca: access.certificateAuthority,
      cert: certificate,
      key,
      rejectUnauthorized: !access.insecureSkipTlsVerify,
      ...(access.tlsServerName ? { servername: access.tlsServerName } : {}),
      ...proxy,
    })
  }

  private bearerFromFile(): string | undefined {
    const path = this.access.credentials.tokenFile
    if (!path) return undefined
    const cached = this.tokenFromFile
    if (cached && Date.now() - cached.readAt < TOKEN_FILE_TTL_MS) return cached.value
    try {
      const value = readFileSync(path, 'utf8').trim()
      this.registerSecret(value)
      this.tokenFromFile = { value, readAt: Date.now() }
      return value
    } catch {
      throw new ConfigurationError(
        `The kubeconfig's user '${this.access.user}' names tokenFile ${path}, which cannot be read`,
      )
    }
  }

  /** The Authorization header (and, for an exec plugin's certificate, the agent that presents it). */
  private async authorization(signal: AbortSignal | undefined): Promise<string | undefined> {
    const { credentials } = this.access
    if (this.exec) {
      const issued = await this.exec.get(signal)
      if (issued.certificate && issued.certificate !== this.agentCertificate) {
        this.agent.destroy()
        this.agent = this.makeAgent(issued)
      }
      if (issued.token) return `Bearer ${issued.token}`
    }
    const token = credentials.token ?? this.bearerFromFile()
    if (token) return `Bearer ${token}`
    if (credentials.username !== undefined || credentials.password !== undefined)
      return `Basic ${Buffer.from(`${credentials.username ?? ''}:${credentials.password ?? ''}`).toString('base64')}`
    return undefined
  }

  private async send(
    url: string,
    signal: AbortSignal | undefined,
    write?: RequestBody,
  ): Promise<IncomingMessage> {
    const authorization = await this.authorization(signal)
    const headers: Record<string, string> = {
      Accept: 'application/json',
      'User-Agent': 'canary-delivery-actions',
    }
    if (authorization) headers.Authorization = authorization
    if (write) headers['Content-Type'] = write.contentType
    const send = this.isHttps ? httpsRequest : request
    return new Promise((resolve, reject) => {
      const req = send(url, { method: write?.method ?? 'GET', agent: this.agent, headers })
      // Aborting destroys the request (and its response, while it is read) with the signal's reason.
      const onAbort = () =>
        req.destroy(signal?.reason instanceof Error ? signal.reason : new Error('aborted'))
      if (signal?.aborted) onAbort()
      signal?.addEventListener('abort', onAbort, { once: true })
      req.on('close', () => signal?.removeEventListener('abort', onAbort))
      req.on('error', reject)
      req.on('response', resolve)
      req.end(write?.body)
    })
  }

  /** Sends once more with a fresh exec credential when the server refused the one it had. */
  private async sendAuthenticated(
    url: string,
    signal: AbortSignal | undefined,
    write?: RequestBody,
  ): Promise<IncomingMessage> {
    const response = await this.send(url, signal, write)
    if (response.statusCode !== 401 || !this.exec) return response
    response.resume()
    this.exec.invalidate()
    return this.send(url, signal, write)
  }

  /** One GET (or, with `write`, another method with a body), its whole answer read. */
  async get(url: string, signal?: AbortSignal, write?: RequestBody): Promise<ApiResponse> {
    const response = await this.sendAuthenticated(url, signal, write)
    response.setEncoding('utf8')
    let body = ''
    for await (const chunk of response) body += chunk
    return {
      status: response.statusCode ?? 0,
      statusText: response.statusMessage ?? '',
      headers: response.headers,
      body,
    }
  }

  /**
   * A watch stream: `onLine` for each line of the body, then `done` once, with undefined when the
   * server ended the stream and with an error when it broke or refused (StreamRefused).
   */
  async stream(
    url: string,
    signal: AbortSignal | undefined,
    onLine: (line: string) => void,
    done: (error?: Error) => void,
  ): Promise<OpenStream> {
    const response = await this.sendAuthenticated(url, signal)
    // Ending a stream on purpose destroys it without an error, so nothing is reported for it.
    const end = () => response.destroy()
    let finished = false
    const finish = (error?: Error) => {
      if (finished) return
      finished = true
      done(error)
    }
    response.setEncoding('utf8')
    if (response.statusCode !== 200) {
      let body = ''
      response.on('data', (chunk: string) => {
        body += chunk
      })
      response.on('end', () =>
        finish(
          new StreamRefused(
            response.statusMessage || `HTTP ${response.statusCode}`,
            response.statusCode ?? 0,
            body,
          ),
        ),
      )
      response.on('error', (error) => finish(error))
      return { abort: end }
    }
    let buffer = ''
    response.on('data', (chunk: string) => {
      buffer += chunk
      let newline = buffer.indexOf('\n')
      // A line may abort the stream (its owner got what it waited for): the rest of the read is dropped.
      while (newline >= 0 && !finished) {
        const line = buffer.slice(0, newline).trim()
        buffer = buffer.slice(newline + 1)
        if (line) onLine(line)
        newline = buffer.indexOf('\n')
      }
    })
    response.on('end', () => {
      if (buffer.trim()) onLine(buffer.trim())
      finish()
    })
    response.on('error', (error) => finish(error))
    // After 'end' this changes nothing; without it, the connection broke mid-stream.
    response.on('close', () => finish(new Error('stream closed before its end')))
    return {
      abort: () => {
        finished = true
        end()
      },
    }
  }

  /** Closes idle keep-alive connections (open streams are aborted by their owners). */
  close(): void {
    this.agent.destroy()
  }
}
