/**
 * Builds the OpenAPI 3.1 document of the HTTP API from the route table (./contract.ts) and its
 * zod schemas (z.toJSONSchema), with the socket events' payloads beside it under
 * `x-socket-events`. `npm run openapi` writes it to docs/openapi.json; tests/openapi.test.ts
 * checks that the checked-in file is what this builds, and that the table lists exactly the
 * routes under app/api.
 */
import { z } from "zod";
import { LIMITS } from "../limits";
import { clientPayloads, PROTOCOL_VERSION } from "../realtime/contract";
import { API_ROUTES, type ApiRoute } from "./contract";
import { errorBody } from "./schemas";

type Json = Record<string, unknown>;
const REF = "#/components/schemas/";

/** One zod schema as JSON Schema, its named parts ($defs, from `.meta({ id })`) moved into `components`. */
function schemaOf(schema: z.ZodType, io: "input" | "output", components: Record<string, Json>): Json {
  const { $schema: _, $defs, ...json } = z.toJSONSchema(schema, { io, unrepresentable: "any" }) as Json & { $defs?: Record<string, Json> };
  const moveRefs = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(moveRefs);
    if (value && typeof value === "object") {
      return Object.fromEntries(
        Object.entries(value).map(([k, v]) => [k, k === "$ref" && typeof v === "string" ? v.replace("#/$defs/", REF) : moveRefs(v)]),
      );
    }
    return value;
  };
  for (const [id, def] of Object.entries($defs ?? {})) {
    const moved = moveRefs(def) as Json;
    if (components[id] && JSON.stringify(components[id]) !== JSON.stringify(moved)) throw new Error(`schema ${id} has two shapes`);
    components[id] = moved;
  }
  return moveRefs(json) as Json;
}

const PATH_PARAM = { type: "string", pattern: "^[A-Za-z0-9_-]{1,64}$" };

function operationOf(route: ApiRoute, components: Record<string, Json>): Json {
  const pathParams = [...route.path.matchAll(/\{(\w+)\}/g)].map((m) => ({ name: m[1], in: "path", required: true, schema: PATH_PARAM }));
  const query = route.query
    ? (schemaOf(route.query, "input", components) as { properties?: Record<string, Json>; required?: string[] })
    : undefined;
  const queryParams = Object.entries(query?.properties ?? {}).map(([name, schema]) => {
    const { description, ...rest } = schema;
    return { name, in: "query", required: query?.required?.includes(name) ?? false, ...(description ? { description } : {}), schema: rest };
  });
  const codes = route.errors ?? [];
  return {
    operationId: `${route.method.toLowerCase()}${route.path.replace(/[{}]/g, "").replace(/(^|[/-])(\w)/g, (_m, _s, c: string) => c.toUpperCase())}`,
    summary: route.summary,
    ...(route.description ? { description: route.description } : {}),
    tags: [route.tag],
    security: route.auth === "session" ? [{ sessionCookie: [] }, { bearer: [] }] : [],
    ...(pathParams.length + queryParams.length ? { parameters: [...pathParams, ...queryParams] } : {}),
    ...(route.body
      ? { requestBody: { required: true, content: { "application/json": { schema: schemaOf(route.body, "input", components) } } } }
      : {}),
    responses: {
      "200": route.produces
        ? { description: "The bytes", content: { [route.produces]: {} } }
        : route.response
          ? { description: "Success", content: { "application/json": { schema: schemaOf(route.response, "output", components) } } }
          : { description: "Handled by next-auth (redirects and its own JSON)" },
      default: {
        description: `An error: \`{ ok: false, error: { code, message } }\` with the code's HTTP status${codes.length ? `. This route's own codes: ${codes.join(", ")}` : ""}`,
        content: { "application/json": { schema: { $ref: `${REF}Error` } } },
      },
    },
  };
}

export function openApiDocument(): Json {
  const components: Record<string, Json> = {};
  schemaOf(errorBody, "output", components);
  const paths: Record<string, Record<string, Json>> = {};
  for (const route of [...API_ROUTES].sort((a, b) => a.path.localeCompare(b.path))) {
    (paths[route.path] ??= {})[route.method.toLowerCase()] = operationOf(route, components);
  }
  const socketEvents = Object.fromEntries(
    Object.entries(clientPayloads)
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([event, schema]) => [event, { payload: schemaOf(schema, "input", components) }]),
  );
  return {
    openapi: "3.1.0",
    info: {
      title: "Moim HTTP API",
      version: `${PROTOCOL_VERSION}`,
      description: `The HTTP half of Moim's client protocol; docs/protocol.md has the whole of it (socket events, ordering, catch-up). Bodies are JSON (\`content-type: application/json\`, at most ${LIMITS.httpBodyMaxBytes} bytes). Generated from lib/api/contract.ts: do not edit by hand, run \`npm run openapi\`.`,
    },
    servers: [{ url: "/" }],
    tags: [...new Set(API_ROUTES.map((r) => r.tag))].sort().map((name) => ({ name })),
    paths,
    components: {
      securitySchemes: {
        sessionCookie: {
          type: "apiKey",
          in: "cookie",
          name: "next-auth.session-token",
          description: "The browser's session (`__Secure-` prefixed over https). State changes must come from our Origin.",
        },
        bearer: { type: "http", scheme: "bearer", description: "An app client's session token from POST /api/sessions." },
      },
      schemas: Object.fromEntries(Object.entries(components).sort(([a], [b]) => a.localeCompare(b))),
    },
    "x-socket-events": {
      description:
        "Client → server Socket.IO events (payload schemas; each is acknowledged with `{ ok: true, ... }` or an Error body). See docs/protocol.md.",
      events: socketEvents,
    },
  };
}
