/**
 * The web UI in a real browser: Debian's Chromium driven by playwright-core (no browser download), against the
 * server on 127.0.0.1 with the Terway example. Picks a blocked query with the pickers, sees the blocker and its
 * proven fix, copies the command, reloads the shared URL, opens the snapshot view, checks hostile snapshot strings
 * stay text, and that no page logged an error (a CSP violation would). Screenshots of the main views go to
 * docs/screenshots/ for README and docs/ui.md. Skipped, with a message, where /usr/bin/chromium is missing
 * (`.ci/run` installs it).
 */
import { existsSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { check } from '../engine/index.js';
import { loadSnapshot } from '../load/index.js';
import type { Snapshot } from '../model/snapshot.js';
import type { InspectInput } from '../render/inspect-report.js';
import { defaultUiRoot, type RunningServer, startServer } from './listen.js';

const CHROMIUM = '/usr/bin/chromium';
const hasChromium = existsSync(CHROMIUM);
if (!hasChromium) {
  console.warn(
    `ui.browser.test.ts skipped: ${CHROMIUM} is missing (apt-get install -y chromium; .ci/run installs it in CI)`,
  );
}

const EXAMPLE = fileURLToPath(new URL('../../examples/terway-dualstack', import.meta.url));
const SHOTS = fileURLToPath(new URL('../../docs/screenshots/', import.meta.url));
const BLOCKED = 'from=shop%2Fcheckout-5b8c7d9f4-c3v4b&to=api.github.com&port=443&protocol=tcp';

/** The launch flags from the machine notes: without the background-networking ones Chromium floods the closed network. */
const ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

const HOSTILE_NAT = '<img src=x onerror="window.__pwned=1">"\'\u001b[31m\u202eevil';
const HOSTILE_RDS = '<script>window.__pwned=2</script>';

let browser: Browser;
let server: RunningServer;
let hostileServer: RunningServer;
let context: BrowserContext;
const errors: string[] = [];

async function uiRoot(): Promise<string> {
  const existing = defaultUiRoot();
  if (existing !== undefined) return existing;
  const { build } = await import('vite');
  await build({
    configFile: fileURLToPath(new URL('../../ui/vite.config.ts', import.meta.url)),
    logLevel: 'warn',
  });
  const built = defaultUiRoot();
  if (built === undefined) throw new Error('the UI build did not produce dist/ui/index.html');
  return built;
}

/** The example with hostile strings where the UI shows them: a NAT gateway name (a hop) and an RDS description (a picker). */
function hostileCopy(loaded: InspectInput): InspectInput {
  const snapshot = structuredClone(loaded.snapshot) as { -readonly [K in keyof Snapshot]: Snapshot[K] } & {
    cloud: { natGateways: { name?: string }[]; rdsInstances: { description?: string }[] };
  };
  for (const gateway of snapshot.cloud.natGateways) gateway.name = HOSTILE_NAT;
  for (const rds of snapshot.cloud.rdsInstances) rds.description = HOSTILE_RDS;
  return { ...loaded, snapshot: snapshot as unknown as Snapshot };
}

async function newPage(options: { width?: number; height?: number; dark?: boolean } = {}): Promise<Page> {
  const page = await context.newPage();
  await page.setViewportSize({ width: options.width ?? 1280, height: options.height ?? 800 });
  if (options.dark === true) await page.emulateMedia({ colorScheme: 'dark' });
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(`${page.url()}: ${message.text()}`);
  });
  page.on('pageerror', (error) => errors.push(`${page.url()}: ${error.message}`));
  return page;
}

async function shot(page: Page, name: string, fullPage = true): Promise<void> {
  const path = `${SHOTS}${name}`;
  await page.screenshot({ path, fullPage });
  expect(statSync(path).size).toBeGreaterThan(5_000);
}

describe.skipIf(!hasChromium)('web UI in Chromium', { timeout: 120_000 }, () => {
  beforeAll(async () => {
    const root = await uiRoot();
    const loaded = await loadSnapshot(EXAMPLE);
    const common = {
      snapshotPath: 'examples/terway-dualstack',
      check,
      uiRoot: root,
      host: '127.0.0.1',
      port: 0,
    };
    server = await startServer({ ...common, loaded });
    hostileServer = await startServer({ ...common, loaded: hostileCopy(loaded) });
    browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ARGS });
    context = await browser.newContext();
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], {
      origin: server.url.slice(0, -1),
    });
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await hostileServer?.close();
  });

  it('picks a blocked query with the pickers, shows the blocker and its proven fix, copies the command', async () => {
    const page = await newPage();
    await page.goto(server.url);
    await page.locator('select[name=namespace]').selectOption('shop');
    await page.locator('select[name=workload]').selectOption('deployment/checkout');
    await page.locator('select[name=pod]').selectOption('shop/checkout-5b8c7d9f4-c3v4b');
    await page.locator('select[name=kind]').selectOption('Internet');
    await page.locator('select[name=pick]').selectOption('api.github.com');
    expect(await page.locator('input[name="port"]').inputValue()).toBe('443');
    await page.locator('form button[type=submit]').click();

    await expect.poll(() => page.locator('.verdict').textContent()).toContain('blocked at internet-exit');
    expect(page.url()).toContain(BLOCKED);
    const drop = page.locator('.hop.result-drop');
    expect(await drop.count()).toBe(1);
    expect(await drop.textContent()).toContain('ngw-bp1bz0gvdl8ytpcyseyk');
    expect(await drop.textContent()).toContain('BLOCKER'.toLowerCase());
    const blockers = page.locator('.blockers');
    expect(await blockers.textContent()).toContain('aliyun vpc CreateSnatEntry');
    expect(await blockers.locator('.proof').first().textContent()).toContain('After this fix: reachable');

    const command = (await blockers.locator('.copyable pre').first().textContent()) ?? '';
    await blockers.getByRole('button', { name: 'Copy command' }).first().click();
    await expect
      .poll(() => blockers.getByRole('button', { name: 'Copy command' }).first().textContent())
      .toBe('Copied');
    expect(await page.evaluate('navigator.clipboard.readText()')).toBe(command);
    await shot(page, 'trace-blocked.png');
    await page.close();
  });

  it('the URL holds the query: loading it again shows the same trace, with the DNS answer folded', async () => {
    const page = await newPage();
    await page.goto(`${server.url}?${BLOCKED}`);
    await expect.poll(() => page.locator('.verdict').textContent()).toContain('blocked at internet-exit');
    expect(await page.locator('input[name="from"]').inputValue()).toBe('shop/checkout-5b8c7d9f4-c3v4b');
    const dns = page.locator('.hop', { hasText: 'api.github.com resolves to' });
    expect(await dns.locator('details').getAttribute('open')).toBeNull();
    await dns.getByText('DNS resolution').click();
    expect(await dns.locator('.details').first().textContent()).toContain('140.82.112.5');
    expect(await page.locator('.edge.rewritten').first().textContent()).toContain(
      'api.github.com → 140.82.112.5',
    );
    await page.close();
  });

  it('is keyboard navigable: skip link first, the form reachable by Tab, the blocker link focuses the hop', async () => {
    const page = await newPage();
    await page.goto(`${server.url}?${BLOCKED}`);
    await expect.poll(() => page.locator('.verdict').textContent()).toContain('blocked');
    await page.keyboard.press('Tab');
    expect(await page.evaluate('document.activeElement?.textContent')).toBe('Skip to content');
    await page.locator('.blockers a').first().focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => page.evaluate('document.activeElement?.id')).toBe('hop-6');
    await page.close();
  });

  it('shows a workload as one path per group of pods', async () => {
    const page = await newPage();
    await page.goto(`${server.url}?from=media%2Fdeployment%2Ftranscoder&to=rm-bp1vy4p0kslx05iqw&port=3306`);
    await expect.poll(() => page.locator('.group').count()).toBeGreaterThan(0);
    expect(await page.locator('.group h3').first().textContent()).toMatch(/pods?: blocked/);
    await shot(page, 'trace-workload.png');
    await page.close();
  });

  it('shows the snapshot summary', async () => {
    const page = await newPage();
    await page.goto(server.url);
    await page.getByRole('button', { name: 'Snapshot' }).click();
    await expect.poll(() => page.locator('.summary').textContent()).toContain('Cluster facts');
    expect(page.url()).toContain('view=snapshot');
    expect(await page.locator('.summary').textContent()).toContain('vsw-bp1zjgcw5ubb1wqifun5');
    await shot(page, 'snapshot.png');
    await page.close();
  });

  it('shows the matrix as a heat map whose cells open their trace', async () => {
    const page = await newPage();
    await page.goto(`${server.url}?view=matrix`);
    const cell = page.getByRole('button', {
      name: 'shop/deployment/checkout#1 to 1.1.1.1: blocked at internet-exit',
    });
    await cell.waitFor({ timeout: 60_000 });
    expect(await page.locator('td.cell-reachable').count()).toBeGreaterThan(0);
    expect(await page.locator('td.cell-blocked').count()).toBeGreaterThan(0);
    await shot(page, 'matrix.png');
    await cell.click();
    await expect.poll(() => page.locator('.verdict').textContent()).toContain('blocked at internet-exit');
    expect(page.url()).toContain('to=1.1.1.1');
    await page.close();
  });

  it('lists the audit findings, sortable', async () => {
    const page = await newPage();
    await page.goto(`${server.url}?view=audit`);
    await page.locator('.audit tbody tr').first().waitFor({ timeout: 60_000 });
    expect(await page.locator('.audit tbody tr').first().textContent()).toContain('vsw-bp1zjgcw5ubb1wqifun5');
    await shot(page, 'audit.png', false);
    await page.getByRole('button', { name: /^Subject/ }).click();
    const subjects = await page.locator('.audit tbody tr td:nth-child(3)').allTextContents();
    expect(subjects).toEqual([...subjects].sort());
    await page.close();
  });

  it('is readable on a narrow window and in the dark theme', async () => {
    const narrow = await newPage({ width: 390, height: 844 });
    await narrow.goto(`${server.url}?${BLOCKED}`);
    await expect.poll(() => narrow.locator('.verdict').textContent()).toContain('blocked');
    const overflow = await narrow.evaluate('document.documentElement.scrollWidth - window.innerWidth');
    expect(overflow).toBeLessThanOrEqual(0);
    await shot(narrow, 'trace-narrow.png', false);
    await narrow.close();
    const dark = await newPage({ dark: true });
    await dark.goto(`${server.url}?${BLOCKED}`);
    await expect.poll(() => dark.locator('.verdict').textContent()).toContain('blocked');
    const background = await dark.evaluate('getComputedStyle(document.body).backgroundColor');
    expect(background).toBe('rgb(15, 18, 22)');
    await shot(dark, 'trace-dark.png', false);
    await dark.close();
  });

  it('renders hostile snapshot strings (<script>, quotes, ANSI, bidi) as text', async () => {
    const page = await newPage();
    await page.goto(`${hostileServer.url}?${BLOCKED}`);
    await expect.poll(() => page.locator('.verdict').textContent()).toContain('blocked');
    const drop = (await page.locator('.hop.result-drop').textContent()) ?? '';
    expect(drop).toContain('<img src=x onerror="window.__pwned=1">"\'\\x1b[31m\\u202eevil');
    await page.locator('select[name=kind]').selectOption('RDS');
    const options = await page.locator('select[name=pick]').locator('option').allTextContents();
    expect(options.some((text) => text.includes(HOSTILE_RDS))).toBe(true);
    expect(await page.locator('img').count()).toBe(0);
    expect(await page.locator('body script').count()).toBe(0);
    expect(await page.evaluate('window.__pwned')).toBeUndefined();
    await page.close();
  });

  it('logged no console error and no CSP violation on any page', () => {
    expect(errors).toEqual([]);
  });
});
