export const id = 312;
export const ids = [312];
export const modules = {

/***/ 1312:
/***/ ((module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.a(module, async (__webpack_handle_async_dependencies__, __webpack_async_result__) => { try {
__webpack_require__.r(__webpack_exports__);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_0__);

// The post step runs after every job, so it stays light: it removes the kubeconfig the main step
// wrote, and only when the main step could not finish its commit status (killed, or cancelled past
// the runner's patience) does it load the GitHub client to say where the rollout stood.
const state = (name) => process.env[`STATE_${name}`] ?? '';
const kubeconfig = state('kubeconfig-path');
if (kubeconfig && (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.existsSync)(kubeconfig)) {
    (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.rmSync)(kubeconfig, { force: true });
    process.stdout.write('Removed the kubeconfig written by the main step\n');
}
const standing = state('standing');
if (standing && state('reported') !== 'true') {
    const { finishReport } = await Promise.all(/* import() */[__webpack_require__.e(666), __webpack_require__.e(236)]).then(__webpack_require__.bind(__webpack_require__, 8236));
    await finishReport(standing, state('status-context'), Number(state('check-run-id')) || undefined);
}

__webpack_async_result__();
} catch(e) { __webpack_async_result__(e); } }, 1);

/***/ })

};
