// Checks in a real browser that Swagger UI loads from the running service and that "Try it out" works:
// it creates a todo through the UI and expects 201. The test command runs it (SwaggerUiBrowserTest, in todo-app,
// which finds or installs Chromium, Node.js and playwright-core); against a service of your own:
//
//   npm install --prefix /tmp/pw playwright-core@1      # once; Chromium from your OS (Debian: apt install chromium)
//   NODE_PATH=/tmp/pw/node_modules node scripts/swagger-ui-check.cjs http://localhost:8080 [screenshot.png]
//
// Against a service in header mode it sends X-User-ID (TENANT, else swagger-ui-check); with TOKEN set (jwt mode) it
// uses "Authorize" instead. CHROMIUM names the browser (default /usr/bin/chromium).
const { chromium } = require('playwright-core');

(async () => {

const base = process.argv[2] ?? 'http://localhost:8080';
const screenshot = process.argv[3];
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  // No network but the service's: Chromium's background services would only be refused (or hang) without one.
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
         '--disable-component-update', '--disable-sync', '--no-first-run'],
});
try {
  const page = await browser.newPage();
  const failed = [];
  page.on('requestfailed', (r) => failed.push(r.url()));
  // Generous waits: a busy two-core CI machine is slow to start Chromium and render the page.
  await page.goto(`${base}/swagger-ui`, { timeout: 60000 });
  const post = page.locator('#operations-todos-createTodo');
  await post.waitFor({ timeout: 60000 });
  // The page is titled as the API is, and lists the v1 routes (tag todos) above the v2 ones.
  const title = await page.title();
  if (title !== 'todo') throw new Error(`the page's title is ${title}, expected todo`);
  const tags = await page.locator('h3.opblock-tag').evaluateAll((hs) => hs.map((h) => h.dataset.tag));
  if (tags[0] !== 'todos') throw new Error(`the first group is ${tags[0]}, expected todos (v1); groups: ${tags}`);
  console.log(`Swagger UI groups: ${tags.join(', ')}`);
  if (process.env.TOKEN) {
    await page.locator('button.authorize').first().click();
    const dialog = page.locator('.modal-ux');
    await dialog.locator('input[type="text"], input[type="password"]').first().fill(process.env.TOKEN);
    await dialog.locator('button.modal-btn.authorize').click();
    await dialog.locator('button.btn-done').click();
  }
  await post.locator('.opblock-summary').click();
  // The service turns "Try it out" on by default (openapi.properties); click it only if it is off.
  const tryItOut = post.getByRole('button', { name: 'Try it out' });
  if (await tryItOut.count()) await tryItOut.click();
  if (!process.env.TOKEN) {
    await post.locator('tr[data-param-name="X-User-ID"] input').fill(process.env.TENANT ?? 'swagger-ui-check');
  }
  await post.locator('textarea.body-param__text').fill('{"title": "Created from Swagger UI"}');
  await post.getByRole('button', { name: 'Execute' }).click();
  const status = post.locator('.live-responses-table .response .response-col_status').first();
  await status.waitFor({ timeout: 60000 });
  const code = (await status.innerText()).trim();
  if (screenshot) {
    // The answer in view: its status and body, as someone trying it out sees them.
    await post.locator('.live-responses-table').scrollIntoViewIfNeeded();
    await page.screenshot({ path: screenshot, fullPage: false });
  }
  if (failed.length) throw new Error(`requests failed: ${failed.join(', ')}`);
  if (code !== '201') throw new Error(`Try it out answered ${code}, expected 201`);
  console.log(`Swagger UI OK: Try it out created a todo (${code})`);
} finally {
  await browser.close();
}
})().catch((e) => {
  console.error(e.message);
  process.exit(1);
});
