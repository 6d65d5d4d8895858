/// <reference lib="dom" />
/**
 * The search page in real headless Chromium (Debian's, driven by playwright-core): type a
 * question, read the first card, open the article, the no-JS path, XSS as text, axe-core, and
 * screenshots (light and dark) written to test-output/screenshots.
 */
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { type Browser, chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSearchEngine } from '../../src/index.js';
import { type RunningServer, startHttpServer } from '../../src/serve/http/index.js';
import { FIXTURES, PATIENCE_MS, patient, ROOT, SEEDS, tempDir } from '../helpers.js';

const CHROMIUM = process.env.SEMSEARCH_CHROMIUM ?? '/usr/bin/chromium';
const SHOTS = join(ROOT, 'test-output', 'screenshots');
const KURIL = [
  'Kunashir and Iturup',
  'southern part of the Kuril Islands',
  'South Kuril Island of Shikotan',
  'solve their territorial problem',
];
/** Width and height from a PNG's IHDR chunk (after the 8-byte signature and chunk header). */
function pngSize(png: Buffer): { width: number; height: number } {
  expect(png.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

describe('search page in Chromium', () => {
  const tmp = tempDir();
  let server: RunningServer;
  let browser: Browser;

  beforeAll(async () => {
    if (!existsSync(CHROMIUM))
      throw new Error(
        `Chromium not found at ${CHROMIUM}; install it (sudo apt-get install chromium) or set SEMSEARCH_CHROMIUM to its path.`,
      );
    const engine = await createSearchEngine({ indexDir: tmp.dir, logLevel: 'silent' });
    await engine.ingestPaths([SEEDS, join(FIXTURES, 'xss-article.txt')]);
    await engine.close();
    server = await startHttpServer(
      { indexDir: tmp.dir, port: 0, logLevel: 'silent' },
      { handleSignals: false, log: () => {} },
    );
    await server.engine.warmUp();
    browser = patient(
      await chromium.launch({
        executablePath: CHROMIUM,
        args: [
          '--no-sandbox',
          '--disable-gpu',
          '--disable-quic',
          '--no-first-run',
          '--disable-background-networking',
          '--disable-component-update',
          '--disable-sync',
        ],
      }),
    );
    mkdirSync(SHOTS, { recursive: true });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    tmp.cleanup();
  });

  it('typing the Kuril question shows a Kuril passage with a highlight first, and the article view highlights it', async () => {
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(m.text());
    });
    await page.goto(`${server.url}/`);
    await page.keyboard.press('/');
    await page.keyboard.type('what did Abe say about the Kurils');
    const first = page.locator('.card').first();
    await first.waitFor();
    await expect
      .poll(() => page.url(), { timeout: PATIENCE_MS })
      .toContain('q=what+did+Abe+say+about+the+Kurils');
    const text = await first.locator('.passage').first().innerText();
    expect(
      KURIL.some((s) => text.includes(s)),
      text,
    ).toBe(true);
    expect(await first.locator('.passage mark').count()).toBeGreaterThan(0);
    expect(await page.locator('#count').innerText()).toMatch(/^1–3 of 3 articles for/);
    // One card per article: no title repeats.
    const titles = await page.locator('.card h2').allInnerTexts();
    expect(new Set(titles).size).toBe(titles.length);
    // Arrow keys move through the results.
    await page.locator('#q').focus();
    await page.keyboard.press('ArrowDown');
    expect(await page.evaluate(() => document.activeElement?.className)).toBe('hit-link');

    const passageText = await first.locator('.passage').first().innerText();
    await first.locator('a.hit-link').click();
    await page.waitForURL(/\/articles\//);
    const mark = page.locator('#hit');
    // The snippet (cropped, "…" where cut) lies inside the marked passage of the article.
    const marked = (await page.locator('[data-match]').allInnerTexts()).join(' ').replace(/\s+/g, ' ');
    for (const piece of passageText.split('…').filter((x) => x.trim().length > 20))
      expect(marked).toContain(piece.trim().replace(/\s+/g, ' '));
    await expect
      .poll(() =>
        mark.evaluate((el) => {
          const r = el.getBoundingClientRect();
          return r.top < window.innerHeight && r.bottom > 0;
        }),
      )
      .toBe(true);
    expect(errors, errors.join('\n')).toEqual([]);
    await page.close();
  });

  it('the plain form GET works with JavaScript off and gives a shareable URL', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${server.url}/`);
    await page.fill('#q', 'How does Japan see its alliance with the United States?');
    await page.click('button[type=submit]');
    await page.waitForURL(/\?q=/);
    const first = await page.locator('.card .passage').first().innerText();
    expect(first).toContain('The alliance with the United States is the foundation');
    const shared = page.url();
    const again = await context.newPage();
    await again.goto(shared);
    expect(await again.locator('.card .passage').first().innerText()).toBe(first);
    await context.close();
  });

  it('article text with markup renders as text: no script runs, no element is injected', async () => {
    const page = await browser.newPage();
    let dialogs = 0;
    page.on('dialog', async (d) => {
      dialogs++;
      await d.dismiss();
    });
    await page.goto(`${server.url}/?q=${encodeURIComponent('attacker Kuril fisheries img onerror')}`);
    const card = page.locator('.card').first();
    expect(await card.locator('h2').innerText()).toContain('<script>alert("xss")</script>');
    expect(await card.innerText()).toContain('<img src=x onerror="alert(1)">');
    expect(await page.locator('.card img, .card script').count()).toBe(0);
    await card.locator('a.hit-link').click();
    await page.waitForURL(/\/articles\//);
    expect(await page.locator('.article-text img, .article-text script, .article-text b').count()).toBe(0);
    expect(await page.locator('h1').innerText()).toContain('<script>');
    expect(dialogs).toBe(0);
    const response = await page.request.get(`${server.url}/`);
    expect(response.headers()['content-security-policy']).toContain("script-src 'self'");
    // No inline event handler anywhere in the markup (the escaped text holds "onerror=" only as text).
    expect(await page.content()).not.toMatch(/<[^>]+\son[a-z]+\s*=/i);
    await page.close();
  });

  for (const scheme of ['light', 'dark'] as const) {
    it(`has no serious accessibility violations (${scheme}) and writes a screenshot`, async () => {
      const context = await browser.newContext({
        colorScheme: scheme,
        viewport: { width: 1024, height: 900 },
        bypassCSP: true,
      });
      const page = await context.newPage();
      await page.goto(`${server.url}/?q=${encodeURIComponent('what did Abe say about the Kurils')}&k=5`);
      const shot = await page.screenshot({ path: join(SHOTS, `results-${scheme}.png`), fullPage: true });
      // A real PNG of the full results page: the viewport's width; compact cards fit one screen.
      expect(pngSize(shot)).toMatchObject({ width: 1024 });
      expect(pngSize(shot).height).toBeGreaterThanOrEqual(900);
      const body = (await page.textContent('body')) ?? '';
      expect(KURIL.some((k) => body.includes(k))).toBe(true);
      await page.addScriptTag({ content: AXE_SOURCE });
      const result = (await page.evaluate(async () => {
        const axe = (
          window as unknown as {
            axe: {
              run: (
                ctx: Document,
                opts: unknown,
              ) => Promise<{ violations: Array<{ id: string; impact: string; nodes: unknown[] }> }>;
            };
          }
        ).axe;
        return axe.run(document, {
          runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21aa', 'best-practice'] },
        });
      })) as { violations: Array<{ id: string; impact: string; nodes: unknown[] }> };
      const serious = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
      expect(serious.map((v) => `${v.id} (${v.nodes.length})`)).toEqual([]);
      const phone = await browser.newContext({
        colorScheme: scheme,
        viewport: { width: 390, height: 844 },
        isMobile: true,
      });
      const mobile = await phone.newPage();
      await mobile.goto(`${server.url}/?q=${encodeURIComponent('what did Abe say about the Kurils')}&k=3`);
      expect(await mobile.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(
        true,
      );
      const phoneShot = await mobile.screenshot({ path: join(SHOTS, `results-${scheme}-phone.png`) });
      const { width } = pngSize(phoneShot);
      // The phone shot is the phone's viewport in device pixels (scale factor 1 or more).
      expect(width % 390).toBe(0);
      expect(pngSize(phoneShot).height / width).toBeCloseTo(844 / 390, 2);
      await phone.close();
      await context.close();
    });
  }
});
