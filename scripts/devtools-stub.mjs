// Ink loads React DevTools only when DEV=true; the bundle ships this stub
// instead of the real package so nothing is resolved at run time.
export default { initialize() {}, connectToDevTools() {} };
