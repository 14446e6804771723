export const id = 669;
export const ids = [669];
export const modules = {

/***/ 2669:
/***/ ((module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.a(module, async (__webpack_handle_async_dependencies__, __webpack_async_result__) => { try {
__webpack_require__.r(__webpack_exports__);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var _canary_delivery_action_kit__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(9125);
/* harmony import */ var _inputs__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(5286);



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
        const inputs = await (0,_inputs__WEBPACK_IMPORTED_MODULE_2__/* .readInputs */ .K)();
        const core = await Promise.resolve(/* import() */).then(__webpack_require__.bind(__webpack_require__, 7391));
        const { waitForCanary } = await Promise.all(/* import() */[__webpack_require__.e(293), __webpack_require__.e(417)]).then(__webpack_require__.bind(__webpack_require__, 417));
        const cancel = new AbortController();
        const onSignal = (signal) => {
            core.info(`${signal}: the job is being cancelled; ending the wait`);
            cancel.abort();
        };
        // Once only: a second signal ends the process as it would without these handlers.
        process.once('SIGINT', onSignal);
        process.once('SIGTERM', onSignal);
        if (inputs.report)
            core.saveState('status-context', inputs.report.context);
        outcome = await waitForCanary({ ...inputs, cancel: cancel.signal }, {
            log: (line) => core.info(line),
            debug: (line) => core.debug(line),
            warn: (line) => core.warning(line),
            registerSecret: _canary_delivery_action_kit__WEBPACK_IMPORTED_MODULE_1__/* .registerSecret */ .cl,
            onKubeconfigWritten: (path) => core.saveState('kubeconfig-path', path),
            // For the post step, which finishes the status if this step is killed before it could.
            onStanding: inputs.report ? (standing) => core.saveState('standing', standing) : undefined,
            onReported: () => core.saveState('reported', 'true'),
            onCheckRunCreated: (id) => core.saveState('check-run-id', String(id)),
        });
    }
    finally {
        writeResult(outcome?.verdict.result ?? 'error');
    }
    const core = await Promise.resolve(/* import() */).then(__webpack_require__.bind(__webpack_require__, 7391));
    const { isSuccess, renderSummary } = await Promise.all(/* import() */[__webpack_require__.e(293), __webpack_require__.e(417)]).then(__webpack_require__.bind(__webpack_require__, 417));
    const { verdict } = outcome;
    core.setOutput('phase', outcome.snapshot.phase);
    core.setOutput('duration-seconds', String(Math.round(outcome.durationSeconds)));
    core.setOutput('canary-weight', String(outcome.peak.weight));
    core.setOutput('failed-checks', String(outcome.peak.failedChecks));
    core.setOutput('events', JSON.stringify(outcome.events));
    await (0,_canary_delivery_action_kit__WEBPACK_IMPORTED_MODULE_1__/* .writeSummary */ .Sy)(renderSummary(outcome));
    if (isSuccess(verdict)) {
        if (verdict.result !== 'succeeded')
            core.notice(verdict.message);
        return;
    }
    core.setFailed([verdict.message, ...verdict.reasons.slice(1).map((r) => `  ${r}`)].join('\n'));
}
await (0,_canary_delivery_action_kit__WEBPACK_IMPORTED_MODULE_1__/* .runAction */ .Cs)(waitStep);

__webpack_async_result__();
} catch(e) { __webpack_async_result__(e); } }, 1);

/***/ })

};
