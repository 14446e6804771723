export const id = 669;
export const ids = [669];
export const modules = {

/***/ 2669:
/***/ ((module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.a(module, async (__webpack_handle_async_dependencies__, __webpack_async_result__) => { try {
__webpack_require__.r(__webpack_exports__);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var _canary_delivery_action_kit__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(7966);
/* harmony import */ var _canary_delivery_action_kit__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(1575);
/* harmony import */ var _canary_delivery_action_kit__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(1890);
/* harmony import */ var _canary_delivery_action_kit__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(1323);
/* harmony import */ var _inputs__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(9895);



/**
 * The `result` output, also when the inputs were bad and nothing else is loaded: a `name=value`
 * line in GITHUB_OUTPUT is GitHub's documented form (the value is one word of a fixed set).
 */
function writeResult(result) {
    if (process.env.GITHUB_OUTPUT)
        (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.appendFileSync)(process.env.GITHUB_OUTPUT, `result=${result}\n`);
}
/**
 * The main step: read the inputs, follow the rollout, write outputs and the summary. The `result`
 * output is always set: `error` when the step fails without a verdict (bad input, an API error).
 * SIGINT or SIGTERM (GitHub cancelling the job) ends the wait at once as `cancelled`, reported so.
 */
async function waitStep() {
    let outcome;
    try {
        const inputs = await (0,_inputs__WEBPACK_IMPORTED_MODULE_1__/* .readInputs */ .K)();
        const { waitForCanary } = await Promise.all(/* import() */[__webpack_require__.e(293), __webpack_require__.e(417)]).then(__webpack_require__.bind(__webpack_require__, 417));
        const cancel = new AbortController();
        const onSignal = (signal) => {
            _canary_delivery_action_kit__WEBPACK_IMPORTED_MODULE_2__/* .info */ .pq(`${signal}: the job is being cancelled; ending the wait`);
            cancel.abort();
        };
        // Once only: a second signal ends the process as it would without these handlers.
        process.once('SIGINT', onSignal);
        process.once('SIGTERM', onSignal);
        if (inputs.report)
            _canary_delivery_action_kit__WEBPACK_IMPORTED_MODULE_2__/* .saveState */ .LZ('status-context', inputs.report.context);
        outcome = await waitForCanary({ ...inputs, cancel: cancel.signal }, {
            log: (line) => _canary_delivery_action_kit__WEBPACK_IMPORTED_MODULE_2__/* .info */ .pq(line),
            debug: (line) => _canary_delivery_action_kit__WEBPACK_IMPORTED_MODULE_2__/* .debug */ .Yz(line),
            warn: (line) => _canary_delivery_action_kit__WEBPACK_IMPORTED_MODULE_2__/* .warning */ .$e(line),
            registerSecret: _canary_delivery_action_kit__WEBPACK_IMPORTED_MODULE_3__/* .registerSecret */ .cl,
            onKubeconfigWritten: (path) => _canary_delivery_action_kit__WEBPACK_IMPORTED_MODULE_2__/* .saveState */ .LZ('kubeconfig-path', path),
            // For the post step, which finishes the status if this step is killed before it could.
            onStanding: inputs.report ? (standing) => _canary_delivery_action_kit__WEBPACK_IMPORTED_MODULE_2__/* .saveState */ .LZ('standing', standing) : undefined,
            onReported: () => _canary_delivery_action_kit__WEBPACK_IMPORTED_MODULE_2__/* .saveState */ .LZ('reported', 'true'),
            onCheckRunCreated: (id) => _canary_delivery_action_kit__WEBPACK_IMPORTED_MODULE_2__/* .saveState */ .LZ('check-run-id', String(id)),
        });
    }
    finally {
        writeResult(outcome?.verdict.result ?? 'error');
    }
    const { isSuccess, renderSummary } = await Promise.all(/* import() */[__webpack_require__.e(293), __webpack_require__.e(417)]).then(__webpack_require__.bind(__webpack_require__, 417));
    const { verdict } = outcome;
    _canary_delivery_action_kit__WEBPACK_IMPORTED_MODULE_2__/* .setOutput */ .uH('phase', outcome.snapshot.phase);
    _canary_delivery_action_kit__WEBPACK_IMPORTED_MODULE_2__/* .setOutput */ .uH('duration-seconds', String(Math.round(outcome.durationSeconds)));
    _canary_delivery_action_kit__WEBPACK_IMPORTED_MODULE_2__/* .setOutput */ .uH('canary-weight', String(outcome.peak.weight));
    _canary_delivery_action_kit__WEBPACK_IMPORTED_MODULE_2__/* .setOutput */ .uH('failed-checks', String(outcome.peak.failedChecks));
    _canary_delivery_action_kit__WEBPACK_IMPORTED_MODULE_2__/* .setOutput */ .uH('events', JSON.stringify(outcome.events));
    await (0,_canary_delivery_action_kit__WEBPACK_IMPORTED_MODULE_4__/* .writeSummary */ .Sy)(renderSummary(outcome));
    if (isSuccess(verdict)) {
        if (verdict.result !== 'succeeded')
            _canary_delivery_action_kit__WEBPACK_IMPORTED_MODULE_2__/* .notice */ .lm(verdict.message);
        return;
    }
    _canary_delivery_action_kit__WEBPACK_IMPORTED_MODULE_2__/* .setFailed */ .C1([verdict.message, ...verdict.reasons.slice(1).map((r) => `  ${r}`)].join('\n'));
}
await (0,_canary_delivery_action_kit__WEBPACK_IMPORTED_MODULE_5__/* .runAction */ .C)(waitStep);

__webpack_async_result__();
} catch(e) { __webpack_async_result__(e); } }, 1);

/***/ }),

/***/ 1890:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   R_: () => (/* binding */ heading),
/* harmony export */   Sy: () => (/* binding */ writeSummary),
/* harmony export */   a4: () => (/* binding */ mermaid),
/* harmony export */   tp: () => (/* binding */ table),
/* harmony export */   zH: () => (/* binding */ details)
/* harmony export */ });
/* unused harmony exports cell, codeBlock, escapeHtml */
/* harmony import */ var _inert__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(5014);
/* harmony import */ var _secrets__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(1575);
/* harmony import */ var _step__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7966);



/** Makes a value safe inside a Markdown table cell. */
function cell(value) {
    if (value === undefined || value === null || value === '')
        return '–';
    return String(value).replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/\r?\n/g, '<br>');
}
function table(headers, rows) {
    const line = (cells) => `| ${cells.map(cell).join(' | ')} |`;
    return [line(headers), `| ${headers.map(() => '---').join(' | ')} |`, ...rows.map(line)].join('\n');
}
/** A collapsed section; the body is Markdown. */
function details(summary, body, open = false) {
    return `<details${open ? ' open' : ''}><summary>${escapeHtml(summary)}</summary>\n\n${body.trim()}\n\n</details>`;
}
function mermaid(diagram) {
    return `\`\`\`mermaid\n${diagram.trim()}\n\`\`\``;
}
/** A fenced block whose fence is longer than any run of backticks inside, so the text cannot close it. */
function codeBlock(code, language = '') {
    const longest = Math.max(2, ...[...code.matchAll(/`+/g)].map((run) => run[0].length));
    const fence = '`'.repeat(longest + 1);
    return `${fence}${language}\n${code.replace(/\n$/, '')}\n${fence}`;
}
function heading(text, level = 2) {
    return `${'#'.repeat(level)} ${text}`;
}
function escapeHtml(text) {
    return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
/** Joins sections with blank lines, masks secrets and appends them to the job summary. */
async function writeSummary(...sections) {
    const markdown = sections.filter(Boolean).join('\n\n');
    if ((0,_step__WEBPACK_IMPORTED_MODULE_0__/* .appendSummary */ .fe)(`${(0,_secrets__WEBPACK_IMPORTED_MODULE_1__/* .mask */ .dK)(markdown)}\n`))
        return;
    (0,_step__WEBPACK_IMPORTED_MODULE_0__/* .debug */ .Yz)('GITHUB_STEP_SUMMARY is not set; the summary goes to the log only');
    // In the log, the summary's text (values, file contents) must not act as workflow commands.
    (0,_step__WEBPACK_IMPORTED_MODULE_0__/* .info */ .pq)((0,_inert__WEBPACK_IMPORTED_MODULE_2__/* .inertLines */ .w)((0,_secrets__WEBPACK_IMPORTED_MODULE_1__/* .mask */ .dK)(markdown)));
}


/***/ })

};
