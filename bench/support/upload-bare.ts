/**
 * The raw baseline for bench/upload.ts: a bare node:http server that pipes each POST body to a
 * file and answers its size; no auth, no checks, no framework. Prints `bare ready <port>`.
 * With UPLOAD_BARE_HOLD=1 it is the control instead: the body is gathered whole in memory, then
 * written, so the bench shows what holding a file looks like to its memory probe.
 */
import { createWriteStream, mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:http";
import { tmpdir } from "node:os";
import path from "node:path";
import { buffer } from "node:stream/consumers";
import { writeFile } from "node:fs/promises";
import { pipeline } from "node:stream/promises";

const hold = process.env.UPLOAD_BARE_HOLD === "1";

const dir = mkdtempSync(path.join(tmpdir(), "moim-upload-bare-"));
let n = 0;
const server = createServer((req, res) => {
  const file = path.join(dir, String(++n));
  let bytes = 0;
  const stored = hold
    ? buffer(req).then((whole) => ((bytes = whole.byteLength), writeFile(file, whole)))
    : (req.on("data", (chunk: Buffer) => (bytes += chunk.byteLength)), pipeline(req, createWriteStream(file)));
  stored.then(
    () => {
      rmSync(file, { force: true });
      res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ ok: true, bytes }));
    },
    (err: unknown) => res.writeHead(500).end(String(err)),
  );
});
server.listen(0, "127.0.0.1", () => {
  const address = server.address();
  console.log(`bare ready ${typeof address === "object" && address ? address.port : 0}`);
});
process.on("SIGTERM", () => {
  server.close();
  rmSync(dir, { recursive: true, force: true });
  process.exit(0);
});
