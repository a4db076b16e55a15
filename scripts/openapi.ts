// Writes docs/openapi.json from lib/api/contract.ts (`npm run openapi`).
import { writeFileSync } from "node:fs";
import path from "node:path";
import { openApiDocument } from "../lib/api/openapi";

const file = path.resolve(import.meta.dirname, "../docs/openapi.json");
writeFileSync(file, `${JSON.stringify(openApiDocument(), null, 2)}\n`);
console.log(`wrote ${path.relative(process.cwd(), file)}`);
