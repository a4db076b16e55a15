// The custom server runs outside Next's react-server layer, where the `server-only`
// marker throws on import. Server modules still carry the marker so that Next refuses to
// bundle them into client code; here we resolve it to its no-op build.
const Module = require("node:module");
const path = require("node:path");

const emptyServerOnly = path.join(path.dirname(require.resolve("server-only")), "empty.js");
const resolveFilename = Module._resolveFilename;
Module._resolveFilename = function (request, ...rest) {
  if (request === "server-only") return emptyServerOnly;
  return resolveFilename.call(this, request, ...rest);
};
