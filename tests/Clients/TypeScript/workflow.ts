// The filing -> amend -> submit -> review -> pack -> bulk workflow through an openapi-fetch client typed by openapi-typescript
// from openapi.yaml: no casts and no untyped calls (.ci/generated-clients refuses both). Each call is a step.
import createClient from "openapi-fetch";
import type { components, paths } from "./generated/schema.js";

type Schemas = components["schemas"];
const baseUrl = process.argv[2] ?? "";
const secretariatKey = process.argv[3] ?? "";
if (baseUrl === "" || secretariatKey === "") {
  console.error("usage: node dist/workflow.js BASE_URL SECRETARIAT_KEY");
  process.exit(2);
}
let steps = 0;

function check(condition: boolean, what: string): void {
  if (!condition) throw new Error(`expected ${what}`);
}

/** One call: its typed data when the status is the expected one, else the step fails with the problem the server sent. */
async function step<T>(name: string, call: () => Promise<{ data?: T; error?: unknown; response: Response }>, status = 200): Promise<{ data: T; response: Response }> {
  steps++;
  const { data, error, response } = await call();
  if (response.status !== status || data === undefined) {
    throw new Error(`step ${steps}: ${name}: ${response.status} ${JSON.stringify(error)}`);
  }
  console.log(`typescript step ${steps}: ${name}: ok`);
  return { data, response };
}

function connect(key: string) {
  return createClient<paths>({ baseUrl, headers: { "X-Api-Key": key } });
}

function etag(response: Response): string {
  const tag = response.headers.get("ETag");
  if (tag === null) throw new Error("no ETag");
  return tag;
}

async function main(): Promise<void> {
  const admin = connect(secretariatKey);
  const cycle = "typescript-open";
  const me = await step("who am I", () => admin.GET("/v1/me"));
  check(me.data.role === "secretariat", "a secretariat key");
  const day = 24 * 3600 * 1000;
  const now = Date.now();
  await step("open a cycle", () => admin.POST("/v1/cycles", {
    body: {
      id: cycle, title: "A cycle for the TypeScript client", opensAt: new Date(now - 10 * day).toISOString(),
      dueAt: new Date(now + 30 * day).toISOString(), graceUntil: new Date(now + 37 * day).toISOString(), state: "open", instruments: ["BD", "ST"],
    },
  }), 201);
  const issued = await step("issue a liaison key", () => admin.POST("/v1/api-keys", { body: { role: "liaison", participantId: "GB", label: "UK liaison" } }), 201);
  const gb = connect(issued.data.secret);

  const filing: Schemas["FileUpdateRequest"] = {
    participantId: "GB", commitmentId: "BD-1", cycleId: cycle, status: "substantial", summary: "AI Safety Institute established and funded.",
    mainMessage: "On track.", confidentiality: "public", plannedCompletion: "2024-12-31", submit: false,
    evidence: [{ url: "https://www.gov.uk/government/publications/ai-safety-institute-overview", title: "AISI overview", kind: "webpage" }],
  };
  const filed = await step("file an update", () => gb.POST("/v1/updates", { params: { header: { "Idempotency-Key": "ts-1" } }, body: filing }), 201);
  check(filed.data.state === "draft" && filed.data.assessedStatus === null, "a draft with no assessment");
  const replay = await step("retry the filing", () => gb.POST("/v1/updates", { params: { header: { "Idempotency-Key": "ts-1" } }, body: filing }), 201);
  check(replay.data.id === filed.data.id && replay.response.headers.get("Idempotent-Replayed") === "true", "the same update, replayed");
  const id = filed.data.id;
  const path = { id };

  const amended = await step("amend it", () => gb.PUT("/v1/updates/{id}", {
    params: { path, header: { "If-Match": etag(filed.response) } },
    body: { status: "complete", summary: "Done.", evidence: [], confidentiality: "public" },
  }));
  check(amended.data.revision === 2, "revision 2");
  const submitted = await step("submit it", () => gb.POST("/v1/updates/{id}/submit", { params: { path, header: { "If-Match": etag(amended.response) } } }));
  check(submitted.data.state === "submitted", "submitted");
  const read = await step("read it as the secretariat", () => admin.GET("/v1/updates/{id}", { params: { path } }));
  const reviewed = await step("accept it with an assessment", () => admin.POST("/v1/updates/{id}/review", {
    params: { path, header: { "If-Match": etag(read.response) } },
    body: { decision: "accept", comment: "Complete and eligible.", assessedStatus: "substantial", commentVisibility: "participant" },
  }));
  check(reviewed.data.state === "accepted" && reviewed.data.assessedStatus === "substantial", "accepted, assessed substantial");
  const listed = await step("list accepted updates", () => admin.GET("/v1/updates", { params: { query: { cycle, state: "accepted", limit: 50 } } }));
  check(listed.data.items.some((u) => u.id === id), "the update in the list");

  const frozen = await step("freeze a briefing pack", () => admin.POST("/v1/cycles/{id}/briefing-packs", {
    params: { path: { id: cycle }, header: { "Idempotency-Key": "ts-pack" } }, body: { audience: "public" },
  }), 201);
  await step("read the frozen pack", () => admin.GET("/v1/briefing-packs/{packId}", { params: { path: { packId: frozen.data.id } } }));

  const bulk = await step("file in bulk (JSON rows)", () => gb.POST("/v1/participants/{id}/updates/bulk", {
    params: { path: { id: "GB" }, query: { cycle } },
    body: [{ commitmentId: "BD-2", status: "limited", summary: "Research partnerships.", confidentiality: "public", submit: true }],
  }));
  check(bulk.data.filed === 1 && bulk.data.submitted === 1, "one filed and submitted");
  const csv = "commitmentId,status,summary,confidentiality,submit\r\nST-1,limited,Testing regime drafted.,public,no\r\n";
  const sheet = await step("file in bulk (the CSV sheet)", () => gb.POST("/v1/participants/{id}/updates/bulk", {
    params: { path: { id: "GB" }, query: { cycle, dryRun: true } },
    body: csv, bodySerializer: (body) => body, headers: { "Content-Type": "text/csv" },
  }));
  check(sheet.data.dryRun && sheet.data.filed === 1, "one row checked, nothing written");

  steps++;
  const again = await gb.POST("/v1/updates", { body: filing });
  const problem: Schemas["ProblemDetails"] | undefined = again.error;
  check(again.response.status === 409 && problem?.type.endsWith("/problems/already-filed") === true && problem.existingId === id, "already-filed naming the update");
  console.log(`typescript step ${steps}: a second filing is a typed 409 already-filed: ok`);
}

main().then(
  () => console.log(`typescript: ${steps} of ${steps} workflow steps done`),
  (e: unknown) => {
    console.log(`typescript step ${steps}: FAILED ${e instanceof Error ? e.message : String(e)}`);
    console.log(`typescript: ${steps - 1} workflow steps done, then one refused`);
    process.exit(1);
  });
