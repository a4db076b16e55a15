// tests/attachments-s3.test.ts's configuration, set before anything builds the config (no app
// imports here: this module runs first). Chat files go to a bucket on an S3-compatible server
// the test starts on S3_TEST_PORT (a port free a moment ago), under a temporary DATA_DIR.
import { execFileSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

const freePort = execFileSync(process.execPath, [
  "-e",
  "const s=require('net').createServer().listen(0,'127.0.0.1',()=>{process.stdout.write(String(s.address().port));s.close()})",
]).toString();

process.env.DATA_DIR ??= mkdtempSync(path.join(tmpdir(), "moim-s3-data-"));
export const S3_TEST_PORT = Number(freePort);
export const S3_TEST_BUCKET = "moim-chat-files";
process.env.S3_BUCKET = S3_TEST_BUCKET;
process.env.S3_ENDPOINT = `http://127.0.0.1:${S3_TEST_PORT}`;
process.env.S3_PREFIX = "moim/";
process.env.S3_ACCESS_KEY_ID = "S3RVER";
process.env.S3_SECRET_ACCESS_KEY = "S3RVER";
