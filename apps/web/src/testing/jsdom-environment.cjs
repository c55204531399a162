// jsdom for the web app's component tests, with Node's fetch API in it: openapi-fetch builds `Request`s and
// reads `Response`s, which jsdom does not provide. Tests put their own scripted transport in `fetch`.
const { TestEnvironment } = require('jest-environment-jsdom');

class JsdomWithFetch extends TestEnvironment {
  constructor(config, context) {
    super(config, context);
    const g = this.global;
    Object.assign(g, {
      fetch,
      Request,
      Response,
      Headers,
      AbortController,
      AbortSignal,
      TextEncoder,
      TextDecoder,
      ReadableStream,
      structuredClone,
    });
    // jsdom has <dialog> but not its modal API; open/close are enough for what the tests look at.
    const dialog = g.HTMLDialogElement.prototype;
    if (!dialog.showModal) {
      dialog.showModal = function showModal() {
        this.setAttribute('open', '');
      };
      dialog.close = function close() {
        this.removeAttribute('open');
      };
    }
  }
}

module.exports = JsdomWithFetch;
