// The service's /mcp driven by the official MCP TypeScript SDK (@modelcontextprotocol/sdk), as a Node.js agent
// would drive it: Streamable HTTP, header mode (X-User-ID). Run by McpTypeScriptClientTest from the folder whose
// node_modules holds the SDK: node typescript-client-check.mjs <base URL> <tenant A> <tenant B>.
// Prints one line "SUMMARY {json}" with what it saw, for the Java test to assert on; exits 1 if a check fails here.
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { McpError } from '@modelcontextprotocol/sdk/types.js';

const [base, tenantA, tenantB] = process.argv.slice(2);
const summary = { checks: [], failures: [] };

function check(name, ok, detail) {
  summary.checks.push(name);
  if (!ok) {
    summary.failures.push(`${name}: ${JSON.stringify(detail)}`);
  }
}

async function connect(tenant) {
  const transport = new StreamableHTTPClientTransport(new URL('/mcp', base), {
    requestInit: { headers: { 'X-User-ID': tenant } },
  });
  const client = new Client({ name: 'todo-typescript-check', version: '1.0.0' });
  await client.connect(transport);
  return client;
}

/** The JSON-RPC error a call ends with, or null when it answers. */
async function rpcError(call) {
  try {
    await call();
    return null;
  } catch (e) {
    return e instanceof McpError ? { code: e.code, message: e.message, data: e.data ?? null } : { thrown: String(e) };
  }
}

async function ok(client, name, args) {
  const result = await client.callTool({ name, arguments: args });
  check(`${name} answers`, result.isError !== true && result.structuredContent !== undefined, result);
  check(`${name} has a text rendering`, result.content?.[0]?.type === 'text', result.content);
  return result.structuredContent;
}

try {
  const alice = await connect(tenantA);
  summary.server = alice.getServerVersion();
  summary.protocolVersion = alice.transport?.protocolVersion ?? null;
  const capabilities = alice.getServerCapabilities();
  summary.capabilities = Object.keys(capabilities ?? {}).sort();

  const { tools } = await alice.listTools();
  summary.tools = {};
  for (const tool of tools) {
    summary.tools[tool.name] = {
      inputType: tool.inputSchema?.type,
      inputProperties: Object.keys(tool.inputSchema?.properties ?? {}).sort(),
      required: tool.inputSchema?.required ?? [],
      outputType: tool.outputSchema?.type ?? null,
      annotations: tool.annotations ?? null,
    };
  }

  // Every tool, on one todo.
  const added = await ok(alice, 'add_task', { title: 'Buy milk', priority: 'high', tags: ['home'] });
  const id = added.id;
  summary.added = added;
  summary.got = await ok(alice, 'get_task', { task_id: id });
  summary.updated = await ok(alice, 'update_task', { task_id: id, title: 'Buy oat milk' });
  summary.completed = await ok(alice, 'complete_task', { task_id: id });
  summary.listed = (await ok(alice, 'list_tasks', { status: 'completed' })).items.map((t) => t.id);

  // A broken rule is a tool result with isError; a call that does not fit the schema is a JSON-RPC error.
  const blank = await alice.callTool({ name: 'add_task', arguments: { title: '  ' } });
  summary.toolError = { isError: blank.isError === true, code: blank.structuredContent?.error?.code ?? null,
    field: blank.structuredContent?.error?.fields?.[0]?.field ?? null };
  summary.malformed = await rpcError(() => alice.callTool({ name: 'add_task', arguments: { title: 42 } }));
  summary.unknownTool = await rpcError(() => alice.callTool({ name: 'no_such_tool', arguments: {} }));

  // Resources: the template, a read, and what is not the caller's.
  summary.resourceTemplates = (await alice.listResourceTemplates()).resourceTemplates;
  summary.resources = (await alice.listResources()).resources;
  const read = await alice.readResource({ uri: `todo://tasks/${id}` });
  summary.read = { uri: read.contents[0].uri, mimeType: read.contents[0].mimeType,
    todo: JSON.parse(read.contents[0].text) };
  summary.readMalformed = await rpcError(() => alice.readResource({ uri: 'todo://tasks/not-an-id' }));
  summary.readOutside = await rpcError(() => alice.readResource({ uri: `todo://tasks/../tasks/${id}` }));

  // Two tenants: Bob sees nothing of Alice's, by tool or by resource, and changes nothing.
  const bob = await connect(tenantB);
  summary.bob = {
    list: (await ok(bob, 'list_tasks', {})).items.length,
    get: (await bob.callTool({ name: 'get_task', arguments: { task_id: id } })).structuredContent?.error?.code,
    delete: (await bob.callTool({ name: 'delete_task', arguments: { task_id: id } })).structuredContent?.error?.code,
    read: await rpcError(() => bob.readResource({ uri: `todo://tasks/${id}` })),
  };
  summary.aliceAfterBob = (await ok(alice, 'get_task', { task_id: id })).title;

  summary.deleted = await ok(alice, 'delete_task', { task_id: id });
  summary.readDeleted = await rpcError(() => alice.readResource({ uri: `todo://tasks/${id}` }));

  await bob.close();
  await alice.close();
} catch (e) {
  summary.failures.push(`unexpected: ${e?.stack ?? e}`);
}

console.log('SUMMARY ' + JSON.stringify(summary));
process.exit(summary.failures.length === 0 ? 0 : 1);
