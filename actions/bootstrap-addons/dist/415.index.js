export const id = 415;
export const ids = [415];
export const modules = {

/***/ 9415:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  addonsOutput: () => (/* reexport */ addonsOutput),
  bootstrapAddons: () => (/* reexport */ bootstrapAddons),
  renderSummary: () => (/* reexport */ renderSummary)
});

// UNUSED EXPORTS: COMMANDS, DELIVERY_ADDRESSES, FIELD_MANAGER, FLUX_CHART, FLUX_RELEASE, HELM_CHECKSUMS, K3S_KUBECONFIG, PINNED, SYNC_NAMES, VERIFY_SCOPES, fluxPath, hostFromHosts, parseBranch, parseChartRepository, parseChartVersion, parseEnvironment, parseGitopsPath, parseNamespace, parseSshHost, parseSshUser, parseValues, resolveGitopsSource, resourcePath

// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(3024);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
// EXTERNAL MODULE: ../../packages/action-kit/src/inert.ts
var inert = __webpack_require__(5014);
// EXTERNAL MODULE: ../../packages/action-kit/src/errors.ts
var errors = __webpack_require__(2935);
;// CONCATENATED MODULE: ../../packages/kube/src/access.ts



const EXEC_API_VERSIONS = ['client.authentication.k8s.io/v1', 'client.authentication.k8s.io/v1beta1'];
function access_text(fields, key, where) {
    const value = fields[key];
    if (value === undefined || value === null || value === '')
        return undefined;
    if (typeof value !== 'string')
        throw new errors/* ConfigurationError */.j(`${where}: '${key}' must be a string`);
    return value;
}
function flag(fields, key, where) {
    const value = fields[key];
    if (value === undefined || value === null)
        return false;
    if (typeof value !== 'boolean')
        throw new errors/* ConfigurationError */.j(`${where}: '${key}' must be true or false`);
    return value;
}
/**
 * A value given inline (`<key>-data`, base64) or as a file (`<key>`, relative to the kubeconfig's
 * folder); both at once is an error, as in kubectl.
 */
function dataOrFile(fields, key, where, baseDir) {
    const data = access_text(fields, `${key}-data`, where);
    const file = access_text(fields, key, where);
    if (data && file)
        throw new errors/* ConfigurationError */.j(`${where}: give '${key}' or '${key}-data', not both`);
    if (data)
        return Buffer.from(data, 'base64').toString('utf8');
    if (!file)
        return undefined;
    const path = (0,external_node_path_.isAbsolute)(file) ? file : (0,external_node_path_.join)(baseDir, file);
    try {
        return (0,external_node_fs_.readFileSync)(path, 'utf8');
    }
    catch {
        throw new errors/* ConfigurationError */.j(`${where}: '${key}' names ${path}, which cannot be read`);
    }
}
const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);
/**
 * The server address, refused when it carries a user name or password (the address is printed and
 * would print them) or sends credentials in clear text across the network.
 */
function checkServer(raw, where, sendsCredentials) {
    let url;
    try {
        url = new URL(raw);
    }
    catch {
        throw new errors/* ConfigurationError */.j(`${where}: server must be an https:// (or http://) address`);
    }
    if (url.protocol !== 'https:' && url.protocol !== 'http:')
        throw new errors/* ConfigurationError */.j(`${where}: server must be an https:// (or http://) address, not ${url.protocol}`);
    if (url.username || url.password) {
        throw new errors/* ConfigurationError */.j(`${where}: the server URL carries a user name or password; put them in the user entry (username and password, or better a token) so that the address can be shown`);
    }
    if (url.protocol === 'http:' && sendsCredentials && !LOOPBACK.has(url.hostname)) {
        throw new errors/* ConfigurationError */.j(`${where}: server ${url.origin} is plain HTTP, so the user's credentials would cross the network unencrypted; use https`);
    }
    return `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
}
function execPlugin(fields, where, baseDir) {
    const at = `${where}: exec`;
    const command = access_text(fields, 'command', at);
    if (!command)
        throw new errors/* ConfigurationError */.j(`${at} needs a command`);
    const apiVersion = access_text(fields, 'apiVersion', at) ?? '';
    if (!EXEC_API_VERSIONS.includes(apiVersion)) {
        throw new errors/* ConfigurationError */.j(`${at}: apiVersion must be ${EXEC_API_VERSIONS.join(' or ')}, got '${apiVersion}'`);
    }
    const mode = access_text(fields, 'interactiveMode', at);
    // client.authentication.k8s.io/v1 makes the mode explicit; v1beta1 defaults to IfAvailable.
    if (!mode && apiVersion.endsWith('/v1'))
        throw new errors/* ConfigurationError */.j(`${at}: interactiveMode is required with ${apiVersion}`);
    if (mode && mode !== 'Never' && mode !== 'IfAvailable' && mode !== 'Always')
        throw new errors/* ConfigurationError */.j(`${at}: interactiveMode must be Never, IfAvailable or Always, got '${mode}'`);
    if (mode === 'Always') {
        throw new errors/* ConfigurationError */.j(`${at}: the plugin '${command}' asks for an interactive terminal (interactiveMode: Always), which a workflow step does not have`);
    }
    const args = fields.args ?? [];
    if (!Array.isArray(args) || args.some((a) => typeof a !== 'string'))
        throw new errors/* ConfigurationError */.j(`${at}: args must be a list of strings`);
    const env = fields.env ?? [];
    if (!Array.isArray(env) || env.some((e) => typeof e?.name !== 'string' || typeof e?.value !== 'string')) {
        throw new errors/* ConfigurationError */.j(`${at}: env must be a list of {name, value}`);
    }
    return {
        command: command.includes('/') && !(0,external_node_path_.isAbsolute)(command) ? (0,external_node_path_.join)(baseDir, command) : command,
        args: args,
        env: env,
        apiVersion,
        installHint: access_text(fields, 'installHint', at),
        provideClusterInfo: flag(fields, 'provideClusterInfo', at),
        interactiveMode: mode ?? 'IfAvailable',
    };
}
function userCredentials(fields, where, baseDir) {
    if (fields['auth-provider']) {
        const name = fields['auth-provider']?.name;
        throw new errors/* ConfigurationError */.j(`${where}: auth-provider '${String(name ?? '')}' is not supported (kubectl dropped its gcp and azure providers); use an exec credential plugin such as gke-gcloud-auth-plugin, kubelogin or 'aws eks get-token'`);
    }
    if (fields.as || fields['as-groups'])
        throw new errors/* ConfigurationError */.j(`${where}: impersonation ('as', 'as-groups') is not supported`);
    const credentials = {
        certificate: dataOrFile(fields, 'client-certificate', where, baseDir),
        key: dataOrFile(fields, 'client-key', where, baseDir),
        token: access_text(fields, 'token', where),
        tokenFile: access_text(fields, 'tokenFile', where),
        username: access_text(fields, 'username', where),
        password: access_text(fields, 'password', where),
    };
    if (credentials.tokenFile && !(0,external_node_path_.isAbsolute)(credentials.tokenFile))
        credentials.tokenFile = (0,external_node_path_.join)(baseDir, credentials.tokenFile);
    if (fields.exec)
        credentials.exec = execPlugin(fields.exec, where, baseDir);
    if (Boolean(credentials.certificate) !== Boolean(credentials.key))
        throw new errors/* ConfigurationError */.j(`${where}: a client certificate needs its key, and a key its certificate`);
    if ((credentials.username || credentials.password) && (credentials.token || credentials.tokenFile))
        throw new errors/* ConfigurationError */.j(`${where}: give a token or a username and password, not both`);
    return credentials;
}
/** How a user authenticates, as a person reads it in the log (never the secret itself). */
function describeCredentials(credentials) {
    const ways = [];
    if (credentials.exec)
        ways.push(`exec credential plugin ${credentials.exec.command}`);
    if (credentials.certificate)
        ways.push('client certificate');
    if (credentials.token || credentials.tokenFile)
        ways.push('bearer token');
    if (credentials.username)
        ways.push(`basic auth as ${credentials.username}`);
    return ways.join(' and ') || 'anonymous';
}
/** Resolves one context of a parsed kubeconfig into what a client needs, checking it as kubectl does. */
function resolveAccess(config, where, contextName, baseDir) {
    const contexts = config.contexts ?? [];
    const name = contextName ?? config['current-context'];
    if (!name) {
        throw new errors/* ConfigurationError */.j(`${where} has no current-context; set the 'context' input to one of: ${contexts.map((c) => c.name).join(', ') || '(none)'}`);
    }
    const context = contexts.find((c) => c.name === name);
    if (!context) {
        throw new errors/* ConfigurationError */.j(`Input 'context' names '${name}', which ${where} does not define; it has: ${contexts.map((c) => c.name).join(', ') || '(no contexts)'}`);
    }
    const clusterName = context.context?.cluster ?? '';
    const cluster = (config.clusters ?? []).find((c) => c.name === clusterName)?.cluster;
    const server = cluster?.server;
    if (!cluster || typeof server !== 'string' || !server) {
        throw new errors/* ConfigurationError */.j(`${where}: context '${name}' refers to cluster '${clusterName}', which has no server`);
    }
    const userName = context.context?.user ?? '';
    const userFields = (config.users ?? []).find((u) => u.name === userName)?.user ?? {};
    const clusterWhere = `${where}: cluster '${clusterName}'`;
    const credentials = userCredentials(userFields, `${where}: user '${userName}'`, baseDir);
    const sendsCredentials = Object.values(credentials).some((value) => value !== undefined);
    const insecure = flag(cluster, 'insecure-skip-tls-verify', clusterWhere);
    const certificateAuthority = dataOrFile(cluster, 'certificate-authority', clusterWhere, baseDir);
    if (insecure && certificateAuthority) {
        throw new errors/* ConfigurationError */.j(`${clusterWhere}: a certificate authority and insecure-skip-tls-verify contradict each other; keep one`);
    }
    const proxyUrl = access_text(cluster, 'proxy-url', clusterWhere);
    if (proxyUrl && !/^https?:\/\//.test(proxyUrl))
        throw new errors/* ConfigurationError */.j(`${clusterWhere}: proxy-url must be an http:// or https:// proxy`);
    return {
        context: name,
        cluster: clusterName,
        user: userName,
        server: checkServer(server, clusterWhere, sendsCredentials),
        namespace: context.context?.namespace || undefined,
        certificateAuthority,
        certificateAuthorityData: access_text(cluster, 'certificate-authority-data', clusterWhere),
        insecureSkipTlsVerify: insecure,
        tlsServerName: access_text(cluster, 'tls-server-name', clusterWhere),
        proxyUrl,
        credentials,
    };
}

;// CONCATENATED MODULE: ../../packages/action-kit/src/retry.ts
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
/**
 * Exponential backoff with "full jitter": a uniformly random delay between half the exponential
 * step and the whole of it, so that many writers retrying at once spread out instead of colliding again.
 */
function backoffDelay(retry, options) {
    const { baseDelayMs, maxDelayMs = 30_000, factor = 2, random = Math.random } = options;
    const ceiling = Math.min(maxDelayMs, baseDelayMs * factor ** (retry - 1));
    return Math.round(ceiling / 2 + random() * (ceiling / 2));
}
async function retry(operation, options) {
    const { attempts, shouldRetry = () => true, delayFloor, maxWaitMs, onRetry, sleep: wait = sleep } = options;
    for (let attempt = 1;; attempt++) {
        try {
            return await operation(attempt);
        }
        catch (error) {
            if (attempt >= attempts || !shouldRetry(error, attempt))
                throw error;
            const floor = delayFloor?.(error) ?? 0;
            if (maxWaitMs !== undefined && floor > maxWaitMs)
                throw error;
            const delayMs = Math.max(backoffDelay(attempt, options), Math.ceil(floor));
            onRetry?.(error, attempt, delayMs);
            await wait(delayMs);
        }
    }
}

// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(7598);
// EXTERNAL MODULE: external "node:os"
var external_node_os_ = __webpack_require__(8161);
// EXTERNAL MODULE: ../../node_modules/.pnpm/yaml@2.9.1/node_modules/yaml/dist/index.js
var dist = __webpack_require__(8293);
;// CONCATENATED MODULE: ../../packages/kube/src/kubeconfig.ts







const BASE64 = /^[A-Za-z0-9+/=\s]+$/;
/** Accepts the file as written or base64-encoded (what most secrets hold); returns the YAML text. */
function decodeKubeconfig(content, inputName = 'kubeconfig') {
    const trimmed = content.trim();
    if (!trimmed)
        throw new errors/* ConfigurationError */.j(`Input '${inputName}' is empty`);
    // A kubeconfig always holds a colon; base64 never does.
    if (!trimmed.includes(':') && BASE64.test(trimmed)) {
        const text = Buffer.from(trimmed.replace(/\s+/g, ''), 'base64').toString('utf8');
        if (!text.includes(':')) {
            throw new errors/* ConfigurationError */.j(`Input '${inputName}' must be a kubeconfig file (YAML) or that file base64-encoded; it decodes to something else`);
        }
        return { text, encoded: true };
    }
    return { text: `${trimmed}\n`, encoded: false };
}
function parseKubeconfig(text, where) {
    let parsed;
    try {
        parsed = (0,dist.parse)(text);
    }
    catch (error) {
        // The YAML error would quote the file (secrets included); its position is enough.
        const line = error.linePos?.[0]?.line;
        throw new errors/* ConfigurationError */.j(`${where} is not valid YAML${line ? ` (line ${line})` : ''}`);
    }
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
        throw new errors/* ConfigurationError */.j(`${where} must be a kubeconfig (a YAML mapping with clusters, contexts and users)`);
    }
    return parsed;
}
function safeDecode(text) {
    try {
        return decodeURIComponent(text);
    }
    catch {
        return text;
    }
}
/** Values in a kubeconfig that give access to a cluster, to be masked wherever they could be printed. */
function kubeconfigSecrets(text) {
    const secrets = new Set();
    const visit = (value, key) => {
        if (typeof value === 'string') {
            if (/^(token|password|client-key-data|access-token|refresh-token|id-token|client-secret|secret)$/i.test(key)) {
                secrets.add(value);
            }
            return;
        }
        if (Array.isArray(value)) {
            // exec plugin environment: [{name, value}]
            for (const item of value) {
                if (key === 'env' && item && typeof item === 'object' && typeof item.value === 'string')
                    secrets.add(item.value);
                else
                    visit(item, key);
            }
            return;
        }
        if (value && typeof value === 'object')
            for (const [k, v] of Object.entries(value))
                visit(v, k);
    };
    try {
        const parsed = (0,dist.parse)(text);
        for (const user of parsed?.users ?? [])
            visit(user?.user, 'user');
        // A password in a server URL is refused, but it must not be shown on the way there.
        for (const cluster of parsed?.clusters ?? []) {
            const server = cluster?.cluster?.server;
            if (typeof server !== 'string')
                continue;
            const password = /^[a-z]+:\/\/[^/@]*:([^/@]+)@/i.exec(server)?.[1];
            if (password)
                secrets.add(password).add(safeDecode(password));
        }
    }
    catch {
        // Unparseable content is rejected elsewhere; nothing to collect.
    }
    return [...secrets].filter((s) => s.length >= 8);
}
function describe(config, where, contextName, baseDir) {
    const access = resolveAccess(config, where, contextName, baseDir);
    return {
        context: access.context,
        cluster: access.cluster,
        server: access.server,
        namespace: access.namespace,
        authentication: describeCredentials(access.credentials),
        access,
    };
}
/**
 * Makes a kubeconfig available as a file: the `kubeconfig` input is decoded, checked and written
 * with mode 0600 into `directory` (remove it with `removeKubeconfig`); without it, the runner's
 * KUBECONFIG is used in place, or `~/.kube/config` when KUBECONFIG is unset (kubectl's rule; it is
 * where `aws eks update-kubeconfig` and kind write). Either way the values that grant access are
 * registered as secrets.
 */
function prepareKubeconfig(options) {
    const inputName = options.inputName ?? 'kubeconfig';
    const register = options.registerSecret ?? (() => { });
    if (options.content?.trim()) {
        const { text, encoded } = decodeKubeconfig(options.content, inputName);
        if (encoded)
            register(options.content.trim());
        for (const secret of kubeconfigSecrets(text))
            register(secret);
        const config = parseKubeconfig(text, `Input '${inputName}'`);
        const directory = options.directory ?? (0,external_node_os_.tmpdir)();
        // Relative file names in a kubeconfig given as content mean the workspace, where it came from.
        const info = describe(config, `Input '${inputName}'`, options.context, options.workspace ?? process.cwd());
        const path = (0,external_node_path_.join)(directory, `kubeconfig-${(0,external_node_crypto_.randomBytes)(6).toString('hex')}.yaml`);
        // 'wx': never follow or overwrite something already there.
        (0,external_node_fs_.writeFileSync)(path, text, { mode: 0o600, flag: 'wx' });
        return { path, written: true, ...info };
    }
    const files = (options.kubeconfigEnv ?? '').split(external_node_path_.delimiter).filter(Boolean);
    const fromEnv = files.length > 0;
    const candidates = fromEnv ? files : [(0,external_node_path_.join)(options.homeDirectory ?? (0,external_node_os_.homedir)(), '.kube', 'config')];
    const path = candidates.find((file) => (0,external_node_fs_.existsSync)(file));
    if (!path) {
        throw new errors/* ConfigurationError */.j(`Input '${inputName}' is empty and ${fromEnv ? `KUBECONFIG (${files.join(', ')}) names no existing file` : `KUBECONFIG is not set and there is no ${candidates[0]}`}; pass the kubeconfig content (raw or base64) or set KUBECONFIG in an earlier step`);
    }
    const origin = fromEnv ? `KUBECONFIG file ${path}` : `kubeconfig file ${path}`;
    const text = (0,external_node_fs_.readFileSync)(path, 'utf8');
    for (const secret of kubeconfigSecrets(text))
        register(secret);
    const config = parseKubeconfig(text, origin);
    return { path, written: false, ...describe(config, origin, options.context, (0,external_node_path_.dirname)(path)) };
}
/** Removes a kubeconfig this code wrote; harmless when it is already gone or was not ours. */
function removeKubeconfig(prepared) {
    if (prepared?.written)
        (0,external_node_fs_.rmSync)(prepared.path, { force: true });
}
/** The access a kubeconfig file gives through one of its contexts (for tests and tools). */
function loadAccess(path, context) {
    const where = `kubeconfig file ${path}`;
    return resolveAccess(parseKubeconfig((0,external_node_fs_.readFileSync)(path, 'utf8'), where), where, context, (0,external_node_path_.dirname)(path));
}

// EXTERNAL MODULE: external "node:http"
var external_node_http_ = __webpack_require__(7067);
// EXTERNAL MODULE: external "node:https"
var external_node_https_ = __webpack_require__(4708);
// EXTERNAL MODULE: external "node:child_process"
var external_node_child_process_ = __webpack_require__(1421);
;// CONCATENATED MODULE: ../../packages/kube/src/exec-credential.ts


/** An exec plugin's failure: not a user's input mistake, and not worth retrying at once. */
class ExecPluginError extends Error {
    name = 'ExecPluginError';
}
const PLUGIN_TIMEOUT_MS = 60_000;
/** How much of a failing plugin's stderr goes into the error: its last lines are usually the reason. */
const STDERR_TAIL = 600;
/** The ExecCredential the plugin reads from KUBERNETES_EXEC_INFO (spec.cluster only when asked for). */
function execInfo(plugin, access) {
    const spec = { interactive: false };
    if (plugin.provideClusterInfo) {
        spec.cluster = {
            server: access.server,
            ...(access.tlsServerName ? { 'tls-server-name': access.tlsServerName } : {}),
            ...(access.insecureSkipTlsVerify ? { 'insecure-skip-tls-verify': true } : {}),
            ...(access.certificateAuthorityData
                ? { 'certificate-authority-data': access.certificateAuthorityData }
                : access.certificateAuthority
                    ? { 'certificate-authority-data': Buffer.from(access.certificateAuthority).toString('base64') }
                    : {}),
            ...(access.proxyUrl ? { 'proxy-url': access.proxyUrl } : {}),
        };
    }
    return JSON.stringify({ apiVersion: plugin.apiVersion, kind: 'ExecCredential', spec });
}
/** The end of what the plugin printed on stderr, on one line and unable to act as a workflow command. */
function stderrTail(stderr) {
    const trimmed = stderr.trim();
    if (!trimmed)
        return '';
    const tail = trimmed.length > STDERR_TAIL ? `…${trimmed.slice(-STDERR_TAIL)}` : trimmed;
    return `: ${(0,inert/* inert */.t)(tail)}`;
}
function parseCredential(stdout, plugin, label) {
    let parsed;
    try {
        parsed = JSON.parse(stdout);
    }
    catch {
        throw new ExecPluginError(`${label} printed something other than an ExecCredential (JSON) on stdout`);
    }
    if (parsed?.kind !== 'ExecCredential' || parsed.apiVersion !== plugin.apiVersion) {
        throw new ExecPluginError(`${label} answered with ${(0,inert/* inert */.t)(String(parsed?.apiVersion))} ${(0,inert/* inert */.t)(String(parsed?.kind))}; the kubeconfig asks for ${plugin.apiVersion} ExecCredential`);
    }
    const status = parsed.status ?? {};
    const certificate = status.clientCertificateData;
    const key = status.clientKeyData;
    if (!status.token && !(certificate && key))
        throw new ExecPluginError(`${label} returned neither a token nor a client certificate and key`);
    const expiresAt = status.expirationTimestamp ? Date.parse(status.expirationTimestamp) : undefined;
    return {
        token: status.token || undefined,
        certificate: certificate || undefined,
        key: key || undefined,
        expiresAt: Number.isFinite(expiresAt) ? expiresAt : undefined,
    };
}
/**
 * Runs an exec credential plugin as kubectl does (client.authentication.k8s.io v1 or v1beta1, never
 * interactive: a step has no terminal), and keeps what it issues until it expires or the server
 * refuses it. Issued tokens and keys are handed to `registerSecret` before they are used.
 */
class ExecCredentialSource {
    plugin;
    access;
    registerSecret;
    current;
    running;
    constructor(plugin, access, registerSecret = () => { }) {
        this.plugin = plugin;
        this.access = access;
        this.registerSecret = registerSecret;
    }
    /** A credential that is still valid, from the plugin when there is none. */
    async get(signal) {
        const current = this.current;
        // A minute of margin, so a request does not leave with a token that expires on the way.
        if (current && (current.expiresAt === undefined || current.expiresAt - 60_000 > Date.now()))
            return current;
        this.running ??= this.run(signal).finally(() => {
            this.running = undefined;
        });
        this.current = await this.running;
        return this.current;
    }
    /** Forgets the credential (the server answered 401), so the next `get` asks the plugin again. */
    invalidate() {
        this.current = undefined;
    }
    run(signal) {
        const { plugin } = this;
        const label = `exec credential plugin ${plugin.command}`;
        const env = { ...process.env, KUBERNETES_EXEC_INFO: execInfo(plugin, this.access) };
        for (const { name, value } of plugin.env)
            env[name] = value;
        return new Promise((resolve, reject) => {
            (0,external_node_child_process_.execFile)(plugin.command, plugin.args, { env, signal, timeout: PLUGIN_TIMEOUT_MS, maxBuffer: 4 * 1024 * 1024, encoding: 'utf8' }, (error, stdout, stderr) => {
                if (error) {
                    const code = error.code;
                    if (code === 'ENOENT') {
                        const hint = plugin.installHint ? ` ${(0,inert/* inert */.t)(plugin.installHint)}` : '';
                        return reject(new ExecPluginError(`${label} was not found.${hint}`));
                    }
                    if (signal?.aborted)
                        return reject(signal.reason ?? error);
                    const how = typeof code === 'number' ? `exited with code ${code}` : `failed (${error.message})`;
                    return reject(new ExecPluginError(`${label} ${how}${stderrTail(stderr)}`));
                }
                try {
                    const credential = parseCredential(stdout, plugin, label);
                    for (const secret of [credential.token, credential.key])
                        if (secret)
                            this.registerSecret(secret);
                    resolve(credential);
                }
                catch (parseError) {
                    reject(parseError);
                }
            });
        });
    }
}

;// CONCATENATED MODULE: ../../packages/kube/src/transport.ts





/** A stream the server answered with something else than 200 (its `statusCode` says what). */
class StreamRefused extends Error {
    statusCode;
    body;
    name = 'StreamRefused';
    constructor(message, statusCode, body) {
        super(message);
        this.statusCode = statusCode;
        this.body = body;
    }
}
/** Node reads a proxy for an agent from `proxyEnv` since 24.5; older versions would silently go direct. */
function agentProxySupported() {
    const [major = 0, minor = 0] = process.versions.node.split('.').map(Number);
    return major > 24 || (major === 24 && minor >= 5);
}
/** A token file is read again at most once a minute, as kubectl does, so a rotated token is picked up. */
const TOKEN_FILE_TTL_MS = 60_000;
/**
 * HTTP(S) to one API server as one user, over keep-alive connections: TLS from the kubeconfig
 * (certificate authority, client certificate, tls-server-name, insecure-skip-tls-verify), the
 * bearer token, basic auth or an exec plugin's credential as headers, and a proxy from proxy-url.
 */
class ApiTransport {
    access;
    registerSecret;
    agent;
    agentCertificate;
    exec;
    tokenFromFile;
    isHttps;
    constructor(access, registerSecret = () => { }) {
        this.access = access;
        this.registerSecret = registerSecret;
        this.isHttps = access.server.startsWith('https:');
        if (access.proxyUrl && !agentProxySupported()) {
            throw new errors/* ConfigurationError */.j(`The kubeconfig's cluster '${access.cluster}' sets proxy-url, which needs Node 24.5 or later (this is ${process.version})`);
        }
        const exec = access.credentials.exec;
        this.exec = exec ? new ExecCredentialSource(exec, access, registerSecret) : undefined;
        this.agent = this.makeAgent(undefined);
    }
    makeAgent(issued) {
        const { access } = this;
        const certificate = issued?.certificate ?? access.credentials.certificate;
        const key = issued?.key ?? access.credentials.key;
        this.agentCertificate = certificate;
        const proxy = access.proxyUrl
            ? { proxyEnv: { HTTPS_PROXY: access.proxyUrl, HTTP_PROXY: access.proxyUrl } }
            : {};
        if (!this.isHttps)
            return new external_node_http_.Agent({ keepAlive: true, ...proxy });
        return new external_node_https_.Agent({
            keepAlive: true,
            ca: access.certificateAuthority,
            cert: certificate,
            key,
            rejectUnauthorized: !access.insecureSkipTlsVerify,
            ...(access.tlsServerName ? { servername: access.tlsServerName } : {}),
            ...proxy,
        });
    }
    bearerFromFile() {
        const path = this.access.credentials.tokenFile;
        if (!path)
            return undefined;
        const cached = this.tokenFromFile;
        if (cached && Date.now() - cached.readAt < TOKEN_FILE_TTL_MS)
            return cached.value;
        try {
            const value = (0,external_node_fs_.readFileSync)(path, 'utf8').trim();
            this.registerSecret(value);
            this.tokenFromFile = { value, readAt: Date.now() };
            return value;
        }
        catch {
            throw new errors/* ConfigurationError */.j(`The kubeconfig's user '${this.access.user}' names tokenFile ${path}, which cannot be read`);
        }
    }
    /** The Authorization header (and, for an exec plugin's certificate, the agent that presents it). */
    async authorization(signal) {
        const { credentials } = this.access;
        if (this.exec) {
            const issued = await this.exec.get(signal);
            if (issued.certificate && issued.certificate !== this.agentCertificate) {
                this.agent.destroy();
                this.agent = this.makeAgent(issued);
            }
            if (issued.token)
                return `Bearer ${issued.token}`;
        }
        const token = credentials.token ?? this.bearerFromFile();
        if (token)
            return `Bearer ${token}`;
        if (credentials.username !== undefined || credentials.password !== undefined)
            return `Basic ${Buffer.from(`${credentials.username ?? ''}:${credentials.password ?? ''}`).toString('base64')}`;
        return undefined;
    }
    async send(url, signal, write) {
        const authorization = await this.authorization(signal);
        const headers = {
            Accept: 'application/json',
            'User-Agent': 'canary-delivery-actions',
        };
        if (authorization)
            headers.Authorization = authorization;
        if (write)
            headers['Content-Type'] = write.contentType;
        const send = this.isHttps ? external_node_https_.request : external_node_http_.request;
        return new Promise((resolve, reject) => {
            const req = send(url, { method: write?.method ?? 'GET', agent: this.agent, headers });
            // Aborting destroys the request (and its response, while it is read) with the signal's reason.
            const onAbort = () => req.destroy(signal?.reason instanceof Error ? signal.reason : new Error('aborted'));
            if (signal?.aborted)
                onAbort();
            signal?.addEventListener('abort', onAbort, { once: true });
            req.on('close', () => signal?.removeEventListener('abort', onAbort));
            req.on('error', reject);
            req.on('response', resolve);
            req.end(write?.body);
        });
    }
    /** Sends once more with a fresh exec credential when the server refused the one it had. */
    async sendAuthenticated(url, signal, write) {
        const response = await this.send(url, signal, write);
        if (response.statusCode !== 401 || !this.exec)
            return response;
        response.resume();
        this.exec.invalidate();
        return this.send(url, signal, write);
    }
    /** One GET (or, with `write`, another method with a body), its whole answer read. */
    async get(url, signal, write) {
        const response = await this.sendAuthenticated(url, signal, write);
        response.setEncoding('utf8');
        let body = '';
        for await (const chunk of response)
            body += chunk;
        return {
            status: response.statusCode ?? 0,
            statusText: response.statusMessage ?? '',
            headers: response.headers,
            body,
        };
    }
    /**
     * A watch stream: `onLine` for each line of the body, then `done` once, with undefined when the
     * server ended the stream and with an error when it broke or refused (StreamRefused).
     */
    async stream(url, signal, onLine, done) {
        const response = await this.sendAuthenticated(url, signal);
        // Ending a stream on purpose destroys it without an error, so nothing is reported for it.
        const end = () => response.destroy();
        let finished = false;
        const finish = (error) => {
            if (finished)
                return;
            finished = true;
            done(error);
        };
        response.setEncoding('utf8');
        if (response.statusCode !== 200) {
            let body = '';
            response.on('data', (chunk) => {
                body += chunk;
            });
            response.on('end', () => finish(new StreamRefused(response.statusMessage || `HTTP ${response.statusCode}`, response.statusCode ?? 0, body)));
            response.on('error', (error) => finish(error));
            return { abort: end };
        }
        let buffer = '';
        response.on('data', (chunk) => {
            buffer += chunk;
            let newline = buffer.indexOf('\n');
            // A line may abort the stream (its owner got what it waited for): the rest of the read is dropped.
            while (newline >= 0 && !finished) {
                const line = buffer.slice(0, newline).trim();
                buffer = buffer.slice(newline + 1);
                if (line)
                    onLine(line);
                newline = buffer.indexOf('\n');
            }
        });
        response.on('end', () => {
            if (buffer.trim())
                onLine(buffer.trim());
            finish();
        });
        response.on('error', (error) => finish(error));
        // After 'end' this changes nothing; without it, the connection broke mid-stream.
        response.on('close', () => finish(new Error('stream closed before its end')));
        return {
            abort: () => {
                finished = true;
                end();
            },
        };
    }
    /** Closes idle keep-alive connections (open streams are aborted by their owners). */
    close() {
        this.agent.destroy();
    }
}

;// CONCATENATED MODULE: ../../packages/kube/src/client.ts



/** An error answer from the API server, with the Status it sent when it sent one. */
class KubeApiError extends Error {
    status;
    reason;
    path;
    name = 'KubeApiError';
    constructor(message, status, reason, path) {
        super(message);
        this.status = status;
        this.reason = reason;
        this.path = path;
    }
}
/** Network failures that a restarting or overloaded API server causes, worth another attempt. */
const TRANSIENT_CODES = new Set([
    'ECONNRESET',
    'ECONNREFUSED',
    'ECONNABORTED',
    'ETIMEDOUT',
    'EPIPE',
    'EAI_AGAIN',
    'EHOSTUNREACH',
    'ENETUNREACH',
    'ENETDOWN',
    'ERR_STREAM_PREMATURE_CLOSE',
]);
/** Worth another attempt: the server is overloaded or restarting, or the connection broke or went silent. */
function isTransient(error) {
    if (error instanceof KubeApiError)
        return error.status === 429 || error.status >= 500;
    if (!(error instanceof Error))
        return false;
    const code = error.code;
    if (typeof code === 'string')
        return TRANSIENT_CODES.has(code);
    return /socket hang up|stream closed|no answer within/i.test(error.message);
}
function abortableSleep(ms, signal) {
    return new Promise((resolve, reject) => {
        if (signal?.aborted)
            return reject(signal.reason);
        const onAbort = () => {
            clearTimeout(timer);
            reject(signal?.reason);
        };
        const timer = setTimeout(() => {
            signal?.removeEventListener('abort', onAbort);
            resolve();
        }, ms);
        signal?.addEventListener('abort', onAbort, { once: true });
    });
}
function withQuery(base, query) {
    const url = new URL(base);
    for (const [key, value] of Object.entries(query))
        if (value !== undefined)
            url.searchParams.set(key, value);
    return url.toString();
}
/**
 * The API access the suite needs: GET and LIST with retries on transient failures, and raw watch
 * streams, over the suite's own small transport (no Kubernetes client library: the action only
 * reads). Authentication follows kubectl: tokens, token files, basic auth, client certificates,
 * and exec credential plugins such as gke-gcloud-auth-plugin.
 */
class KubeClient {
    options;
    access;
    server;
    /** Requests sent so far (retries and watch connections included), for the benchmark and the summary. */
    requests = 0;
    /** The API server's clock minus this machine's (from the Date header), once it has answered. */
    clockOffsetMs;
    /** Why the last request or stream failed, until one succeeds again (for messages while the API is away). */
    lastError;
    transport;
    attempts;
    baseDelayMs;
    requestTimeoutMs;
    constructor(options) {
        this.options = options;
        if (options.access)
            this.access = options.access;
        else if (options.path)
            this.access = loadAccess(options.path, options.context);
        else
            throw new Error('KubeClient needs access or a kubeconfig path');
        this.server = this.access.server;
        this.transport = new ApiTransport(this.access, options.registerSecret);
        this.attempts = options.attempts ?? 6;
        this.baseDelayMs = options.baseDelayMs ?? 400;
        this.requestTimeoutMs = options.requestTimeoutMs ?? 30_000;
    }
    /** The namespace of the current context, or `default`. */
    get namespace() {
        return this.access.namespace ?? 'default';
    }
    /** The outer signal's reason once it has aborted, so that callers see why (deadline, cancellation). */
    throwIfStopped() {
        const signal = this.options.signal;
        if (signal?.aborted)
            throw signal.reason;
    }
    noteClock(date, sentAt) {
        const server = date ? Date.parse(date) : Number.NaN;
        // The header has whole seconds: the middle of that second against the middle of the exchange.
        if (Number.isFinite(server))
            this.clockOffsetMs = server + 500 - (sentAt + Date.now()) / 2;
    }
    async requestOnce(path, query, write) {
        const verb = write?.method ?? 'GET';
        this.throwIfStopped();
        const timeout = AbortSignal.timeout(this.requestTimeoutMs);
        const signal = this.options.signal ? AbortSignal.any([this.options.signal, timeout]) : timeout;
        this.requests++;
        const sentAt = Date.now();
        let response;
        try {
            response = await this.transport.get(withQuery(this.server + path, query), signal, write);
        }
        catch (error) {
            this.throwIfStopped();
            const failure = timeout.aborted
                ? Object.assign(new Error(`${verb} ${path}: no answer within ${this.requestTimeoutMs / 1000}s`), {
                    code: 'ETIMEDOUT',
                })
                : error;
            this.lastError = failure.message;
            throw failure;
        }
        this.noteClock(response.headers.date, sentAt);
        this.lastError = undefined;
        if (response.status < 200 || response.status >= 300) {
            let reason;
            let message = `${response.status} ${response.statusText}`;
            try {
                const status = JSON.parse(response.body);
                reason = status.reason;
                if (status.message)
                    message = status.message;
            }
            catch {
                // Not a Status object (a proxy's error page): the HTTP status says enough.
            }
            const error = new KubeApiError(`${verb} ${path}: ${message}`, response.status, reason, path);
            if (isTransient(error))
                this.lastError = error.message;
            throw error;
        }
        return JSON.parse(response.body);
    }
    /** GET with retries on transient failures, until the attempts (default: the client's) or the signal run out. */
    async get(path, query = {}, attempts = this.attempts) {
        return this.withRetries(() => this.requestOnce(path, query), attempts);
    }
    /**
     * A write with its body (a server-side apply, a merge patch), retried like a GET on transient
     * failures: the writes the suite sends say the whole desired state, so sending one twice is harmless.
     */
    async send(method, path, write) {
        return this.withRetries(() => this.requestOnce(path, write.query ?? {}, {
            method,
            body: write.body,
            contentType: write.contentType,
        }), this.attempts);
    }
    /** One request, tried again on transient failures until the attempts or the signal run out. */
    withRetries(request, attempts) {
        const { signal } = this.options;
        return retry(request, {
            attempts,
            baseDelayMs: this.baseDelayMs,
            maxDelayMs: 5_000,
            shouldRetry: (error) => !signal?.aborted && isTransient(error),
            sleep: (ms) => abortableSleep(ms, signal),
            onRetry: (error, attempt, delayMs) => this.options.onRetry?.(`${error.message}; retrying (${attempt + 1}${Number.isFinite(attempts) ? `/${attempts}` : ''}) in ${(delayMs / 1000).toFixed(1)}s`),
        });
    }
    /** GET that answers undefined for 404 Not Found. */
    async find(path, attempts = this.attempts) {
        try {
            return await this.get(path, {}, attempts);
        }
        catch (error) {
            if (error instanceof KubeApiError && error.status === 404)
                return undefined;
            throw error;
        }
    }
    async list(path, query = {}, attempts = this.attempts) {
        const list = await this.get(path, query, attempts);
        return { items: list.items ?? [], resourceVersion: list.metadata?.resourceVersion ?? '' };
    }
    /**
     * Opens one watch stream. `done` is called once: with undefined when the server ended the stream,
     * or with an error (its `statusCode` is the HTTP status when the server refused the watch).
     * Opening gives up after the request timeout; the stream itself runs until one side ends it.
     */
    async watch(path, query, onEvent, done) {
        this.throwIfStopped();
        this.requests++;
        const url = withQuery(this.server + path, { watch: 'true', ...query });
        const opening = new AbortController();
        const timer = setTimeout(() => opening.abort(new Error(`watch ${path}: no answer within ${this.requestTimeoutMs / 1000}s`)), this.requestTimeoutMs);
        const signal = this.options.signal
            ? AbortSignal.any([this.options.signal, opening.signal])
            : opening.signal;
        try {
            const stream = await this.transport.stream(url, signal, (line) => {
                let event;
                try {
                    event = JSON.parse(line);
                }
                catch {
                    return; // A line that is not JSON carries nothing to act on (client-go skips it too).
                }
                if (event && typeof event.type === 'string')
                    onEvent(event);
            }, (error) => {
                if (error)
                    this.lastError = error.message;
                if (error instanceof StreamRefused) {
                    // A refusal to retry says only what the HTTP status says; a final one, the server's reason (RBAC …).
                    let message = error.message;
                    const final = error.statusCode < 500 && error.statusCode !== 429 && error.statusCode !== 410;
                    try {
                        if (final)
                            message = JSON.parse(error.body).message || message;
                    }
                    catch {
                        // Not a Status object.
                    }
                    return done(Object.assign(new Error(message), { statusCode: error.statusCode }));
                }
                done(error);
            });
            clearTimeout(timer);
            return stream;
        }
        catch (error) {
            clearTimeout(timer);
            this.throwIfStopped();
            const failure = opening.signal.aborted
                ? Object.assign(opening.signal.reason, { code: 'ETIMEDOUT' })
                : error;
            this.lastError = failure.message;
            throw failure;
        }
    }
    /** Closes the connections kept alive for the next request. */
    close() {
        this.transport.close();
    }
}

;// CONCATENATED MODULE: ../../packages/kube/src/watch.ts


const key = (object) => object.metadata.name;
/**
 * List, then watch from the list's resourceVersion with bookmarks, the way client-go's reflector
 * does: a stream the server ends is resumed from the last resourceVersion seen (bookmarks keep it
 * fresh), a 410 Gone leads to a re-list whose differences are delivered as changes (so a state
 * reached while disconnected is not lost), and other failures are retried with backoff.
 */
function watchResource(options) {
    const { client, path, onChange, onNotice = () => { } } = options;
    const timeoutSeconds = options.timeoutSeconds ?? 300;
    const stallMs = options.stallMs ?? (timeoutSeconds + 30) * 1000;
    const maxFailures = options.maxFailures ?? Number.POSITIVE_INFINITY;
    const objects = new Map();
    const stats = { lists: 0, watches: 0, resumes: 0, relists: 0, errors: 0 };
    let resourceVersion = '';
    let stopped = false;
    let current;
    let stallTimer;
    let retryTimer;
    let failures = 0;
    let resolveSynced;
    let rejectSynced;
    const synced = new Promise((resolve, reject) => {
        resolveSynced = resolve;
        rejectSynced = reject;
    });
    synced.catch(() => { });
    const selectors = { fieldSelector: options.fieldSelector, labelSelector: options.labelSelector };
    const deliver = (type, object, fromRelist) => {
        if (type === 'DELETED')
            objects.delete(key(object));
        else
            objects.set(key(object), object);
        onChange({ type, object, fromRelist });
    };
    const list = async (isRelist) => {
        const result = await client.list(path, selectors);
        stats.lists++;
        if (isRelist)
            stats.relists++;
        const seen = new Set();
        for (const item of result.items) {
            seen.add(key(item));
            const known = objects.get(key(item));
            if (!known)
                deliver('ADDED', item, isRelist);
            else if (known.metadata.resourceVersion !== item.metadata.resourceVersion)
                deliver('MODIFIED', item, isRelist);
        }
        for (const [name, known] of objects)
            if (!seen.has(name))
                deliver('DELETED', known, isRelist);
        resourceVersion = result.resourceVersion;
    };
    const schedule = (fn, delayMs) => {
        if (stopped)
            return;
        retryTimer = setTimeout(fn, delayMs);
    };
    const fail = (error, relist) => {
        stats.errors++;
        failures++;
        if (failures > maxFailures || !isTransientWatchError(error)) {
            onNotice(`watch of ${path} gave up: ${error.message}`);
            stopped = true;
            rejectSynced(error);
            options.onFatal?.(error);
            return;
        }
        const delay = backoffDelay(failures, { baseDelayMs: 250, maxDelayMs: 5_000 });
        onNotice(`watch of ${path}: ${error.message}; retrying in ${delay}ms`);
        schedule(() => void (relist ? cycle(true) : stream()), delay);
    };
    const stream = async () => {
        if (stopped)
            return;
        let needsRelist = false;
        let ended = false;
        const armStall = () => {
            clearTimeout(stallTimer);
            stallTimer = setTimeout(() => {
                onNotice(`watch of ${path} silent for ${stallMs}ms; reopening`);
                finish(new Error('stream stalled'));
            }, stallMs);
        };
        const finish = (error) => {
            if (ended)
                return;
            ended = true;
            clearTimeout(stallTimer);
            const handle = current;
            current = undefined;
            handle?.abort();
            if (stopped)
                return;
            if (needsRelist || error?.statusCode === 410) {
                onNotice(`watch of ${path}: resourceVersion ${resourceVersion} expired (410 Gone); re-listing`);
                resourceVersion = '';
                void cycle(true);
                return;
            }
            if (error && error.message !== 'stream stalled')
                return fail(error, false);
            stats.resumes++;
            void stream();
        };
        try {
            stats.watches++;
            armStall();
            const handle = await client.watch(path, {
                ...selectors,
                resourceVersion,
                allowWatchBookmarks: 'true',
                timeoutSeconds: String(timeoutSeconds),
            }, (event) => {
                // Nothing after stop(), which may come from a change in the middle of a read.
                if (ended || stopped)
                    return;
                armStall();
                const object = event.object;
                switch (event.type) {
                    case 'ADDED':
                    case 'MODIFIED':
                    case 'DELETED':
                        failures = 0;
                        if (object?.metadata?.resourceVersion)
                            resourceVersion = object.metadata.resourceVersion;
                        if (event.type === 'DELETED') {
                            if (objects.has(key(object)))
                                deliver('DELETED', object, false);
                        }
                        else {
                            const known = objects.get(key(object));
                            if (known?.metadata.resourceVersion !== object.metadata.resourceVersion) {
                                deliver(known || event.type === 'MODIFIED' ? 'MODIFIED' : 'ADDED', object, false);
                            }
                        }
                        return;
                    case 'BOOKMARK':
                        failures = 0;
                        if (object?.metadata?.resourceVersion)
                            resourceVersion = object.metadata.resourceVersion;
                        return;
                    case 'ERROR': {
                        // 410 Expired (or Gone) means the history is gone: only a re-list can catch up.
                        // Any other error status is treated the same way, as client-go does.
                        needsRelist = true;
                        const status = event.object;
                        onNotice(`watch of ${path}: server sent ERROR ${status.code ?? ''} ${status.message ?? ''}`.trim());
                        // client-node waits for the server to close; do not rely on it.
                        finish();
                        return;
                    }
                }
            }, (error) => finish(error));
            if (ended || stopped)
                handle.abort();
            else
                current = handle;
        }
        catch (error) {
            finish(error);
        }
    };
    const cycle = async (isRelist) => {
        if (stopped)
            return;
        try {
            await list(isRelist);
            resolveSynced();
            failures = 0;
        }
        catch (error) {
            if (!isRelist && !isTransientWatchError(error)) {
                stopped = true;
                rejectSynced(error);
                options.onFatal?.(error);
                return;
            }
            return fail(error, true);
        }
        void stream();
    };
    void cycle(false);
    return {
        synced,
        objects,
        stats,
        stop() {
            stopped = true;
            clearTimeout(stallTimer);
            clearTimeout(retryTimer);
            current?.abort();
            current = undefined;
        },
    };
}
function isTransientWatchError(error) {
    if (error.statusCode !== undefined)
        return error.statusCode === 429 || error.statusCode >= 500 || error.statusCode === 410;
    return isTransient(error) || /abort|close|stalled|timeout|reset/i.test(error.message);
}

;// CONCATENATED MODULE: ../../packages/kube/src/index.ts






;// CONCATENATED MODULE: ../../packages/addons/src/cluster.ts
/** The field manager the action's server-side applies are recorded under. */
const FIELD_MANAGER = 'bootstrap-addons';
/** `/api/v1/…` or `/apis/<group>/<version>/…`, namespaced when a namespace is given. */
function resourcePath(apiVersion, plural, namespace, name) {
    const base = apiVersion.includes('/') ? `/apis/${apiVersion}` : `/api/${apiVersion}`;
    const scoped = namespace
        ? `${base}/namespaces/${encodeURIComponent(namespace)}/${plural}`
        : `${base}/${plural}`;
    return name ? `${scoped}/${encodeURIComponent(name)}` : scoped;
}
/** The API paths of the Flux kinds the action follows. */
const FLUX_KINDS = {
    Kustomization: { apiVersion: 'kustomize.toolkit.fluxcd.io/v1', plural: 'kustomizations' },
    HelmRelease: { apiVersion: 'helm.toolkit.fluxcd.io/v2', plural: 'helmreleases' },
    GitRepository: { apiVersion: 'source.toolkit.fluxcd.io/v1', plural: 'gitrepositories' },
};
const fluxPath = (kind, namespace, name) => resourcePath(FLUX_KINDS[kind].apiVersion, FLUX_KINDS[kind].plural, namespace, name);

;// CONCATENATED MODULE: ../../packages/addons/src/flux-state.ts
const emptyState = () => ({
    Kustomization: new Map(),
    HelmRelease: new Map(),
    GitRepository: new Map(),
    crds: new Map(),
});
const refKey = (ref) => `${ref.kind}/${ref.namespace}/${ref.name}`;
const refLabel = (ref) => `${ref.kind} ${ref.namespace}/${ref.name}`;
const objectKey = (object) => `${object.metadata.namespace ?? ''}/${object.metadata.name}`;
const lookup = (state, ref) => state[ref.kind].get(`${ref.namespace}/${ref.name}`);
/** Records a watched object in the state (or removes it); CRDs are keyed by group and kind. */
function record(state, kind, type, object) {
    if (kind === 'CustomResourceDefinition') {
        const key = `${object.spec?.group}/${object.spec?.names?.kind}`;
        if (type === 'DELETED')
            state.crds.delete(key);
        else
            state.crds.set(key, object);
        return;
    }
    if (type === 'DELETED')
        state[kind].delete(objectKey(object));
    else
        state[kind].set(objectKey(object), object);
}
function condition(object, type) {
    return object?.status?.conditions?.find((c) => c.type === type);
}
/** Flux's inventory id: `<namespace>_<name>_<group>_<kind>` (namespace empty when cluster-scoped). */
function parseInventoryId(id) {
    const parts = id.split('_');
    if (parts.length !== 4)
        return undefined;
    const [namespace, name, group, kind] = parts;
    return { namespace, name, group, kind };
}
const BUILTIN_GROUPS = new Set([
    '',
    'apps',
    'batch',
    'autoscaling',
    'policy',
    'rbac.authorization.k8s.io',
    'networking.k8s.io',
    'apiextensions.k8s.io',
    'admissionregistration.k8s.io',
    'storage.k8s.io',
    'coordination.k8s.io',
    'scheduling.k8s.io',
    'node.k8s.io',
    'discovery.k8s.io',
    'certificates.k8s.io',
    'events.k8s.io',
    'apiregistration.k8s.io',
]);
function inventoryEntries(object) {
    const entries = (object?.status?.inventory?.entries ?? []);
    return entries.map((e) => parseInventoryId(e.id)).filter((e) => e !== undefined);
}
/** The objects the root reaches: what each Kustomization applied, what each depends on, their sources. */
function reach(state, root) {
    const seen = new Map();
    const queue = [root];
    while (queue.length > 0) {
        const ref = queue.shift();
        if (seen.has(refKey(ref)))
            continue;
        seen.set(refKey(ref), ref);
        const object = lookup(state, ref);
        if (!object || ref.kind === 'GitRepository')
            continue;
        for (const dependency of (object.spec?.dependsOn ?? []))
            queue.push({ kind: ref.kind, namespace: dependency.namespace ?? ref.namespace, name: dependency.name });
        if (ref.kind === 'Kustomization') {
            const source = object.spec?.sourceRef;
            if (source?.kind === 'GitRepository' && source.name)
                queue.push({ kind: 'GitRepository', namespace: source.namespace ?? ref.namespace, name: source.name });
            for (const entry of inventoryEntries(object)) {
                if (entry.group === 'kustomize.toolkit.fluxcd.io' && entry.kind === 'Kustomization')
                    queue.push({ kind: 'Kustomization', namespace: entry.namespace, name: entry.name });
                if (entry.group === 'helm.toolkit.fluxcd.io' && entry.kind === 'HelmRelease')
                    queue.push({ kind: 'HelmRelease', namespace: entry.namespace, name: entry.name });
            }
        }
    }
    return [...seen.values()];
}
/** The Kustomization that applied `ref` (the one whose inventory lists it). */
function ownerOf(state, ref) {
    const group = ref.kind === 'HelmRelease' ? 'helm.toolkit.fluxcd.io' : 'kustomize.toolkit.fluxcd.io';
    for (const ks of state.Kustomization.values())
        if (inventoryEntries(ks).some((e) => e.kind === ref.kind && e.group === group && e.namespace === ref.namespace && e.name === ref.name))
            return ks;
    return undefined;
}
/** A Kustomization that has not yet attempted the revision its source has: what it shows is from before. */
function behindSource(state, kustomization) {
    if (!kustomization)
        return false;
    const source = kustomization.spec?.sourceRef;
    const revision = state.GitRepository.get(`${source?.namespace ?? kustomization.metadata.namespace}/${source?.name}`)?.status?.artifact?.revision;
    return revision !== undefined && kustomization.status?.lastAttemptedRevision !== revision;
}
/** Custom kinds in the object's inventory whose CRD is not (yet) Established. */
function crdsNotEstablished(state, object) {
    const pending = new Set();
    for (const entry of inventoryEntries(object)) {
        if (BUILTIN_GROUPS.has(entry.group) || entry.kind === 'CustomResourceDefinition')
            continue;
        const crd = state.crds.get(`${entry.group}/${entry.kind}`);
        const established = crd?.status?.conditions?.some((c) => c.type === 'Established' && c.status === 'True');
        if (!established)
            pending.add(`${entry.kind}.${entry.group}`);
    }
    return [...pending].sort();
}
const current = (object) => object.status?.observedGeneration !== undefined &&
    object.status.observedGeneration >= (object.metadata.generation ?? 0);
/** Reasons after which Flux only tries again when something changes: worth failing at once. */
// HealthCheckFailed is not among them: what it waited for may still become ready, and the
// Kustomization passes at its next attempt (which the tree asks for once it has).
const KUSTOMIZATION_FAILURES = new Set(['BuildFailed', 'PruneFailed']);
const SOURCE_FAILURES = new Set([
    'AuthenticationFailed',
    'GitOperationFailed',
    'URLInvalid',
    'StorageOperationFailed',
]);
function fromReady(object, waitingFor) {
    const ready = condition(object, 'Ready');
    if (!ready)
        return { state: 'waiting', message: waitingFor };
    return {
        state: ready.status === 'True' ? 'ready' : 'waiting',
        message: ready.message ?? ready.reason ?? '',
        reason: ready.reason,
        since: ready.lastTransitionTime,
    };
}
/** Whether `ref` is ready as Flux reports it, with the revision its source has. */
function judge(state, ref) {
    const object = lookup(state, ref);
    if (!object)
        return { state: 'waiting', message: 'not created yet' };
    if (object.spec?.suspend === true)
        return { state: 'failed', message: `suspended: Flux does not reconcile it until it is resumed` };
    const controller = {
        Kustomization: 'kustomize-controller',
        HelmRelease: 'helm-controller',
        GitRepository: 'source-controller',
    }[ref.kind];
    const verdict = fromReady(object, `waiting for ${controller}`);
    if (!current(object) && verdict.state === 'ready')
        return {
            ...verdict,
            state: 'waiting',
            message: `generation ${object.metadata.generation} not reconciled yet`,
        };
    if (ref.kind === 'GitRepository') {
        if (verdict.state !== 'ready' && verdict.reason && SOURCE_FAILURES.has(verdict.reason) && current(object))
            return { ...verdict, state: 'failed' };
        return verdict;
    }
    if (ref.kind === 'HelmRelease') {
        const stalled = condition(object, 'Stalled');
        if (stalled?.status === 'True')
            return {
                state: 'failed',
                message: stalled.message ?? '',
                reason: stalled.reason,
                since: stalled.lastTransitionTime,
            };
    }
    else if (verdict.state === 'waiting' && verdict.reason && current(object)) {
        if (KUSTOMIZATION_FAILURES.has(verdict.reason))
            return { ...verdict, state: 'failed' };
        if (verdict.reason === 'ReconciliationFailed' && !/no matches for kind/.test(verdict.message))
            return { ...verdict, state: 'failed' };
    }
    if (verdict.state !== 'ready')
        return verdict;
    if (ref.kind === 'Kustomization') {
        const source = object.spec?.sourceRef;
        const revision = state.GitRepository.get(`${source?.namespace ?? ref.namespace}/${source?.name}`)?.status
            ?.artifact?.revision;
        if (revision && object.status?.lastAppliedRevision !== revision)
            return {
                ...verdict,
                state: 'waiting',
                message: `applied ${object.status?.lastAppliedRevision ?? 'nothing'}, the source has ${revision}`,
            };
    }
    const pending = crdsNotEstablished(state, object);
    if (pending.length)
        return { ...verdict, state: 'waiting', message: `CRDs not Established yet: ${pending.join(', ')}` };
    return verdict;
}
/** A HelmRelease stalled on exhausted retries although its spec changed since the last attempt. */
function stalledWithNewSpec(object) {
    const stalled = condition(object, 'Stalled');
    return (stalled?.status === 'True' &&
        stalled.reason === 'RetriesExceeded' &&
        object?.status?.lastAttemptedGeneration !== undefined &&
        object.status.lastAttemptedGeneration < (object.metadata.generation ?? 0));
}
/** The kind a Kustomization failed on with "no matches for kind", now that its CRD is Established. */
function kindNowServed(state, object) {
    const message = condition(object, 'Ready')?.message ?? '';
    for (const match of message.matchAll(/no matches for kind "([^"]+)" in version "([^"]+)"/g)) {
        const [, kind, apiVersion] = match;
        const group = apiVersion.includes('/') ? apiVersion.split('/')[0] : '';
        const crd = state.crds.get(`${group}/${kind}`);
        if (crd?.status?.conditions?.some((c) => c.type === 'Established' && c.status === 'True'))
            return `${kind}.${group}`;
    }
    return undefined;
}
/**
 * A Kustomization whose health check timed out although everything Flux-managed it applied is
 * ready by now: it would pass only at its next interval.
 */
function healthCheckStale(state, object) {
    const ready = condition(object, 'Ready');
    if (ready?.status !== 'False' || ready.reason !== 'HealthCheckFailed')
        return false;
    const children = inventoryEntries(object).filter((e) => (e.group === 'helm.toolkit.fluxcd.io' && e.kind === 'HelmRelease') ||
        (e.group === 'kustomize.toolkit.fluxcd.io' && e.kind === 'Kustomization'));
    return children.every((e) => judge(state, { kind: e.kind, namespace: e.namespace, name: e.name }).state === 'ready');
}
function addonRow(state, ref) {
    const object = lookup(state, ref);
    const chart = object?.spec?.chart?.spec ?? {};
    const history = (object?.status?.history ?? []);
    const verdict = judge(state, ref);
    return {
        name: ref.name,
        namespace: ref.namespace,
        chart: String(chart.chart ?? object?.spec?.chartRef?.name ?? ''),
        pinned: String(chart.version ?? '*'),
        running: history.find((h) => h.status === 'deployed')?.chartVersion ?? '',
        ready: verdict.state === 'ready',
        message: verdict.message,
        ...(verdict.since ? { since: verdict.since } : {}),
    };
}

;// CONCATENATED MODULE: ../../packages/addons/src/check.ts



const EXACT = /^v?\d+\.\d+\.\d+(?:[-+][0-9A-Za-z.+-]+)?$/;
/** The Flux objects of the cluster, read once. */
async function readFluxState(cluster) {
    const state = emptyState();
    for (const kind of ['GitRepository', 'Kustomization', 'HelmRelease']) {
        const { apiVersion, plural } = FLUX_KINDS[kind];
        for (const object of await cluster.list(resourcePath(apiVersion, plural)).catch(() => []))
            record(state, kind, 'ADDED', object);
    }
    for (const crd of await cluster.list(resourcePath('apiextensions.k8s.io/v1', 'customresourcedefinitions')))
        record(state, 'CustomResourceDefinition', 'ADDED', crd);
    return state;
}
function driftOf(state, root, fluxPlan, gitRevision) {
    const drift = [];
    if (fluxPlan.action === 'install')
        drift.push('Flux is not installed');
    else
        drift.push(...fluxPlan.changes.map((change) => `Flux: ${change}`));
    const reached = reach(state, root);
    if (!lookup(state, root))
        drift.push(`${refLabel(root)} does not exist: the cluster is not synced with Git`);
    const sourceRef = lookup(state, root)?.spec?.sourceRef;
    for (const ref of reached) {
        const object = lookup(state, ref);
        if (!object)
            continue;
        const verdict = judge(state, ref);
        if (verdict.state !== 'ready')
            drift.push(`${refLabel(ref)} is not ready: ${(0,inert/* inert */.t)(verdict.message)}`);
        if (ref.kind === 'GitRepository' &&
            ref.name === sourceRef?.name &&
            object.status?.artifact?.revision !== gitRevision)
            drift.push(`${refLabel(ref)} has ${(0,inert/* inert */.t)(object.status?.artifact?.revision ?? 'no artifact')}, Git has ${gitRevision}`);
        if (ref.kind === 'Kustomization' &&
            (object.spec?.sourceRef?.name ?? '') === sourceRef?.name &&
            object.status?.lastAppliedRevision !== gitRevision)
            drift.push(`${refLabel(ref)} applied ${(0,inert/* inert */.t)(object.status?.lastAppliedRevision ?? 'nothing')}, Git has ${gitRevision}`);
    }
    const addons = reached.filter((ref) => ref.kind === 'HelmRelease').map((ref) => addonRow(state, ref));
    for (const addon of addons) {
        if (EXACT.test(addon.pinned) && addon.running && addon.running !== addon.pinned.replace(/^v/, ''))
            drift.push(`HelmRelease ${addon.namespace}/${addon.name} runs ${addon.chart} ${addon.running}, Git pins ${addon.pinned}`);
    }
    return { state, reached, addons, drift };
}

// EXTERNAL MODULE: ../../packages/action-kit/src/spawn.ts
var src_spawn = __webpack_require__(6001);
// EXTERNAL MODULE: ../../packages/action-kit/src/exec.ts
var exec = __webpack_require__(4901);
;// CONCATENATED MODULE: ../../packages/addons/src/flux-chart.ts




/**
 * Flux itself, the one thing the action installs directly: the flux2 chart at the pinned version
 * with the real helm. The same chart version and values mean no helm upgrade at all, so a rerun
 * changes nothing in the cluster.
 */
const FLUX_RELEASE = 'flux';
const FLUX_CHART = 'flux2';
function chartArgs(chart) {
    return chart.repository.startsWith('oci://')
        ? [`${chart.repository}/${FLUX_CHART}`, '--version', chart.version]
        : [FLUX_CHART, '--repo', chart.repository, '--version', chart.version];
}
async function helm(run, args, quiet = true) {
    return (0,src_spawn/* spawnArgv */.wQ)(run.helm.file, [...args, ...(run.context ? ['--kube-context', run.context] : [])], {
        env: run.env,
        quiet,
    });
}
/**
 * The chart's metadata from its repository, before anything is installed: an unknown version is the
 * user's mistake (named by its input), an unreachable repository too.
 */
async function showFluxChart(run, chart) {
    const result = await helm(run, ['show', 'chart', ...chartArgs(chart)]);
    if (result.exitCode !== 0) {
        const detail = (0,inert/* inert */.t)((0,exec/* tail */.RT)(result.stderr, 3));
        if (/not found|no chart version|no matching version|manifest unknown/i.test(result.stderr))
            throw new errors/* ConfigurationError */.j(`Input 'flux-chart-version': ${chart.repository} has no ${FLUX_CHART} chart at version ${chart.version} (helm: ${detail})`);
        throw new errors/* ConfigurationError */.j(`Input 'flux-chart-repository': the ${FLUX_CHART} chart could not be read from ${chart.repository} (helm: ${detail})`);
    }
    const metadata = (0,dist.parse)(result.stdout, { maxAliasCount: 10 });
    return { appVersion: String(metadata?.appVersion ?? 'unknown') };
}
/** The installed release, or undefined when there is none. */
async function currentFluxRelease(run, namespace) {
    const list = await helm(run, [
        'list',
        '-n',
        namespace,
        '--deployed',
        '--failed',
        '--pending',
        '-o',
        'json',
        '--filter',
        `^${FLUX_RELEASE}$`,
    ]);
    if (list.exitCode !== 0)
        throw new Error(`helm list failed: ${(0,inert/* inert */.t)((0,exec/* tail */.RT)(list.stderr, 3))}`);
    const releases = JSON.parse(list.stdout || '[]');
    const release = releases.find((r) => r.name === FLUX_RELEASE);
    if (!release)
        return undefined;
    const values = await helm(run, ['get', 'values', FLUX_RELEASE, '-n', namespace, '-o', 'json']);
    if (values.exitCode !== 0)
        throw new Error(`helm get values failed: ${(0,inert/* inert */.t)((0,exec/* tail */.RT)(values.stderr, 3))}`);
    return {
        chartVersion: release.chart.startsWith(`${FLUX_CHART}-`)
            ? release.chart.slice(FLUX_CHART.length + 1)
            : release.chart,
        appVersion: release.app_version,
        status: release.status,
        revision: Number(release.revision),
        values: JSON.parse(values.stdout || 'null') ?? {},
    };
}
function canonical(value) {
    if (Array.isArray(value))
        return `[${value.map(canonical).join(',')}]`;
    if (value && typeof value === 'object')
        return `{${Object.keys(value)
            .sort()
            .map((k) => `${JSON.stringify(k)}:${canonical(value[k])}`)
            .join(',')}}`;
    return JSON.stringify(value);
}
/** The top-level value keys that differ, so a plan says what moves without printing values. */
function changedKeys(before, after) {
    return [...new Set([...Object.keys(before), ...Object.keys(after)])]
        .filter((key) => canonical(before[key]) !== canonical(after[key]))
        .sort();
}
/** What apply would do to Flux's release: nothing when the chart version, values and status agree. */
function planFlux(current, chart, appVersion) {
    if (!current)
        return {
            action: 'install',
            changes: [
                `install ${FLUX_CHART} ${chart.version} (Flux ${appVersion}) as release ${chart.namespace}/${FLUX_RELEASE}`,
            ],
            appVersion,
        };
    const changes = [];
    if (current.chartVersion !== chart.version)
        changes.push(`chart ${FLUX_CHART} ${current.chartVersion} → ${chart.version} (Flux ${current.appVersion} → ${appVersion})`);
    const keys = changedKeys(current.values, chart.values);
    if (keys.length)
        changes.push(`values changed: ${keys.join(', ')}`);
    if (current.status !== 'deployed')
        changes.push(`release status is ${current.status}, not deployed`);
    return { action: changes.length ? 'upgrade' : 'none', changes, current, appVersion };
}
/** `helm upgrade --install … --wait`: the controllers are Available when it returns. */
async function applyFlux(run, chart, timeoutMs) {
    const valuesFile = (0,external_node_path_.join)(run.workDir, 'flux-values.yaml');
    (0,external_node_fs_.writeFileSync)(valuesFile, (0,dist/* stringify */.As)(chart.values), { mode: 0o600 });
    const seconds = Math.max(30, Math.floor(timeoutMs / 1000));
    const result = await (0,src_spawn/* spawnArgv */.wQ)(run.helm.file, [
        'upgrade',
        '--install',
        FLUX_RELEASE,
        ...chartArgs(chart),
        '--namespace',
        chart.namespace,
        '--create-namespace',
        '--values',
        valuesFile,
        '--wait',
        '--timeout',
        `${seconds}s`,
        ...(run.context ? ['--kube-context', run.context] : []),
    ], { env: run.env });
    const output = (0,inert/* inertLines */.w)(result.stdout.trim());
    if (output)
        for (const line of output.split('\n').slice(0, 20))
            run.log(`  ${line}`);
    if (result.interrupted)
        throw new Error(`helm upgrade was stopped (${result.interrupted})`);
    if (result.exitCode !== 0)
        throw new Error(`helm upgrade --install ${FLUX_RELEASE} failed: ${(0,inert/* inert */.t)((0,exec/* tail */.RT)(result.stderr, 5))}`);
}

// EXTERNAL MODULE: ../../packages/action-kit/src/secrets.ts
var secrets = __webpack_require__(1575);
// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(1455);
;// CONCATENATED MODULE: ../../packages/gitops/src/git-process.ts


/**
 * Network trouble worth another attempt, as git reports it: a 5xx, 429 or 408 answer, a connection
 * reset or refused, a stall (http.lowSpeedTime), a TLS or name lookup hiccup.
 */
const TRANSIENT = /returned error: (5\d\d|429|408)|HTTP (5\d\d|429|408)|curl (6|7|18|28|35|52|55|56|92)\b|connection reset|empty reply from server|operation too slow|timed out|couldn't connect to server|failed to connect|could not resolve host|transfer closed with outstanding read data|ssl_error_syscall|gnutls_handshake|stream \d+ was not closed cleanly/i;
/** A git command that failed; `transient` when another attempt may well succeed. */
class git_process_GitFailure extends Error {
    command;
    stderr;
    aborted;
    name = 'GitFailure';
    transient;
    constructor(command, stderr, 
    /** Stopped by the caller's signal rather than failed by itself. */
    aborted = false) {
        const detail = (0,exec/* tail */.RT)(stderr, 3).replace(/\s*\n\s*/g, ' | ');
        super((0,secrets/* mask */.dK)(`${command} failed${aborted ? ' (stopped)' : ''}${detail ? `: ${detail}` : ''}`));
        this.command = command;
        this.stderr = stderr;
        this.aborted = aborted;
        this.transient = !aborted && TRANSIENT.test(stderr);
    }
    /** The most telling line of git's error output, for a retry message. */
    get reason() {
        const lines = this.stderr.split('\n').map((line) => line.trim());
        const best = lines.find((line) => TRANSIENT.test(line)) ?? lines.reverse().find((line) => line.startsWith('fatal:'));
        return (0,secrets/* mask */.dK)((best ?? 'no error output').replace(/^(fatal|error): /, ''));
    }
}
/** Describes a command for the debug log: `git fetch …` without the environment. */
const git_process_describe = (args) => `git ${args.join(' ')}`;
/**
 * Starts git with an argument array (never a shell) in a process group of its own, so that a stop
 * takes its transport helpers along. The signal kills the group.
 */
function git_process_spawnGit(context, args, signal) {
    const child = spawn('git', args, {
        cwd: context.cwd,
        env: { ...process.env, ...context.env },
        stdio: ['pipe', 'pipe', 'pipe'],
        detached: true,
    });
    const stop = () => {
        try {
            if (child.pid !== undefined && child.exitCode === null)
                process.kill(-child.pid, 'SIGKILL');
        }
        catch {
            // Already gone.
        }
    };
    if (signal?.aborted)
        stop();
    signal?.addEventListener('abort', stop, { once: true });
    child.once('close', () => signal?.removeEventListener('abort', stop));
    // A stopped process no longer reads its input.
    child.stdin.on('error', () => { });
    return child;
}
/** Runs one git command to the end; a non-zero exit throws a GitFailure unless `allowFailure`. */
function git_process_runGit(context, args, options = {}) {
    const started = performance.now();
    const child = git_process_spawnGit(context, args, options.signal);
    const stdout = [];
    const stderr = [];
    child.stdout.on('data', (chunk) => stdout.push(chunk));
    child.stderr.on('data', (chunk) => stderr.push(chunk));
    child.stdin.end(options.input);
    return new Promise((resolve, reject) => {
        child.once('error', (error) => reject(new git_process_GitFailure(git_process_describe(args), error.message)));
        child.once('close', (code) => {
            const output = {
                exitCode: code ?? 128,
                stdout: Buffer.concat(stdout).toString('utf8'),
                stderr: Buffer.concat(stderr).toString('utf8'),
            };
            const bytes = stdout.reduce((sum, chunk) => sum + chunk.length, 0);
            context.debug?.(mask(`${git_process_describe(args)}: exit ${output.exitCode} in ${Math.round(performance.now() - started)} ms, ${bytes} bytes out`));
            if (output.exitCode === 0 || options.allowFailure)
                resolve(output);
            else
                reject(new git_process_GitFailure(git_process_describe(args), output.stderr, !!options.signal?.aborted));
        });
    });
}

;// CONCATENATED MODULE: ../../packages/gitops/src/fast-import.ts

/** A file larger than the caller allows; nothing of it has been read. */
class BlobTooLarge extends Error {
    size;
    constructor(size) {
        super(`the file is ${size} bytes`);
        this.size = size;
    }
}
/** A path in fast-import's quoted form (control characters are refused before they get here). */
const quote = (path) => `"${path.replace(/["\\]/g, '\\$&')}"`;
const ARGS = (/* unused pure expression or super */ null && (['fast-import', '--quiet', '--done', '--force', '--date-format=now']));
/**
 * One `git fast-import` process that looks up a path, reads a blob (fetched on demand from the
 * promisor remote in a blob-less clone) and writes a commit that replaces one file, reusing every
 * other tree of its parent. One process instead of a dozen (ls-tree, cat-file, hash-object, mktree
 * per directory level, commit-tree), and nothing proportional to the size of the repository.
 */
class fast_import_FastImport {
    child;
    stderr = [];
    replies;
    exited;
    constructor(context, signal) {
        const started = performance.now();
        this.child = spawnGit(context, ARGS, signal);
        this.child.stderr.on('data', (chunk) => this.stderr.push(chunk));
        this.exited = new Promise((resolve) => this.child.once('close', (code) => {
            context.debug?.(`git ${ARGS.join(' ')}: exit ${code ?? 'by signal'} in ${Math.round(performance.now() - started)} ms`);
            resolve(code ?? 128);
        }));
        this.replies = new Replies(this.child, () => this.failure(signal));
    }
    /** The entry at `path` in a commit or tree, or undefined when there is none. */
    async entry(treeish, path) {
        this.send(`ls ${treeish} ${quote(path)}\n`);
        const line = await this.replies.line();
        if (line.startsWith('missing '))
            return undefined;
        const [mode, type, sha] = line.slice(0, line.indexOf('\t')).split(' ');
        if (!mode || !type || !sha)
            throw new Error(`internal: unexpected fast-import answer '${line}'`);
        return { mode, type, sha };
    }
    /** A blob's bytes; a blob over `maxBytes` throws BlobTooLarge before its content is read. */
    async blob(sha, maxBytes) {
        this.send(`cat-blob ${sha}\n`);
        const header = await this.replies.line();
        const size = Number(header.split(' ')[2]);
        if (!Number.isSafeInteger(size))
            throw new Error(`internal: unexpected fast-import answer '${header}'`);
        if (size > maxBytes) {
            await this.abort();
            throw new BlobTooLarge(size);
        }
        const content = await this.replies.bytes(size + 1);
        return content.subarray(0, size);
    }
    /** Writes the commit and returns its id; it is on disk once `finish()` resolves. */
    async commit(commit) {
        const person = `${commit.author.name} <${commit.author.email}> now`;
        const message = Buffer.from(commit.message);
        this.send(`commit refs/bump/work\nmark :1\nauthor ${person}\ncommitter ${person}\n`);
        this.send(`data ${message.length}\n`);
        this.send(message);
        this.send(`\nfrom ${commit.parent}\nM ${commit.mode} inline ${quote(commit.path)}\n`);
        this.send(`data ${commit.content.length}\n`);
        this.send(commit.content);
        this.send('\nget-mark :1\n');
        return (await this.replies.line()).trim();
    }
    /** Ends the stream and waits until fast-import has written its pack and exited. */
    async finish() {
        this.send('done\n');
        this.child.stdin.end();
        if ((await this.exited) !== 0)
            throw this.failure();
    }
    /** Stops the process (nothing it wrote is used); waits until it is gone. */
    async abort() {
        try {
            if (this.child.pid !== undefined && this.child.exitCode === null)
                process.kill(-this.child.pid, 'SIGKILL');
        }
        catch {
            // Already gone.
        }
        await this.exited;
    }
    send(data) {
        this.child.stdin.write(data);
    }
    failure(signal) {
        return new GitFailure(`git ${ARGS.join(' ')}`, Buffer.concat(this.stderr).toString('utf8'), !!signal?.aborted);
    }
}
/** fast-import's answers on its standard output, read as lines and counted bytes. */
class Replies {
    failure;
    chunks = [];
    length = 0;
    ended = false;
    wake = () => { };
    constructor(child, failure) {
        this.failure = failure;
        child.stdout.on('data', (chunk) => {
            this.chunks.push(chunk);
            this.length += chunk.length;
            this.wake();
        });
        child.once('close', () => {
            this.ended = true;
            this.wake();
        });
    }
    async line() {
        for (;;) {
            const joined = this.chunks.length > 1 ? Buffer.concat(this.chunks) : this.chunks[0];
            const newline = joined ? joined.indexOf(10) : -1;
            if (joined && newline >= 0) {
                this.take(joined, newline + 1);
                return joined.subarray(0, newline).toString('utf8');
            }
            await this.more();
        }
    }
    async bytes(count) {
        while (this.length < count)
            await this.more();
        const joined = Buffer.concat(this.chunks);
        this.take(joined, count);
        return joined.subarray(0, count);
    }
    take(joined, count) {
        const rest = joined.subarray(count);
        this.chunks = rest.length ? [rest] : [];
        this.length = rest.length;
    }
    more() {
        if (this.ended)
            return Promise.reject(this.failure());
        return new Promise((resolve) => {
            this.wake = resolve;
        });
    }
}

;// CONCATENATED MODULE: ../../packages/gitops/src/git.ts





/**
 * How long a transfer may stall (less than a byte a second) before git gives up, so that a silent
 * server costs an attempt, not the job's whole timeout. Git's servers send keep-alives every few
 * seconds while they work. GIT_HTTP_LOW_SPEED_TIME in the environment overrides it.
 */
const STALL_SECONDS = 30;
/**
 * What git needs in its environment: the remote, the auth header, no prompts, no signing, no
 * background gc in a folder about to be removed; all as configuration through GIT_CONFIG_*.
 */
function gitEnvironment(options) {
    const env = {
        GIT_TERMINAL_PROMPT: '0',
        GIT_AUTHOR_NAME: options.author.name,
        GIT_AUTHOR_EMAIL: options.author.email,
        GIT_COMMITTER_NAME: options.author.name,
        GIT_COMMITTER_EMAIL: options.author.email,
    };
    const config = [
        ['remote.origin.url', options.remoteUrl],
        ['commit.gpgsign', 'false'],
        ['gc.auto', '0'],
        ['maintenance.auto', 'false'],
        // fast-import keeps its few objects as a pack instead of starting unpack-objects for them.
        ['fastimport.unpackLimit', '0'],
        ['http.lowSpeedLimit', '1'],
        ['http.lowSpeedTime', String(STALL_SECONDS)],
    ];
    if (options.token && /^https?:\/\//.test(options.remoteUrl)) {
        const origin = new URL(options.remoteUrl);
        const basic = Buffer.from(`x-access-token:${options.token}`).toString('base64');
        // Scoped to the remote's origin, so the header never travels to another host.
        config.push([`http.${origin.protocol}//${origin.host}/.extraheader`, `AUTHORIZATION: basic ${basic}`]);
    }
    env.GIT_CONFIG_COUNT = String(config.length);
    config.forEach(([key, value], i) => {
        env[`GIT_CONFIG_KEY_${i}`] = key;
        env[`GIT_CONFIG_VALUE_${i}`] = value;
    });
    return env;
}
const REJECTED = /\[rejected\]|non-fast-forward|fetch first|cannot lock ref|failed to update ref|stale info|\[remote rejected\].*(lock|ref)/i;
/** The few git commands a bump needs, each one process, in one temporary bare repository. */
class Git {
    context;
    constructor(options) {
        const env = gitEnvironment(options);
        // The header value is as secret as the token it encodes.
        for (const [key, value] of Object.entries(env)) {
            if (key.startsWith('GIT_CONFIG_KEY_') && value.endsWith('.extraheader')) {
                registerSecret(env[key.replace('_KEY_', '_VALUE_')]);
            }
        }
        this.context = { cwd: options.cwd, env, debug: options.debug };
    }
    /** An empty bare repository, without the sample hooks a template would copy. */
    async init(signal) {
        await runGit(this.context, ['init', '-q', '--bare', '--template='], { signal });
    }
    /** The heads of these branches on the remote (absent ones left out), in one round trip. */
    async remoteHeads(branches, signal) {
        const { stdout } = await runGit(this.context, ['ls-remote', '--heads', 'origin', ...branches.map((b) => `refs/heads/${b}`)], { signal });
        const heads = new Map();
        for (const line of stdout.split('\n')) {
            const [sha, ref] = line.split('\t');
            if (sha && ref?.startsWith('refs/heads/'))
                heads.set(ref.slice('refs/heads/'.length), sha);
        }
        return heads;
    }
    /**
     * The newest commit of the branch and its trees, but no file contents: a shallow, blob-less
     * fetch. Returns the commit (from FETCH_HEAD, a file in every ref format). The one file we edit
     * is fetched on demand when it is read.
     */
    async fetch(branch, signal) {
        await runGit(this.context, ['fetch', '-q', '--depth', '1', '--filter=blob:none', '--no-tags', 'origin', `refs/heads/${branch}`], { signal });
        const head = /^[0-9a-f]{40,64}/.exec(await readFile(join(this.context.cwd, 'FETCH_HEAD'), 'utf8'));
        if (!head)
            throw new Error(`internal: no commit in FETCH_HEAD after fetching ${branch}`);
        return head[0];
    }
    /** A fast-import session for reading the file and writing the commit. */
    session(signal) {
        return new FastImport(this.context, signal);
    }
    /** A fast-forward-only push (never forced). `ok: false` when the remote moved on first. */
    async push(commit, branch, signal) {
        const args = ['push', '--porcelain', 'origin', `${commit}:refs/heads/${branch}`];
        const result = await runGit(this.context, args, { signal, allowFailure: true });
        if (result.exitCode === 0)
            return { ok: true };
        const text = `${result.stdout}\n${result.stderr}`;
        if (!signal?.aborted && REJECTED.test(text)) {
            const line = text.split('\n').find((l) => /rejected|lock|fast-forward/.test(l));
            return { ok: false, reason: line?.trim() ?? 'rejected' };
        }
        throw new GitFailure(`git ${args.join(' ')}`, result.stderr, !!signal?.aborted);
    }
}

;// CONCATENATED MODULE: ../../packages/addons/src/gitops-preflight.ts




const gitops_preflight_quote = (path) => {
    if (path.includes("'"))
        throw new Error(`a temporary path holds a quote: ${path}`);
    return `'${path}'`;
};
function environment(options) {
    const env = gitEnvironment({
        remoteUrl: options.source.url,
        token: options.token,
        author: { name: 'bootstrap-addons', email: 'bootstrap-addons@users.noreply.github.com' },
    });
    // The header encodes the token: as secret as the token itself.
    for (const [key, value] of Object.entries(env))
        if (key.startsWith('GIT_CONFIG_KEY_') && value.endsWith('.extraheader'))
            (0,secrets/* registerSecret */.cl)(env[key.replace('_KEY_', '_VALUE_')]);
    if (options.deployKey) {
        const key = (0,external_node_path_.join)(options.workDir, 'deploy-key');
        const knownHosts = (0,external_node_path_.join)(options.workDir, 'deploy-known-hosts');
        const text = options.deployKey.key.replace(/\r\n/g, '\n');
        (0,external_node_fs_.writeFileSync)(key, text.endsWith('\n') ? text : `${text}\n`, { mode: 0o600, flag: 'wx' });
        (0,external_node_fs_.writeFileSync)(knownHosts, options.deployKey.knownHosts, { mode: 0o600, flag: 'wx' });
        // git runs this through a shell: only the action's own file names go in, quoted.
        env.GIT_SSH_COMMAND = `ssh -F none -o BatchMode=yes -o IdentitiesOnly=yes -o StrictHostKeyChecking=yes -o UserKnownHostsFile=${gitops_preflight_quote(knownHosts)} -o GlobalKnownHostsFile=/dev/null -i ${gitops_preflight_quote(key)}`;
    }
    return env;
}
async function readGitopsHead(options) {
    const dir = (0,external_node_path_.join)(options.workDir, 'gitops-preflight');
    (0,external_node_fs_.mkdirSync)(dir, { recursive: true });
    const env = environment(options);
    const git = (args) => (0,src_spawn/* spawnArgv */.wQ)('git', ['-C', dir, ...args], { env, quiet: true });
    await git(['init', '-q']);
    const fetched = await git([
        'fetch',
        '-q',
        '--depth=1',
        '--filter=blob:none',
        '--no-tags',
        '--',
        options.source.url,
        `refs/heads/${options.branch}`,
    ]);
    if (fetched.exitCode !== 0) {
        const said = (0,inert/* inert */.t)((0,exec/* tail */.RT)(fetched.stderr, 2));
        if (/couldn't find remote ref|not our ref/i.test(fetched.stderr))
            throw new errors/* ConfigurationError */.j(`Input 'gitops-branch': ${options.source.display} has no branch '${options.branch}' (git: ${said})`);
        const credential = options.deployKey
            ? "'gitops-deploy-key'"
            : options.token
                ? "'gitops-token'"
                : 'a gitops-token or gitops-deploy-key';
        throw new errors/* ConfigurationError */.j(`Input 'gitops-repository': ${options.source.display} could not be read with ${credential} (git: ${said})`);
    }
    const sha = (await git(['rev-parse', 'FETCH_HEAD'])).stdout.trim();
    const listed = await git(['ls-tree', '-d', '--name-only', 'FETCH_HEAD', '--', options.path]);
    if (listed.exitCode !== 0 || listed.stdout.trim() !== options.path)
        throw new errors/* ConfigurationError */.j(`Input 'gitops-path': ${options.path} is not a folder on branch '${options.branch}' of ${options.source.display} (commit ${sha.slice(0, 12)})`);
    return { sha, revision: `${options.branch}@sha1:${sha}` };
}

// EXTERNAL MODULE: external "node:zlib"
var external_node_zlib_ = __webpack_require__(8522);
;// CONCATENATED MODULE: ../../packages/addons/src/helm.ts





/**
 * The helm the action runs, always the version it pins: a helm of another version is never used
 * silently (setup-helm's trap: asking for one version and running another). The helm named by the
 * `helm` input, or found on PATH, is asked for its version; on a runner without the pinned one, the
 * action installs it from get.helm.sh, checked against the checksum below, and asks again.
 */
/** get.helm.sh's published sha256 of each archive the action may install, by version and platform. */
const HELM_CHECKSUMS = {
    '4.1.4': {
        'linux-amd64': '70b2c30a19da4db264dfd68c8a3664e05093a361cefd89572ffb36f8abfa3d09',
        'linux-arm64': '13d03672be289045d2ff00e4e345d61de1c6f21c1257a45955a30e8ae036d8f1',
        'darwin-amd64': 'abf09c8503ad1d8ef76d3737a058c3456a998aae5f5966fce4bb3031aeb1654e',
        'darwin-arm64': '7c2eca678e8001fa863cdf8cbf6ac1b3799f9404a89eb55c08260ef5732e658d',
    },
};
/** `v4.1.4` as helm prints it, or undefined when the program is missing or says nothing usable. */
async function helmVersionOf(file) {
    try {
        const result = await (0,src_spawn/* spawnArgv */.wQ)(file, ['version', '--template', '{{.Version}}'], { quiet: true });
        const version = result.stdout.trim();
        return result.exitCode === 0 && /^v\d+\.\d+\.\d+/.test(version) ? version : undefined;
    }
    catch (error) {
        if (error instanceof src_spawn/* ProgramNotFoundError */.oo)
            return undefined;
        throw error;
    }
}
function platform() {
    const os = { linux: 'linux', darwin: 'darwin' }[process.platform];
    const arch = { x64: 'amd64', arm64: 'arm64' }[process.arch];
    return os && arch ? `${os}-${arch}` : undefined;
}
/** The file `name` inside a .tar.gz (ustar; what get.helm.sh serves). */
function fileFromTarGz(archive, name) {
    const tar = (0,external_node_zlib_.gunzipSync)(archive);
    let offset = 0;
    while (offset + 512 <= tar.length) {
        const header = tar.subarray(offset, offset + 512);
        if (header.every((byte) => byte === 0))
            return undefined;
        const field = (start, length) => header
            .subarray(start, start + length)
            .toString('utf8')
            .replace(/\0.*$/s, '');
        const prefix = field(345, 155);
        const entry = prefix ? `${prefix}/${field(0, 100)}` : field(0, 100);
        const size = Number.parseInt(field(124, 12).trim() || '0', 8);
        const body = offset + 512;
        if (entry.replace(/^\.\//, '') === name)
            return tar.subarray(body, body + size);
        offset = body + Math.ceil(size / 512) * 512;
    }
    return undefined;
}
async function download(options, target) {
    const where = platform();
    const checksums = options.checksums ?? HELM_CHECKSUMS;
    const expected = where ? checksums[options.version]?.[where] : undefined;
    if (!where || !expected) {
        const known = Object.keys(checksums).join(', ');
        throw new errors/* ConfigurationError */.j(`Input 'helm-version' ${options.version} has no pinned checksum for ${where ?? `${process.platform}/${process.arch}`} in this release of the action (it pins ${known}); put helm v${options.version} on PATH or name it in 'helm'`);
    }
    const base = options.downloadBase ?? 'https://get.helm.sh';
    const url = `${base}/helm-v${options.version}-${where}.tar.gz`;
    options.log(`Installing helm v${options.version} from ${url}`);
    const response = await fetch(url, { signal: options.signal ?? AbortSignal.timeout(120_000) });
    if (!response.ok)
        throw new Error(`Downloading ${url} failed: HTTP ${response.status}`);
    const archive = Buffer.from(await response.arrayBuffer());
    const actual = (0,external_node_crypto_.createHash)('sha256').update(archive).digest('hex');
    if (actual !== expected)
        throw new Error(`Refused ${url}: its sha256 is ${actual}, not the pinned ${expected}; nothing was installed`);
    const binary = fileFromTarGz(archive, `${where}/helm`);
    if (!binary)
        throw new Error(`${url} holds no ${where}/helm`);
    (0,external_node_fs_.mkdirSync)((0,external_node_path_.join)(target, '..'), { recursive: true });
    const partial = `${target}.${process.pid}.partial`;
    (0,external_node_fs_.writeFileSync)(partial, binary, { mode: 0o755 });
    (0,external_node_fs_.chmodSync)(partial, 0o755);
    (0,external_node_fs_.renameSync)(partial, target);
}
/**
 * The helm to run, of exactly `version`: the `helm` input (checked, never replaced), else `helm`
 * on PATH when it is that version, else the tool cache's, else a download (only where a tool cache
 * is given, i.e. on a runner). Every path ends with the version asked of the binary itself.
 */
async function resolveHelm(options) {
    const wanted = `v${options.version}`;
    if (options.given) {
        const found = await helmVersionOf(options.given);
        if (!found)
            throw new errors/* ConfigurationError */.j(`Input 'helm' names ${options.given}, which is not a helm that answers 'helm version'`);
        if (found !== wanted)
            throw new errors/* ConfigurationError */.j(`Input 'helm' names ${options.given}, which is helm ${(0,inert/* inert */.t)(found)}, not ${wanted} (input 'helm-version'); the action runs only the helm it pins`);
        return { file: options.given, version: found, origin: 'helm input' };
    }
    const onPath = await helmVersionOf('helm');
    if (onPath === wanted)
        return { file: 'helm', version: onPath, origin: 'PATH' };
    if (!options.toolCache)
        throw new errors/* ConfigurationError */.j(onPath
            ? `helm on PATH is ${(0,inert/* inert */.t)(onPath)}, not ${wanted} (input 'helm-version'); put helm ${wanted} on PATH or name it in 'helm'`
            : `helm is not on PATH; put helm ${wanted} there or name it in 'helm'`);
    const cached = (0,external_node_path_.join)(options.toolCache, 'helm', options.version, `${process.platform}-${process.arch}`, 'helm');
    let origin = 'tool cache';
    if (!(0,external_node_fs_.existsSync)(cached)) {
        options.log(onPath
            ? `helm on PATH is ${(0,inert/* inert */.t)(onPath)}, not the pinned ${wanted}`
            : `helm is not on PATH; the action installs the pinned ${wanted}`);
        await download(options, cached);
        origin = 'downloaded';
    }
    const installed = await helmVersionOf(cached);
    if (installed !== wanted) {
        (0,external_node_fs_.rmSync)(cached, { force: true });
        throw new Error(`The installed helm at ${cached} says ${installed ?? 'nothing'}, not ${wanted}`);
    }
    return { file: cached, version: installed, origin };
}
/** A private HELM_* home for one run, so that nothing of the runner's helm setup leaks in or out. */
function helmEnvironment(home, kubeconfig) {
    (0,external_node_fs_.mkdirSync)(home, { recursive: true, mode: 0o700 });
    return {
        KUBECONFIG: kubeconfig,
        HELM_CACHE_HOME: (0,external_node_path_.join)(home, 'cache'),
        HELM_CONFIG_HOME: (0,external_node_path_.join)(home, 'config'),
        HELM_DATA_HOME: (0,external_node_path_.join)(home, 'data'),
        HELM_PLUGINS: (0,external_node_path_.join)(home, 'plugins'),
        KUBECACHEDIR: (0,external_node_path_.join)(home, 'kube-cache'),
    };
}

;// CONCATENATED MODULE: ../../packages/addons/src/kube-cluster.ts


/** The Cluster the action uses: the suite's own Kubernetes client, every request bounded by `signal`. */
function openCluster(prepared, options) {
    const client = new KubeClient({
        access: prepared.access,
        signal: options.signal,
        registerSecret: options.registerSecret,
        onRetry: options.onRetry,
    });
    const notFound = (error) => error instanceof KubeApiError && error.status === 404;
    return {
        find: (path) => client.find(path),
        list: async (path, query = {}) => {
            try {
                return (await client.list(path, query)).items;
            }
            catch (error) {
                if (notFound(error))
                    return [];
                throw error;
            }
        },
        apply: (path, object, { dryRun = false } = {}) => client.send('PATCH', path, {
            query: { fieldManager: FIELD_MANAGER, force: 'true', ...(dryRun ? { dryRun: 'All' } : {}) },
            body: JSON.stringify(object),
            contentType: 'application/apply-patch+yaml',
        }),
        annotate: (path, annotations) => client.send('PATCH', path, {
            body: JSON.stringify({ metadata: { annotations } }),
            contentType: 'application/merge-patch+json',
        }),
        watch(path, onChange) {
            const watch = watchResource({
                client,
                path,
                onChange: (change) => onChange(change.type, change.object),
            });
            return { synced: watch.synced, stop: () => watch.stop() };
        },
        async serves(groupVersion, plural) {
            const list = await client.find(`/apis/${groupVersion}`);
            return Boolean(list?.resources?.some((r) => r.name === plural));
        },
        close: () => client.close(),
    };
}

// EXTERNAL MODULE: external "node:net"
var external_node_net_ = __webpack_require__(7030);
// EXTERNAL MODULE: external "node:tls"
var external_node_tls_ = __webpack_require__(1692);
;// CONCATENATED MODULE: ../../packages/addons/src/ssh-kubeconfig.ts






/** Where k3s writes the admin kubeconfig (mode 0600, root's). */
const K3S_KUBECONFIG = '/etc/rancher/k3s/k3s.yaml';
const withNewline = (text) => (text.endsWith('\n') ? text : `${text}\n`);
/** `https://<host>:<port>`, with an IPv6 address in brackets. */
function apiServerUrl(host, port) {
    return `https://${(0,external_node_net_.isIP)(host) === 6 ? `[${host}]` : host}:${port}`;
}
/** Why ssh failed, in the words of the input that can fix it. */
function sshFailure(target, stderr) {
    const where = `${target.user}@${target.host}:${target.port}`;
    const said = (0,inert/* inert */.t)((0,exec/* tail */.RT)(stderr, 2));
    if (/Host key verification failed|REMOTE HOST IDENTIFICATION HAS CHANGED|No .* host key is known/i.test(stderr))
        return `The SSH host key of ${target.host}:${target.port} is not one that 'ssh-known-hosts' lists; refusing to connect (ssh: ${said})`;
    if (/Permission denied \(/i.test(stderr))
        return `The SSH server at ${where} did not accept 'ssh-key' for user '${target.user}' (ssh: ${said})`;
    if (/Connection refused|timed out|No route to host|Could not resolve/i.test(stderr))
        return `Could not reach SSH at ${target.host}:${target.port} (ssh: ${said})`;
    return `ssh ${where} failed (ssh: ${said})`;
}
/**
 * Reads k3s's kubeconfig over SSH with the real OpenSSH client: strict host key checking against
 * the known_hosts the input gives (and nothing else), the key from the input, no configuration
 * files, no prompts. The file is root's, so another user reads it with `sudo -n cat` (passwordless
 * sudo). Its server (k3s writes 127.0.0.1) is pointed at the host's address.
 */
async function fetchK3sKubeconfig(target, options) {
    const keyFile = (0,external_node_path_.join)(options.workDir, 'ssh-key');
    const knownHostsFile = (0,external_node_path_.join)(options.workDir, 'ssh-known-hosts');
    (0,external_node_fs_.writeFileSync)(keyFile, withNewline(target.key.replace(/\r\n/g, '\n')), { mode: 0o600, flag: 'wx' });
    (0,external_node_fs_.writeFileSync)(knownHostsFile, withNewline(target.knownHosts), { mode: 0o600, flag: 'wx' });
    const read = target.user === 'root' ? ['cat', K3S_KUBECONFIG] : ['sudo', '-n', 'cat', K3S_KUBECONFIG];
    options.log(`Reading ${K3S_KUBECONFIG} from ${target.user}@${target.host}:${target.port} over SSH${target.user === 'root' ? '' : ' (sudo -n: the file is root’s)'}`);
    const connectTimeout = Math.max(5, Math.min(30, options.timeoutSeconds));
    let result;
    try {
        result = await (0,src_spawn/* spawnArgv */.wQ)('ssh', [
            '-F',
            'none',
            '-o',
            'BatchMode=yes',
            '-o',
            'StrictHostKeyChecking=yes',
            '-o',
            `UserKnownHostsFile=${knownHostsFile}`,
            '-o',
            'GlobalKnownHostsFile=/dev/null',
            '-o',
            'IdentitiesOnly=yes',
            '-o',
            'IdentityAgent=none',
            '-o',
            `ConnectTimeout=${connectTimeout}`,
            '-o',
            'ServerAliveInterval=5',
            '-o',
            'ServerAliveCountMax=3',
            '-o',
            'LogLevel=ERROR',
            '-i',
            keyFile,
            '-p',
            String(target.port),
            '-l',
            target.user,
            '--',
            target.host,
            ...read,
        ], { quiet: true });
    }
    catch (error) {
        if (error instanceof src_spawn/* ProgramNotFoundError */.oo)
            throw new errors/* ConfigurationError */.j('The OpenSSH client (ssh) is not on PATH; it is needed for ssh-host or hosts');
        throw error;
    }
    if (result.exitCode === 255)
        throw new errors/* ConfigurationError */.j(sshFailure(target, result.stderr));
    if (result.exitCode !== 0) {
        const said = (0,inert/* inert */.t)((0,exec/* tail */.RT)(result.stderr, 2));
        if (/password is required|not in the sudoers|may not run sudo/i.test(result.stderr))
            throw new errors/* ConfigurationError */.j(`User '${target.user}' on ${target.host} cannot read ${K3S_KUBECONFIG}: it needs passwordless sudo (or use root in 'ssh-user') (${said})`);
        throw new errors/* ConfigurationError */.j(`Reading ${K3S_KUBECONFIG} on ${target.host} failed: ${said || `exit code ${result.exitCode}`}`);
    }
    return pointAtHost(result.stdout, target);
}
/** k3s.yaml with every cluster's server set to the host's address (k3s writes 127.0.0.1). */
function pointAtHost(text, target) {
    let parsed;
    try {
        parsed = (0,dist.parse)(text, { maxAliasCount: 10 });
    }
    catch {
        throw new errors/* ConfigurationError */.j(`${K3S_KUBECONFIG} on ${target.host} is not a kubeconfig (not YAML)`);
    }
    const clusters = parsed?.clusters;
    if (!Array.isArray(clusters) || clusters.length === 0 || !clusters.every((c) => c?.cluster?.server))
        throw new errors/* ConfigurationError */.j(`${K3S_KUBECONFIG} on ${target.host} is not a kubeconfig (no cluster with a server)`);
    for (const cluster of clusters)
        cluster.cluster.server = apiServerUrl(target.host, target.apiPort);
    return (0,dist/* stringify */.As)(parsed);
}
function namesOf(certificate) {
    return certificate.subjectaltname?.replace(/IP Address:/g, 'IP:') || `CN=${certificate.subject?.CN ?? '?'}`;
}
/**
 * The API server must present a certificate that names the address the runner connects to; k3s
 * names only its own addresses unless told more with `--tls-san`. Checked before anything is sent,
 * so that this mistake is one clear line rather than a TLS error later.
 */
async function checkApiServerCertificate(server, certificateAuthority, timeoutMs) {
    const url = new URL(server);
    const host = url.hostname.replace(/^\[|\]$/g, '');
    const port = Number(url.port || 443);
    const certificate = await new Promise((resolve, reject) => {
        const socket = (0,external_node_tls_.connect)({
            host,
            port,
            ca: certificateAuthority,
            ...((0,external_node_net_.isIP)(host) ? {} : { servername: host }),
            rejectUnauthorized: false,
            timeout: timeoutMs,
        });
        socket.once('secureConnect', () => {
            const peer = socket.getPeerCertificate();
            const authorized = socket.authorized;
            const why = socket.authorizationError;
            socket.end();
            if (!authorized && certificateAuthority && !/ALTNAME|altnames|hostname/i.test(String(why)))
                reject(new errors/* ConfigurationError */.j(`The API server at ${url.origin} presents a certificate that the kubeconfig's certificate authority did not sign (${why})`));
            else
                resolve(peer);
        });
        socket.once('timeout', () => {
            socket.destroy();
            reject(new errors/* ConfigurationError */.j(`The API server at ${url.origin} did not answer within ${timeoutMs / 1000}s (is port ${port} open to the runner?)`));
        });
        socket.once('error', (error) => reject(new errors/* ConfigurationError */.j(`Could not reach the API server at ${url.origin}: ${error.code ?? error.message} (is port ${port} open to the runner?)`)));
    });
    if ((0,external_node_tls_.checkServerIdentity)(host, certificate))
        throw new errors/* ConfigurationError */.j(`The API server at ${url.origin} presents a certificate for ${namesOf(certificate)}, without ${host}: start k3s with --tls-san ${host} (tls-san in /etc/rancher/k3s/config.yaml), restart it, and run again`);
}
/** The certificate authority of the kubeconfig's first cluster, as PEM. */
function certificateAuthorityOf(kubeconfig) {
    const parsed = (0,dist.parse)(kubeconfig, { maxAliasCount: 10 });
    const data = parsed?.clusters?.[0]?.cluster?.['certificate-authority-data'];
    return typeof data === 'string' ? Buffer.from(data, 'base64').toString('utf8') : undefined;
}

;// CONCATENATED MODULE: ../../packages/addons/src/sync.ts


const SYNC_NAMES = { source: 'gitops', kustomization: 'cluster', secret: 'gitops-auth' };
const base64 = (text) => Buffer.from(text, 'utf8').toString('base64');
function syncObjects(settings) {
    const metadata = (name) => ({ name, namespace: settings.namespace });
    const objects = [];
    if (settings.auth) {
        const data = settings.auth.kind === 'token'
            ? { username: base64('git'), password: base64(settings.auth.token) }
            : {
                identity: base64(settings.auth.key.endsWith('\n') ? settings.auth.key : `${settings.auth.key}\n`),
                known_hosts: base64(settings.auth.knownHosts),
            };
        objects.push({
            apiVersion: 'v1',
            kind: 'Secret',
            metadata: metadata(SYNC_NAMES.secret),
            type: 'Opaque',
            data,
        });
    }
    objects.push({
        apiVersion: FLUX_KINDS.GitRepository.apiVersion,
        kind: 'GitRepository',
        metadata: metadata(SYNC_NAMES.source),
        spec: {
            interval: '1m',
            url: settings.url,
            ref: { branch: settings.branch },
            ...(settings.auth ? { secretRef: { name: SYNC_NAMES.secret } } : {}),
        },
    });
    objects.push({
        apiVersion: FLUX_KINDS.Kustomization.apiVersion,
        kind: 'Kustomization',
        metadata: metadata(SYNC_NAMES.kustomization),
        spec: {
            interval: '10m',
            path: `./${settings.path}`,
            prune: true,
            sourceRef: { kind: 'GitRepository', name: SYNC_NAMES.source },
        },
    });
    return objects;
}
function pathOf(object) {
    const name = object.metadata.name;
    const namespace = object.metadata.namespace;
    if (object.kind === 'Secret')
        return resourcePath('v1', 'secrets', namespace, name);
    return fluxPath(object.kind, namespace, name);
}
const label = (object) => `${object.kind} ${object.metadata.namespace}/${object.metadata.name}`;
function sync_canonical(value) {
    if (Array.isArray(value))
        return `[${value.map(sync_canonical).join(',')}]`;
    if (value && typeof value === 'object')
        return `{${Object.keys(value)
            .sort()
            .map((k) => `${k}:${sync_canonical(value[k])}`)
            .join(',')}}`;
    return JSON.stringify(value);
}
/** The fields of `desired` (one level under spec, or the Secret's data and type) that `live` does not match. */
function differences(desired, live) {
    const sections = desired.kind === 'Secret' ? ['type', 'data'] : ['spec'];
    const fields = [];
    for (const section of sections) {
        const want = desired[section];
        const have = live?.[section];
        if (want && typeof want === 'object' && section === 'spec') {
            for (const key of Object.keys(want))
                if (sync_canonical(want[key]) !==
                    sync_canonical(have?.[key]))
                    fields.push(`spec.${key}`);
        }
        else if (section === 'data') {
            // Only what the action sets: other keys of a Secret the user extended are theirs.
            for (const key of Object.keys(want))
                if (want[key] !== have?.[key])
                    fields.push(`data.${key}`);
        }
        else if (sync_canonical(want) !== sync_canonical(have))
            fields.push(section);
    }
    return fields;
}
/** What applying the sync would change, asking nothing of the server but reads. */
async function planSync(cluster, objects) {
    const changes = [];
    for (const object of objects) {
        const live = await cluster.find(pathOf(object));
        if (!live)
            changes.push({ object: label(object), change: 'created', fields: [] });
        else {
            const fields = differences(object, live);
            changes.push({ object: label(object), change: fields.length ? 'configured' : 'unchanged', fields });
        }
    }
    return changes;
}
/**
 * Server-side apply of each object that differs from what the cluster has; one that already says
 * what the action would write is left alone, so that a rerun moves no resourceVersion.
 */
async function applySync(cluster, objects) {
    const changes = [];
    for (const object of objects) {
        const live = await cluster.find(pathOf(object));
        const fields = live ? differences(object, live) : [];
        if (live && fields.length === 0) {
            changes.push({ object: label(object), change: 'unchanged', fields });
            continue;
        }
        await cluster.apply(pathOf(object), object);
        changes.push({ object: label(object), change: live ? 'configured' : 'created', fields });
    }
    return changes;
}
/**
 * Asks Flux to look now, but only where it is behind: the source when it has not fetched `revision`
 * (or the sync changed), the Kustomization when it has not applied it. A cluster already at Git's
 * revision gets no request, so a rerun writes nothing.
 */
async function requestReconcile(cluster, settings, revision, changed) {
    const source = await cluster.find(fluxPath('GitRepository', settings.namespace, SYNC_NAMES.source));
    const kustomization = await cluster.find(fluxPath('Kustomization', settings.namespace, SYNC_NAMES.kustomization));
    const requested = [];
    const token = { 'reconcile.fluxcd.io/requestedAt': new Date().toISOString() };
    if (changed || source?.status?.artifact?.revision !== revision) {
        await cluster.annotate(fluxPath('GitRepository', settings.namespace, SYNC_NAMES.source), token);
        requested.push(`GitRepository ${settings.namespace}/${SYNC_NAMES.source}`);
    }
    const ready = kustomization?.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True');
    if (changed || kustomization?.status?.lastAppliedRevision !== revision || !ready) {
        await cluster.annotate(fluxPath('Kustomization', settings.namespace, SYNC_NAMES.kustomization), token);
        requested.push(`Kustomization ${settings.namespace}/${SYNC_NAMES.kustomization}`);
    }
    return requested;
}
/**
 * Where the repository's own copy of the sync (applied by Flux) says something else than the action:
 * each would undo the other on every run, so the user is told to make them agree.
 */
async function syncDivergence(cluster, settings) {
    const warnings = [];
    for (const desired of syncObjects({ ...settings, auth: undefined }).filter((o) => o.kind !== 'Secret')) {
        const live = await cluster.find(pathOf(desired));
        const fields = differences(desired, live).filter((f) => f !== 'spec.secretRef');
        if (!live || fields.length === 0)
            continue;
        const shown = fields.map((field) => {
            const key = field.slice('spec.'.length);
            return `${field} is ${(0,inert/* inert */.t)(JSON.stringify(live.spec?.[key]))} in the cluster, ${JSON.stringify(desired.spec?.[key])} from the action`;
        });
        warnings.push(`${label(desired)} differs from what the action applies (${shown.join('; ')}): the copy in Git (flux-sync.yaml of the cluster's path) must say the same, or Flux and the action undo each other`);
    }
    return warnings;
}

// EXTERNAL MODULE: ../../packages/action-kit/src/duration.ts
var duration = __webpack_require__(2572);
;// CONCATENATED MODULE: ../../packages/addons/src/tree.ts



const WATCHED = [
    'GitRepository',
    'Kustomization',
    'HelmRelease',
    'CustomResourceDefinition',
];
const watchPath = (kind) => kind === 'CustomResourceDefinition'
    ? resourcePath('apiextensions.k8s.io/v1', 'customresourcedefinitions')
    : fluxPath(kind);
/** The newest events about an object, Warnings first, in one line each (text from the cluster: inert). */
async function eventsAbout(cluster, ref, limit = 3) {
    const events = await cluster
        .list(resourcePath('v1', 'events', ref.namespace), { fieldSelector: `involvedObject.name=${ref.name}` })
        .catch(() => []);
    const when = (e) => e.lastTimestamp ?? e.eventTime ?? '';
    return events
        .filter((e) => e.involvedObject?.kind === ref.kind)
        .sort((a, b) => (a.type === b.type ? when(b).localeCompare(when(a)) : a.type === 'Warning' ? -1 : 1))
        .slice(0, limit)
        .map((e) => (0,inert/* inert */.t)(`${e.type ?? 'Normal'} ${e.reason ?? ''}: ${e.message ?? ''}`));
}
function followTree(options) {
    const { cluster, root, log } = options;
    const started = Date.now();
    const state = emptyState();
    const shown = new Map();
    const handled = new Set();
    /** Per HelmRelease failing for its current generation: the failure count when first seen so. */
    const failingSince = new Map();
    /** HelmReleases the action asked to reset, with when their stall began as it was then. */
    const resets = new Map();
    const requests = [];
    let sourceAtRevision = options.revision === undefined;
    let finished = false;
    let settling = false;
    let synced = false;
    let lastLine = Date.now();
    const stamp = () => (0,duration/* formatDuration */.a)(Date.now() - started, 'clock');
    const say = (line) => {
        lastLine = Date.now();
        log(`[${stamp()}] ${line}`);
    };
    return new Promise((resolve) => {
        let reached = [root];
        const verdicts = new Map();
        const finish = (result) => {
            if (finished)
                return;
            finished = true;
            clearInterval(reminder);
            options.signal.removeEventListener('abort', onAbort);
            for (const watch of watches)
                watch.stop();
            resolve({ ...result, state, reached, requests });
        };
        const ask = (what, path, annotations) => {
            requests.push(what);
            say(what);
            cluster
                .annotate(path, annotations)
                .catch((error) => say(`could not ask: ${(0,inert/* inert */.t)(error.message)}`));
        };
        /**
         * A release failing again and again with the same spec (helm-controller retries a release
         * whose values its chart rejects for ever when no remediation bounds it): failed after two more
         * attempts than when first seen failing.
         */
        const repeated = (key, object, verdict) => {
            const generation = object.metadata.generation ?? 0;
            const failures = Number(object.status?.failures ?? 0);
            if (verdict.state === 'ready' || object.status?.lastAttemptedGeneration !== generation) {
                failingSince.delete(key);
                return verdict;
            }
            // Between attempts Ready says the next one runs; only a failure's own reason counts.
            if (verdict.state !== 'waiting' || !/Failed$/.test(verdict.reason ?? ''))
                return verdict;
            const mark = failingSince.get(key);
            if (!mark || mark.generation !== generation) {
                failingSince.set(key, { generation, failures });
                return verdict;
            }
            return failures - mark.failures >= 2
                ? {
                    ...verdict,
                    state: 'failed',
                    message: `${verdict.message} (${failures} failed attempts, the same spec)`,
                }
                : verdict;
        };
        const evaluate = () => {
            if (finished || settling || !synced)
                return;
            reached = reach(state, root);
            const rootSource = lookup(state, root)?.spec?.sourceRef;
            for (const ref of reached) {
                const key = refKey(ref);
                const object = lookup(state, ref);
                let verdict = judge(state, ref);
                const isRootSource = ref.kind === 'GitRepository' &&
                    ref.name === rootSource?.name &&
                    ref.namespace === (rootSource?.namespace ?? root.namespace);
                if (isRootSource && options.revision !== undefined) {
                    const revision = object?.status?.artifact?.revision;
                    if (revision === options.revision)
                        sourceAtRevision = true;
                    if (!sourceAtRevision && verdict.state !== 'failed')
                        verdict = {
                            state: 'waiting',
                            message: `fetching ${options.revision} (has ${revision ?? 'nothing'})`,
                        };
                }
                // A failure shown before Flux applied Git's revision may be the one that revision fixes.
                const provisional = !isRootSource &&
                    ref.kind !== 'GitRepository' &&
                    (!sourceAtRevision ||
                        behindSource(state, ref.kind === 'Kustomization' ? object : ownerOf(state, ref)));
                if (verdict.state === 'failed' && provisional)
                    verdict = {
                        ...verdict,
                        state: 'waiting',
                        message: `${verdict.message} (before Flux applied Git's revision)`,
                    };
                if (ref.kind === 'HelmRelease' && object && !provisional)
                    verdict = repeated(key, object, verdict);
                const stalledSince = condition(object, 'Stalled')?.lastTransitionTime;
                if (ref.kind === 'HelmRelease' &&
                    verdict.state === 'failed' &&
                    options.resetStalled &&
                    !resets.has(key) &&
                    stalledWithNewSpec(object)) {
                    const token = new Date().toISOString();
                    resets.set(key, stalledSince);
                    ask(`${refLabel(ref)} is stalled after exhausted retries, and its spec changed since (generation ${object?.metadata.generation}): asked helm-controller to reset its failure counts (reconcile.fluxcd.io/resetAt)`, fluxPath('HelmRelease', ref.namespace, ref.name), { 'reconcile.fluxcd.io/requestedAt': token, 'reconcile.fluxcd.io/resetAt': token });
                }
                // After the reset, the stall seen before it is history: only a new one counts.
                if (verdict.state === 'failed' && resets.has(key) && resets.get(key) === stalledSince)
                    verdict = { ...verdict, state: 'waiting', message: `reset requested; was: ${verdict.message}` };
                if (ref.kind === 'Kustomization' && verdict.state === 'waiting' && healthCheckStale(state, object)) {
                    const once = `health:${key}:${object?.metadata.resourceVersion}`;
                    if (!handled.has(once)) {
                        handled.add(once);
                        ask(`${refLabel(ref)}'s health check timed out, but what it waited for is ready now: asked kustomize-controller to check again`, fluxPath('Kustomization', ref.namespace, ref.name), { 'reconcile.fluxcd.io/requestedAt': new Date().toISOString() });
                    }
                }
                if (ref.kind === 'Kustomization' && verdict.state === 'waiting') {
                    const served = kindNowServed(state, object);
                    if (served && !handled.has(`kind:${key}:${served}:${object?.metadata.resourceVersion}`)) {
                        handled.add(`kind:${key}:${served}:${object?.metadata.resourceVersion}`);
                        ask(`${refLabel(ref)} failed before the CRD of ${served} was Established; it is now: asked kustomize-controller to apply again`, fluxPath('Kustomization', ref.namespace, ref.name), { 'reconcile.fluxcd.io/requestedAt': new Date().toISOString() });
                    }
                }
                verdicts.set(key, verdict);
                const line = `${refLabel(ref)}: ${verdict.state}${verdict.message ? ` — ${(0,inert/* inert */.t)(verdict.message)}` : ''}`;
                if (shown.get(key) !== line) {
                    shown.set(key, line);
                    say(line);
                }
            }
            const failed = reached.find((ref) => verdicts.get(refKey(ref))?.state === 'failed');
            if (failed) {
                const message = verdicts.get(refKey(failed)).message;
                settling = true;
                void eventsAbout(cluster, failed).then((events) => finish({ result: 'failed', failure: { ref: failed, message, events }, waiting: [] }));
                return;
            }
            if (reached.every((ref) => verdicts.get(refKey(ref))?.state === 'ready'))
                finish({ result: 'ready', waiting: [] });
        };
        const watches = WATCHED.map((kind) => cluster.watch(watchPath(kind), (type, object) => {
            record(state, kind, type, object);
            evaluate();
        }));
        const order = { HelmRelease: 0, Kustomization: 1, GitRepository: 2 };
        const waiting = () => [...reached]
            .sort((a, b) => order[a.kind] - order[b.kind])
            .filter((ref) => verdicts.get(refKey(ref))?.state !== 'ready')
            .map((ref) => ({ ref, message: verdicts.get(refKey(ref))?.message ?? 'not seen yet' }));
        const onAbort = () => finish({ result: 'timed-out', waiting: waiting() });
        if (options.signal.aborted)
            return onAbort();
        options.signal.addEventListener('abort', onAbort, { once: true });
        const reminderMs = options.reminderMs ?? 30_000;
        const reminder = setInterval(() => {
            if (finished || Date.now() - lastLine < reminderMs)
                return;
            const open = waiting();
            say(`still waiting for ${open.length}: ${open.map((w) => refLabel(w.ref)).join(', ')}`);
        }, Math.min(reminderMs, 5_000));
        reminder.unref?.();
        Promise.all(watches.map((watch) => watch.synced)).then(() => {
            synced = true;
            evaluate();
        }, (error) => finish({
            result: 'failed',
            failure: {
                ref: root,
                message: `watching Flux's objects failed: ${(0,inert/* inert */.t)(error.message)}`,
                events: [],
            },
            waiting: [],
        }));
    });
}

;// CONCATENATED MODULE: ../../packages/addons/src/verify.ts


/**
 * The delivery path, checked in the cluster: what a canary of the reference chart needs to run.
 * Each check is a row of the summary; a failed one carries the fix in one line.
 */
/** Where the apps' delivery files reach the load tester and Prometheus (the reference chart's defaults; flagger's CHART_DEFAULTS). */
const DELIVERY_ADDRESSES = {
    loadtester: 'http://flagger-loadtester.flagger-system/',
};
/** `ghcr.io/fluxcd/flagger:1.44.0` → `flagger`. */
function imageName(image) {
    const withoutDigest = (image ?? '').split('@')[0];
    const last = withoutDigest.split('/').pop() ?? '';
    return last.replace(/:[^:]*$/, '');
}
/** A flag's value as Go's flag package reads it: `-name=value`, `--name=value`, or `-name value`. */
function flagValue(argv, name) {
    let value;
    for (let i = 0; i < argv.length; i++) {
        const match = new RegExp(`^--?${name}(?:=(.*))?$`).exec(argv[i]);
        if (!match)
            continue;
        value = match[1] ?? argv[i + 1];
    }
    return value;
}
const available = (workload) => workload.status?.conditions?.some((c) => c.type === 'Available' && c.status === 'True') ??
    (workload.status?.availableReplicas ?? 0) >= (workload.spec?.replicas ?? 1);
const workloadLabel = (w) => `${w.metadata.namespace}/${w.metadata.name}`;
/** The HelmRelease that installed an object, from the labels helm-controller puts on it. */
function installedBy(object) {
    const labels = (object.metadata.labels ?? {});
    const name = labels['helm.toolkit.fluxcd.io/name'];
    return name ? `${labels['helm.toolkit.fluxcd.io/namespace']}/${name}` : undefined;
}
/** `http://name[.namespace[.svc[.cluster.local]]][:port]/…` → the Service it names, or undefined for an outside host. */
function serviceOf(url, defaultNamespace) {
    let parsed;
    try {
        parsed = new URL(url);
    }
    catch {
        return undefined;
    }
    const parts = parsed.hostname.split('.');
    const inCluster = parts.length === 1 ||
        parts.length === 2 ||
        (parts.length === 3 && parts[2] === 'svc') ||
        (parts.length >= 4 && parts[2] === 'svc');
    if (!inCluster || !parts[0])
        return undefined;
    const port = Number(parsed.port || (parsed.protocol === 'https:' ? 443 : 80));
    return { name: parts[0], namespace: parts[1] ?? defaultNamespace, port };
}
/** Whether a Service exists with that port and has a ready pod behind its selector. */
async function serviceAnswers(cluster, target) {
    const service = await cluster.find(resourcePath('v1', 'services', target.namespace, target.name));
    const where = `${target.namespace}/${target.name}`;
    if (!service)
        return { ok: false, detail: `no Service ${where}` };
    if (!service.spec?.ports?.some((p) => p.port === target.port))
        return { ok: false, detail: `Service ${where} has no port ${target.port}` };
    const selector = Object.entries(service.spec?.selector ?? {})
        .map(([k, v]) => `${k}=${v}`)
        .join(',');
    if (!selector)
        return { ok: true, detail: `Service ${where}:${target.port} (no selector)` };
    const pods = await cluster.list(resourcePath('v1', 'pods', target.namespace), { labelSelector: selector });
    const ready = pods.filter((p) => p.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True'));
    return ready.length
        ? { ok: true, detail: `Service ${where}:${target.port}, ${ready.length} ready pod(s)` }
        : { ok: false, detail: `Service ${where}:${target.port} has no ready pod behind it` };
}
function findByImage(deployments, name) {
    return deployments.filter((d) => d.spec?.template?.spec?.containers?.some((c) => imageName(c.image) === name));
}
async function workloadCheck(deployments, image, check, what, fix) {
    const found = findByImage(deployments, image);
    const up = found.find(available);
    if (up)
        return { name: check, ok: true, detail: `Deployment ${workloadLabel(up)} Available` };
    if (found.length)
        return {
            name: check,
            ok: false,
            detail: `Deployment ${workloadLabel(found[0])} is not Available`,
            fix: `${what} does not become Available: look at the pods of Deployment ${workloadLabel(found[0])}`,
        };
    return { name: check, ok: false, detail: `no Deployment runs the ${image} image`, fix };
}
async function verifyDeliveryPath(cluster, scope = 'canary') {
    if (scope === 'none')
        return [];
    const deployments = await cluster.list(resourcePath('apps/v1', 'deployments'));
    const checks = scope === 'canary' ? await canaryChecks(cluster, deployments) : [];
    checks.push(...(await gatewayChecks(cluster, deployments)));
    return checks;
}
/** Flagger for APISIX, the Prometheus it queries and the load tester the delivery files call. */
async function canaryChecks(cluster, deployments) {
    const checks = [];
    const flaggers = findByImage(deployments, 'flagger');
    const flagger = flaggers.find(available) ?? flaggers[0];
    const release = flagger
        ? (installedBy(flagger) ?? `${flagger.metadata.namespace}/flagger`)
        : 'flagger-system/flagger';
    const inGit = `HelmRelease ${release}'s values (infrastructure/addons/flagger.yaml in the reference layout)`;
    if (!flagger) {
        checks.push({
            name: 'Flagger for APISIX',
            ok: false,
            detail: 'no Deployment runs the flagger image',
            fix: `Add Flagger to the cluster's path in Git: a HelmRelease of chart flagger with meshProvider: apisix (infrastructure/addons/flagger.yaml in the reference layout)`,
        });
    }
    else {
        const container = flagger.spec.template.spec.containers.find((c) => imageName(c.image) === 'flagger');
        const argv = [...(container.command ?? []), ...(container.args ?? [])];
        const provider = flagValue(argv, 'mesh-provider') ?? 'istio';
        const up = available(flagger);
        checks.push({
            name: 'Flagger for APISIX',
            ok: up && provider === 'apisix',
            detail: `Deployment ${workloadLabel(flagger)} runs with -mesh-provider=${(0,inert/* inert */.t)(provider)}${up ? '' : ', not Available'}`,
            ...(provider !== 'apisix'
                ? { fix: `Flagger runs with -mesh-provider=${(0,inert/* inert */.t)(provider)}: set meshProvider: apisix in ${inGit}` }
                : up
                    ? {}
                    : {
                        fix: `Flagger does not become Available: look at the pods of Deployment ${workloadLabel(flagger)}`,
                    }),
        });
        const metricsServer = flagValue(argv, 'metrics-server') ?? 'http://prometheus:9090';
        const target = serviceOf(metricsServer, flagger.metadata.namespace ?? 'default');
        const answer = target
            ? await serviceAnswers(cluster, target)
            : { ok: false, detail: 'not a Service in the cluster' };
        checks.push({
            name: 'Flagger’s Prometheus',
            ok: answer.ok,
            detail: `-metrics-server=${(0,inert/* inert */.t)(metricsServer)}: ${answer.detail}`,
            ...(answer.ok
                ? {}
                : {
                    fix: `Flagger's metrics server ${(0,inert/* inert */.t)(metricsServer)} does not resolve to a Service with ready pods: set prometheus.install: true in ${inGit} (or metricsServer to your Prometheus's Service)`,
                }),
        });
    }
    const loadtester = serviceOf(DELIVERY_ADDRESSES.loadtester, 'default');
    const tester = await serviceAnswers(cluster, loadtester);
    checks.push({
        name: 'Load tester',
        ok: tester.ok,
        detail: `${DELIVERY_ADDRESSES.loadtester}: ${tester.detail}`,
        ...(tester.ok
            ? {}
            : {
                fix: `The delivery files call the load tester at ${DELIVERY_ADDRESSES.loadtester}: install chart loadtester as HelmRelease ${loadtester.namespace}/${loadtester.name} (infrastructure/addons/loadtester.yaml in the reference layout)`,
            }),
    });
    return checks;
}
/** The APISIX gateway, its ingress controller and its CRDs: what publishes anything on the cluster. */
async function gatewayChecks(cluster, deployments) {
    const checks = [];
    checks.push(await workloadCheck(deployments, 'apisix', 'APISIX gateway', 'The APISIX gateway', "Add APISIX to the cluster's path in Git: a HelmRelease of chart apisix (infrastructure/addons/apisix.yaml in the reference layout)"));
    checks.push(await workloadCheck(deployments, 'apisix-ingress-controller', 'APISIX ingress controller', 'The APISIX ingress controller', 'Enable the ingress controller in the apisix HelmRelease: ingress-controller.enabled: true (infrastructure/addons/apisix.yaml in the reference layout)'));
    const routes = await cluster.serves('apisix.apache.org/v2', 'apisixroutes');
    checks.push({
        name: 'APISIX CRDs',
        ok: routes,
        detail: routes
            ? 'apisixroutes.apisix.apache.org/v2 served'
            : 'apisixroutes.apisix.apache.org/v2 not served',
        ...(routes
            ? {}
            : {
                fix: "Install APISIX's CRDs with its chart: install.crds and upgrade.crds: CreateReplace in the apisix HelmRelease",
            }),
    });
    return checks;
}

;// CONCATENATED MODULE: ../../packages/addons/src/bootstrap.ts














class Phases {
    log;
    list = [];
    constructor(log) {
        this.log = log;
    }
    async run(name, work) {
        const started = Date.now();
        this.log(`— ${name}`);
        try {
            return await work();
        }
        finally {
            this.list.push({ name, ms: Date.now() - started });
        }
    }
}
/** Why a cancelled or timed-out signal stopped the work, as one line. */
function stopped(signal, timeoutMs) {
    return signal.reason instanceof Error && signal.reason.name === 'TimeoutError'
        ? `Timed out after ${Math.round(timeoutMs / 1000)}s`
        : `Stopped: ${(0,inert/* inert */.t)(String(signal.reason?.message ?? signal.reason))}`;
}
/** The kubeconfig, from the input (or KUBECONFIG) or read over SSH from the k3s node. */
async function connect(settings, workDir) {
    const source = settings.cluster;
    if (source.kind === 'kubeconfig')
        return prepareKubeconfig({
            content: source.content,
            kubeconfigEnv: source.kubeconfigEnv,
            homeDirectory: source.homeDirectory,
            context: source.context,
            directory: workDir,
            registerSecret: settings.registerSecret,
        });
    const text = await fetchK3sKubeconfig(source.target, {
        workDir,
        timeoutSeconds: Math.round(settings.timeoutMs / 1000),
        log: settings.log,
    });
    for (const secret of kubeconfigSecrets(text))
        settings.registerSecret(secret);
    const prepared = prepareKubeconfig({
        content: text,
        directory: workDir,
        registerSecret: settings.registerSecret,
        inputName: 'ssh-host',
    });
    await checkApiServerCertificate(prepared.server, certificateAuthorityOf(text), Math.min(settings.timeoutMs, 15_000));
    return prepared;
}
/** One environment's cluster from empty (or as it is) to ready for canaries, planned, or checked for drift. */
async function bootstrapAddons(settings) {
    const { log } = settings;
    const started = Date.now();
    const deadline = AbortSignal.timeout(settings.timeoutMs);
    const signal = settings.signal ? AbortSignal.any([deadline, settings.signal]) : deadline;
    const phases = new Phases(log);
    const report = {
        environment: settings.environment,
        command: settings.command,
        result: settings.command === 'plan' ? 'planned' : 'failed',
        changed: false,
        server: '',
        flux: { chartVersion: settings.flux.version, appVersion: '', action: 'none', changes: [] },
        sync: [],
        requests: [],
        addons: [],
        checks: [],
        phases: phases.list,
        drift: [],
        warnings: [],
        waiting: [],
    };
    const workDir = (0,external_node_fs_.mkdtempSync)((0,external_node_path_.join)(settings.tempDir, 'bootstrap-addons-'));
    settings.onWorkDir?.(workDir);
    let prepared;
    let cluster;
    try {
        const head = await phases.run('gitops', async () => {
            const head = await readGitopsHead({ ...settings.gitops, workDir });
            log(`GitOps: ${settings.gitops.source.display} ${head.revision}, path ${settings.gitops.path}`);
            return head;
        });
        const { helm, kube } = await phases.run('connect', async () => {
            prepared = await connect(settings, workDir);
            report.server = prepared.server;
            log(`Cluster: ${prepared.server} (context ${prepared.context})`);
            const helm = await resolveHelm({ ...settings.helm, log, signal });
            log(`helm ${helm.version} (${helm.origin})`);
            const kube = openCluster(prepared, {
                signal,
                registerSecret: settings.registerSecret,
                onRetry: (m) => log((0,inert/* inert */.t)(m)),
            });
            cluster = kube;
            try {
                await kube.find('/version');
            }
            catch (error) {
                if (signal.aborted)
                    throw new Error(`The API server at ${prepared.server} did not answer: ${stopped(signal, settings.timeoutMs)}`);
                throw new Error(`The API server at ${prepared.server} did not answer: ${(0,inert/* inert */.t)(error.message)}`);
            }
            return { helm, kube };
        });
        const run = {
            helm,
            env: helmEnvironment((0,external_node_path_.join)(workDir, 'helm'), prepared.path),
            workDir,
            log,
            ...(settings.cluster.kind === 'kubeconfig' && settings.cluster.context
                ? { context: settings.cluster.context }
                : {}),
        };
        const fluxPlan = await phases.run('flux', async () => {
            const { appVersion } = await showFluxChart(run, settings.flux);
            const plan = planFlux(await currentFluxRelease(run, settings.flux.namespace), settings.flux, appVersion);
            report.flux = {
                chartVersion: settings.flux.version,
                appVersion,
                action: plan.action,
                changes: plan.changes,
            };
            for (const change of plan.changes)
                log(`Flux: ${change}`);
            if (plan.action === 'none')
                log(`Flux ${appVersion} (chart ${settings.flux.version}) is installed with these values: no helm upgrade`);
            if (settings.command === 'apply' && plan.action !== 'none') {
                await applyFlux(run, settings.flux, settings.timeoutMs - (Date.now() - started));
                report.changed = true;
            }
            return plan;
        });
        const sync = {
            namespace: settings.flux.namespace,
            url: settings.gitops.source.url,
            branch: settings.gitops.branch,
            path: settings.gitops.path,
            ...(settings.gitops.token
                ? { auth: { kind: 'token', token: settings.gitops.token } }
                : settings.gitops.deployKey
                    ? { auth: { kind: 'deploy-key', ...settings.gitops.deployKey } }
                    : {}),
        };
        const root = {
            kind: 'Kustomization',
            namespace: settings.flux.namespace,
            name: SYNC_NAMES.kustomization,
        };
        if (settings.command !== 'check')
            await phases.run('sync', async () => {
                const objects = syncObjects(sync);
                report.sync =
                    settings.command === 'apply' ? await applySync(kube, objects) : await planSync(kube, objects);
                for (const change of report.sync)
                    log(`${change.object}: ${change.change}${change.fields.length ? ` (${change.fields.join(', ')})` : ''}`);
                const changed = report.sync.some((s) => s.change !== 'unchanged');
                report.changed ||= changed && settings.command === 'apply';
                if (settings.command === 'apply') {
                    const asked = await requestReconcile(kube, sync, head.revision, changed);
                    for (const what of asked)
                        report.requests.push(`reconcile ${what}`);
                    if (asked.length)
                        log(`Asked Flux to reconcile ${asked.join(' and ')} now`);
                }
            });
        if (settings.command === 'plan') {
            report.result = 'planned';
            return report;
        }
        if (settings.command === 'check') {
            await phases.run('drift', async () => {
                const drift = driftOf(await readFluxState(kube), root, fluxPlan, head.revision);
                report.addons = drift.addons;
                report.drift = drift.drift;
                for (const line of drift.drift)
                    log(`drift: ${line}`);
            });
            report.checks = await phases.run('verify', () => verifyDeliveryPath(kube, settings.verify));
            report.result = report.drift.length || report.checks.some((c) => !c.ok) ? 'drift' : 'ready';
            if (report.result === 'drift')
                report.failure = `Drift in ${settings.environment}: ${[...report.drift, ...report.checks.filter((c) => !c.ok).map((c) => c.fix ?? c.detail)][0]}${report.drift.length + report.checks.filter((c) => !c.ok).length > 1 ? ' (and more: see the summary)' : ''}`;
            return report;
        }
        const tree = await phases.run('wait', () => followTree({
            cluster: kube,
            root,
            revision: head.revision,
            resetStalled: settings.resetStalled,
            signal,
            log,
        }));
        report.requests.push(...tree.requests);
        report.addons = tree.reached.filter((r) => r.kind === 'HelmRelease').map((r) => addonRow(tree.state, r));
        if (tree.result === 'failed' && tree.failure) {
            report.result = 'failed';
            report.failedObject = {
                label: refLabel(tree.failure.ref),
                message: tree.failure.message,
                events: tree.failure.events,
            };
            report.failure = `${refLabel(tree.failure.ref)} failed: ${(0,inert/* inert */.t)(tree.failure.message)}`;
            return report;
        }
        if (tree.result === 'timed-out') {
            report.result = 'timed-out';
            report.waiting = tree.waiting.map((w) => ({ label: refLabel(w.ref), message: (0,inert/* inert */.t)(w.message) }));
            const first = tree.waiting[0];
            report.failure = `${stopped(signal, settings.timeoutMs)} waiting for ${tree.waiting.length} object(s)${first ? `, first ${refLabel(first.ref)}: ${(0,inert/* inert */.t)(first.message)}` : ''}`;
            return report;
        }
        report.warnings.push(...(await syncDivergence(kube, sync)));
        report.checks = await phases.run('verify', () => verifyDeliveryPath(kube, settings.verify));
        const failedCheck = report.checks.find((c) => !c.ok);
        report.result = failedCheck ? 'failed' : 'ready';
        if (failedCheck)
            report.failure = failedCheck.fix ?? `${failedCheck.name}: ${failedCheck.detail}`;
        return report;
    }
    catch (error) {
        if ((0,errors/* isConfigurationError */.p)(error))
            throw error;
        report.result = signal.aborted && deadline.aborted ? 'timed-out' : 'failed';
        report.failure = signal.aborted
            ? `${stopped(signal, settings.timeoutMs)}: ${(0,inert/* inert */.t)(error.message)}`
            : (0,inert/* inert */.t)(error.message);
        return report;
    }
    finally {
        ;
        cluster?.close();
        removeKubeconfig(prepared);
        (0,external_node_fs_.rmSync)(workDir, { recursive: true, force: true });
    }
}

// EXTERNAL MODULE: ../../packages/action-kit/src/summary.ts
var summary = __webpack_require__(1890);
;// CONCATENATED MODULE: ../../packages/addons/src/report.ts

const ICON = {
    ready: '✅',
    planned: '📝',
    drift: '⚠️',
    failed: '❌',
    'timed-out': '⏱️',
};
/** `2026-11-30T08:00:00Z` → how long ago, from `now`. */
function since(time, now) {
    const at = time ? Date.parse(time) : Number.NaN;
    return Number.isFinite(at) ? `${(0,duration/* formatDuration */.a)(Math.max(0, now - at))} ago` : undefined;
}
/** The `addons` output: one object per add-on. */
function addonsOutput(addons) {
    return JSON.stringify(addons.map((a) => ({
        name: a.name,
        namespace: a.namespace,
        chart: a.chart,
        pinned: a.pinned,
        running: a.running,
        ready: a.ready,
        message: a.message,
    })));
}
/** The job summary: one section per environment (the action runs once per environment). */
function renderSummary(report, now = Date.now()) {
    const flux = report.flux;
    const fluxLine = flux.action === 'none'
        ? `Flux ${flux.appVersion} (chart flux2 ${flux.chartVersion}): unchanged`
        : `Flux ${flux.appVersion} (chart flux2 ${flux.chartVersion}): ${report.command === 'apply' ? `${flux.action === 'install' ? 'installed' : 'upgraded'}` : `would ${flux.action}`} — ${flux.changes.join('; ')}`;
    const sections = [
        (0,summary/* heading */.R_)(`${ICON[report.result]} bootstrap-addons ${report.command}: ${report.environment} — ${report.result}`),
        `API server ${report.server} · ${fluxLine}${report.changed ? ' · changed' : ' · nothing changed'}`,
        report.failure ? `**${(0,inert/* inert */.t)(report.failure)}**` : undefined,
    ];
    if (report.failedObject)
        sections.push((0,summary/* table */.tp)(['object', 'Flux says', 'events'], [[report.failedObject.label, report.failedObject.message, report.failedObject.events.join('\n')]]));
    if (report.waiting.length)
        sections.push((0,summary/* details */.zH)(`Not ready at the deadline (${report.waiting.length})`, (0,summary/* table */.tp)(['object', 'Flux says'], report.waiting.map((w) => [w.label, w.message])), true));
    if (report.addons.length)
        sections.push((0,summary/* heading */.R_)('Add-ons', 3), (0,summary/* table */.tp)(['add-on', 'chart', 'pinned', 'running', 'ready', 'since'], report.addons.map((a) => [
            `${a.namespace}/${a.name}`,
            a.chart,
            a.pinned,
            a.running || '–',
            a.ready ? '✅' : `❌ ${a.message}`,
            since(a.since, now),
        ])));
    if (report.checks.length)
        sections.push((0,summary/* heading */.R_)('Delivery path', 3), (0,summary/* table */.tp)(['check', 'result', 'found', 'fix'], report.checks.map((c) => [c.name, c.ok ? '✅' : '❌', c.detail, c.fix])));
    if (report.drift.length)
        sections.push((0,summary/* heading */.R_)('Drift', 3), report.drift.map((d) => `- ${d}`).join('\n'));
    if (report.sync.length)
        sections.push((0,summary/* details */.zH)('The sync', (0,summary/* table */.tp)(['object', report.command === 'apply' ? 'applied' : 'would be', 'fields'], report.sync.map((s) => [s.object, s.change, s.fields.join(', ')])), report.command === 'plan'));
    if (report.requests.length)
        sections.push((0,summary/* details */.zH)('Asked of Flux', report.requests.map((r) => `- ${r}`).join('\n')));
    if (report.warnings.length)
        sections.push(report.warnings.map((w) => `> ⚠️ ${w}`).join('\n'));
    sections.push((0,summary/* details */.zH)('Phases', (0,summary/* table */.tp)(['phase', 'took'], report.phases.map((p) => [p.name, (0,duration/* formatDuration */.a)(p.ms)]))));
    return sections.filter((s) => Boolean(s));
}

// EXTERNAL MODULE: ../../packages/addons/src/settings.ts + 1 modules
var settings = __webpack_require__(8071);
;// CONCATENATED MODULE: ../../packages/addons/src/index.ts











/***/ })

};
