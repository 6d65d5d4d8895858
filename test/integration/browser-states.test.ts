/// <reference lib="dom" />
/**
 * The search page's states in real headless Chromium: facets that filter, paging, zero results
 * that name the filters, the no-good-match notice, the styled 404, a 200-character unbroken
 * query on a phone, Back and shared URLs, the server going away mid-session, the article view;
 * axe-core on each state, and screenshots at 1280 and 390 px in light and dark.
 */
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSearchEngine } from '../../src/index.js';
import { type RunningServer, startHttpServer } from '../../src/serve/http/index.js';
import { PATIENCE_MS, patient, ROOT, SEEDS, tempDir } from '../helpers.js';

const CHROMIUM = process.env.SEMSEARCH_CHROMIUM ?? '/usr/bin/chromium';
const SHOTS = join(ROOT, 'test-output', 'screenshots');
const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const KURILS = 'what did Abe say about the Kurils';
const NONSENSE = 'zxqvbn flurbok quaggle';

async function seriousViolations(page: Page): Promise<string[]> {
  await page.addScriptTag({ content: AXE_SOURCE });
  const result = (await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (d: Document, o: unknown) => Promise<unknown> } }).axe;
    return axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21aa', 'best-practice'] },
    });
  })) as { violations: Array<{ id: string; impact: string; nodes: unknown[] }> };
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.nodes.length})`);
}

describe('search page states in Chromium', () => {
  const tmp = tempDir();
  let server: RunningServer;
  let browser: Browser;

  beforeAll(async () => {
    if (!existsSync(CHROMIUM))
      throw new Error(
        `Chromium not found at ${CHROMIUM}; install it (sudo apt-get install chromium) or set SEMSEARCH_CHROMIUM to its path.`,
      );
    const engine = await createSearchEngine({ indexDir: tmp.dir, logLevel: 'silent' });
    await engine.ingestPaths([SEEDS]);
    await engine.close();
    server = await startHttpServer(
      { indexDir: tmp.dir, port: 0, logLevel: 'silent' },
      { handleSignals: false, log: () => {} },
    );
    await server.engine.warmUp();
    browser = patient(
      await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu'] }),
    );
    mkdirSync(SHOTS, { recursive: true });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    tmp.cleanup();
  });

  it('at 1280 px the first screen shows Abe’s words on the islands, then both Kuril articles, each once, with snippets; facets filter', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await page.goto(`${server.url}/?q=${encodeURIComponent(KURILS)}`);
    // The answer is the words: the speaker's statements come first, on the first screen.
    const first = page.locator('.statement').first();
    expect(await page.locator('.statements-head').innerText()).toBe('What Shinzo Abe said about Kurils:');
    expect(await first.innerText()).toContain('Kunashir and Iturup');
    const said = await first.boundingBox();
    expect(said && said.y + said.height).toBeLessThanOrEqual(800);
    const cards = page.locator('.card');
    expect(await cards.count()).toBe(2);
    const titles = await page.locator('.card h2').allInnerTexts();
    expect(new Set(titles).size).toBe(2);
    for (let i = 0; i < 2; i++) {
      const snippet = await cards.nth(i).locator('.passage').first().innerText();
      expect(snippet.length).toBeLessThanOrEqual(245);
      expect(await cards.nth(i).locator('.passage mark').count()).toBeGreaterThan(0);
    }
    // Scores only behind the toggle.
    expect(await page.locator('.card .score').count()).toBe(0);
    await page.goto(`${server.url}/?q=${encodeURIComponent(KURILS)}&explain=1`);
    expect(await page.locator('.card .score').count()).toBe(2);
    // Facets: clicking a year narrows the results and keeps the query in the URL.
    const dated = page.locator('.facet', { hasText: 'TASS' });
    expect(await dated.count()).toBe(1);
    expect(await dated.locator('.facet-count').innerText()).toBe('2');
    await dated.click();
    await page.waitForURL(/source=TASS/);
    expect(page.url()).toContain('q=what+did+Abe');
    expect(await page.locator('.card').count()).toBe(2);
    await page.close();
  });

  it('the first screen shows the archive: an h1, example questions that answer, the newest articles, the most quoted', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await page.goto(`${server.url}/`);
    expect(await page.locator('h1').count()).toBe(1);
    expect(await page.locator('h1').innerText()).toMatch(/^Search \d+ articles?$/);
    expect(
      await page.locator('.home-block', { hasText: 'Newest articles' }).locator('li').count(),
    ).toBeGreaterThan(0);
    expect(await page.locator('.home-block', { hasText: 'Most quoted' }).innerText()).toContain('Shinzo Abe');
    expect(await page.locator('.examples a').count()).toBeGreaterThan(0);
    const example = page.locator('.examples a').first();
    const question = await example.innerText();
    await example.click();
    await page.waitForURL(/\?q=/);
    expect(await page.locator('#q').inputValue()).toBe(question);
    expect(await page.locator('.card').count()).toBeGreaterThan(0);
    expect(await page.locator('h1').count()).toBe(1);
    // Back to the first screen.
    await page.goBack();
    await page.locator('#home-title').waitFor();
    await page.close();
  });

  it('paging: one result per page, next and previous', async () => {
    const page = await browser.newPage();
    await page.goto(`${server.url}/?q=${encodeURIComponent(KURILS)}&k=1`);
    const first = await page.locator('.card h2').innerText();
    expect(await page.locator('#count').innerText()).toMatch(/^1–1 of 2/);
    await page.click('a.page-next');
    await page.waitForURL(/offset=1/);
    const second = await page.locator('.card h2').innerText();
    expect(second).not.toBe(first);
    expect(await page.locator('a.page-next').count()).toBe(0);
    await page.click('a.page-prev');
    await page.waitForURL((u) => !u.search.includes('offset'));
    expect(await page.locator('.card h2').innerText()).toBe(first);
    await page.close();
  });

  it('zero results name the filters and offer to clear them; empty parameters are dropped', async () => {
    const page = await browser.newPage({ bypassCSP: true });
    await page.goto(`${server.url}/?q=${encodeURIComponent(KURILS)}&source=Reuters&dateFrom=&dateTo=&place=`);
    // The plain form GET's empty fields are dropped from the address.
    expect(new URL(page.url()).search).toBe('?q=what+did+Abe+say+about+the+Kurils&source=Reuters');
    const empty = page.locator('.empty');
    expect(await empty.innerText()).toContain('with source Reuters');
    expect(await seriousViolations(page)).toEqual([]);
    await page.click('a.clear-filters');
    await page.waitForURL((u) => !u.search.includes('source'));
    expect(await page.locator('.card').count()).toBe(2);
    await page.close();
  });

  it('a nonsense question gets the no-good-match notice', async () => {
    const page = await browser.newPage();
    await page.goto(`${server.url}/?q=${encodeURIComponent(NONSENSE)}`);
    const notice = page.locator('.notice, .empty');
    expect(await notice.first().innerText()).toMatch(/No good match|No articles match/);
    await page.close();
  });

  it('a missing article and an unknown path get the styled 404 page', async () => {
    const page = await browser.newPage();
    for (const path of ['/articles/nope', '/no/such/page']) {
      const res = await page.goto(`${server.url}${path}`);
      expect(res?.status()).toBe(404);
      expect(await page.locator('h1').innerText()).toBe('Not found');
      expect(await page.locator('link[rel=stylesheet]').count()).toBe(1);
      expect(await page.locator('a[href="/"]').count()).toBeGreaterThan(0);
    }
    // The API keeps its JSON 404.
    const api = await page.request.get(`${server.url}/v1/nothing`);
    expect(api.status()).toBe(404);
    expect((await api.json()).error.code).toBe('NOT_FOUND');
    await page.close();
  });

  it('a 200-character unbroken query does not widen the page at 390 px', async () => {
    const phone = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true });
    const page = await phone.newPage();
    const long = 'x'.repeat(200);
    await page.goto(`${server.url}/?q=${long}`);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await page.goto(`${server.url}/?q=${long}&source=${long}`);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await phone.close();
  });

  it('Back restores the earlier question and its filters', async () => {
    const page = await browser.newPage();
    await page.goto(`${server.url}/?q=${encodeURIComponent(KURILS)}&source=TASS`);
    await page.fill('#q', 'alliance with the United States');
    await page.press('#q', 'Enter');
    await page.waitForURL(/alliance/);
    expect(page.url()).toContain('source=TASS');
    await page.goBack();
    await page.waitForURL(/Kurils/);
    expect(page.url()).toContain('source=TASS');
    await expect.poll(() => page.inputValue('#q'), { timeout: PATIENCE_MS }).toBe(KURILS);
    await expect.poll(() => page.locator('#count').innerText(), { timeout: PATIENCE_MS }).toContain(KURILS);
    await page.close();
  });

  it('when the server goes away mid-session, a new question shows an error, not the old results', async () => {
    const dir = tempDir();
    const engine = await createSearchEngine({ indexDir: dir.dir, logLevel: 'silent' });
    await engine.ingestPaths([SEEDS]);
    await engine.close();
    const doomed = await startHttpServer(
      { indexDir: dir.dir, port: 0, logLevel: 'silent' },
      { handleSignals: false, log: () => {} },
    );
    const page = await browser.newPage();
    await page.goto(`${doomed.url}/?q=${encodeURIComponent(KURILS)}`);
    expect(await page.locator('.card').count()).toBe(2);
    await doomed.close();
    await page.fill('#q', 'alliance with the United States');
    await page.press('#q', 'Enter');
    const alert = page.locator('.error[role=alert]');
    await alert.waitFor();
    expect(await alert.innerText()).toMatch(/could not be reached/);
    expect(await page.locator('.card').count()).toBe(0);
    await page.close();
    dir.cleanup();
  });

  it('the article view: paragraphs, a sticky header, matched passages with previous/next', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 700 }, bypassCSP: true });
    await page.goto(`${server.url}/?q=${encodeURIComponent(KURILS)}`);
    // Keyboard: / focuses the question, arrows move to a result, Enter opens it.
    await page.keyboard.press('/');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('q');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    expect(await page.evaluate(() => document.activeElement?.className)).toBe('hit-link');
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/articles\//);
    expect(await page.locator('.article-text p').count()).toBeGreaterThan(3);
    expect(await page.locator('.match-start').count()).toBeGreaterThan(0);
    await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
    const head = await page.locator('.article-head').boundingBox();
    expect(head?.y).toBe(0);
    expect(await page.locator('.article-head h1').isVisible()).toBe(true);
    const count = await page.locator('.match-start').count();
    if (count > 1) {
      await page.click('a.match-next');
      const focused = await page.evaluate(() => document.activeElement?.getAttribute('data-match'));
      expect(focused).not.toBeNull();
    }
    expect(await page.locator('a', { hasText: 'Back to results' }).getAttribute('href')).toContain('q=');
    expect(await seriousViolations(page)).toEqual([]);
    await page.close();
  });

  for (const scheme of ['light', 'dark'] as const) {
    for (const width of [1280, 390]) {
      it(`screenshots of every state (${scheme}, ${width} px) with no serious accessibility violations`, async () => {
        const context = await browser.newContext({
          colorScheme: scheme,
          viewport: { width, height: width === 390 ? 844 : 800 },
          isMobile: width === 390,
          bypassCSP: true,
        });
        const page = await context.newPage();
        const shot = async (name: string) => {
          expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
          await page.screenshot({ path: join(SHOTS, `${name}-${width}-${scheme}.png`) });
        };
        await page.goto(`${server.url}/`);
        expect(await seriousViolations(page)).toEqual([]);
        await shot('first-screen');
        await page.goto(`${server.url}/?q=${encodeURIComponent(KURILS)}`);
        expect(await seriousViolations(page)).toEqual([]);
        await shot('results');
        await page.locator('a.hit-link').first().click();
        await page.waitForURL(/\/articles\//);
        await shot('article');
        await page.goto(`${server.url}/?q=${encodeURIComponent(KURILS)}&source=Reuters`);
        await shot('no-results');
        await page.goto(`${server.url}/?q=${encodeURIComponent(NONSENSE)}`);
        expect(await seriousViolations(page)).toEqual([]);
        await shot('weak');
        // The error state: the next request fails.
        await page.goto(`${server.url}/?q=${encodeURIComponent(KURILS)}`);
        await page.route('**/?*fragment=1*', (route) => route.abort('connectionrefused'));
        await page.fill('#q', 'alliance with the United States');
        await page.press('#q', 'Enter');
        await page.locator('.error[role=alert]').waitFor();
        expect(await seriousViolations(page)).toEqual([]);
        await shot('error');
        await context.close();
      });
    }
  }
});
