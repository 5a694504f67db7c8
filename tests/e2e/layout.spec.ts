/**
 * Nothing that carries meaning is cut at 1024×768 (issue 14 #1, the layout test): connected,
 * with messages, a message and the packet log open, no visible text is truncated (its box
 * narrower than its text, clipped, ellipsized or spilling under a neighbour) unless an element around it
 * carries the whole text as its title. Placeholders count as text too.
 */
import { randomBytes } from 'node:crypto';
import type { Page } from '@playwright/test';
import { mosquittoPub } from '../support/mosquitto';
import { expect, requireMosquitto, test } from './fixtures';

requireMosquitto();

test.use({ viewport: { width: 1024, height: 768 } });

interface Cut {
  what: string;
  text: string;
  title: string;
}

// The page's DOM, as far as the probe uses it: this file is type-checked without the DOM library.
interface ProbeElement {
  tagName: string;
  id: string;
  className: unknown;
  scrollWidth: number;
  clientWidth: number;
  innerText?: string;
  textContent: string | null;
  placeholder?: string;
  value?: string;
  childNodes: Iterable<{ nodeType: number; textContent: string | null }>;
  closest(selector: string): ProbeElement | null;
  getAttribute(name: string): string | null;
  getBoundingClientRect(): { width: number; height: number; top: number; bottom: number };
}
interface ProbeStyle {
  overflowX: string;
  textOverflow: string;
  display: string;
  fontWeight: string;
  fontSize: string;
  fontFamily: string;
  paddingLeft: string;
  paddingRight: string;
}
interface ProbeWindow {
  innerHeight: number;
  getComputedStyle(element: ProbeElement): ProbeStyle;
  document: {
    querySelectorAll(selector: string): Iterable<ProbeElement>;
    createElement(tag: 'canvas'): {
      getContext(kind: '2d'): { font: string; measureText(text: string): { width: number } } | null;
    };
  };
}

/** Every visible truncated text on the page that no title spells out in full. */
function truncatedWithoutTitle(page: Page): Promise<Cut[]> {
  return page.evaluate(() => {
    const w = globalThis as unknown as ProbeWindow;
    const TEXT_NODE = 3;
    const cuts: Cut[] = [];
    const canvas = w.document.createElement('canvas').getContext('2d');
    const describe = (el: ProbeElement) =>
      `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}${typeof el.className === 'string' && el.className.trim() ? `.${el.className.trim().split(/\s+/).join('.')}` : ''}`;
    const titleAround = (el: ProbeElement) => el.closest('[title]')?.getAttribute('title') ?? '';
    const visible = (el: ProbeElement) => {
      // Text hidden from screen readers is still read by eyes: only what is not drawn is skipped.
      if (el.closest('[hidden], .monaco-editor')) return false;
      const box = el.getBoundingClientRect();
      return box.width > 2 && box.height > 2 && box.bottom > 0 && box.top < w.innerHeight;
    };
    const squash = (s: string) => s.replace(/\s+/g, ' ').trim();

    for (const el of w.document.querySelectorAll('body *')) {
      if (!visible(el)) continue;
      const style = w.getComputedStyle(el);
      // Scrolling boxes show the rest on scroll; only boxes that clip (or ellipsize) cut text.
      const clips =
        style.overflowX === 'hidden' || style.overflowX === 'clip' || style.textOverflow === 'ellipsis';
      // Text that spills out of its own box is cut too: by a neighbour painted over it.
      const ownText = [...el.childNodes].some((n) => n.nodeType === TEXT_NODE && n.textContent?.trim());
      const spills =
        ownText && style.display !== 'inline' && style.overflowX === 'visible' && el.clientWidth > 0;
      if ((clips || spills) && el.scrollWidth > el.clientWidth + 1) {
        const text = squash(el.innerText || el.textContent || '');
        if (!text) continue;
        const title = titleAround(el);
        if (!squash(title).includes(text)) cuts.push({ what: describe(el), text, title });
      }
      if (el.tagName === 'INPUT' && el.placeholder && !el.value && canvas) {
        canvas.font = `${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
        const room = el.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
        if (
          canvas.measureText(el.placeholder).width > room + 1 &&
          !titleAround(el).includes(el.placeholder)
        ) {
          cuts.push({ what: `placeholder of ${describe(el)}`, text: el.placeholder, title: titleAround(el) });
        }
      }
    }
    return cuts;
  });
}

test('at 1024×768, connected with messages, no meaningful text is cut without a title (issue 14 #1)', async ({
  app,
  broker,
}) => {
  const root = `layout-${randomBytes(3).toString('hex')}`;
  // The first screen, before anything is typed: placeholders and the Advanced summary.
  expect(await truncatedWithoutTitle(app.page)).toEqual([]);

  await app.connectAndSubscribe(broker, `${root}/#`);
  for (const room of ['kitchen', 'living-room-with-a-long-name']) {
    await mosquittoPub(broker, {
      topic: `${root}/building-a/floor-3/${room}/temperature`,
      message: JSON.stringify({ celsius: 21.5, humidity: 40, sensor: `${room}-sensor-with-serial-0001` }),
      qos: 1,
    });
  }
  await expect(app.messages.getByRole('row').filter({ hasText: 'kitchen' })).toHaveCount(1);
  await app.messages.getByRole('row').filter({ hasText: 'kitchen' }).click();
  // The packet log, with a CONNECT selected: its fields ("keepalive 60 s …") must read whole.
  const p = app.page;
  await p.getByRole('button', { name: 'Packets', exact: true }).click();
  const connect = p
    .getByRole('listbox', { name: 'Packets' })
    .getByRole('option')
    .filter({ has: p.getByText('CONNECT', { exact: true }) });
  await connect.click();
  await expect(p.getByRole('region', { name: 'Packet fields' })).toBeVisible();

  expect(await truncatedWithoutTitle(app.page)).toEqual([]);
});

test('the probe itself sees clipped, spilled and placeholder cuts, and accepts a title (issue 14 #1)', async ({
  app,
}) => {
  // Without this, a probe that finds nothing would pass the test above on any layout.
  await app.page.evaluate(() => {
    const w = globalThis as unknown as {
      document: { body: { insertAdjacentHTML(where: string, html: string): void } };
    };
    w.document.body.insertAdjacentHTML(
      'beforeend',
      `<div id="probe-cuts" style="position:fixed;top:100px;left:100px;background:#fff">
         <div id="clipped" style="width:60px;overflow:hidden;white-space:nowrap">a clipped sentence that is long</div>
         <div id="spilled" style="width:60px;white-space:nowrap">a spilled sentence that is long</div>
         <input id="hinted" style="width:60px" placeholder="a placeholder that is far too long">
         <div id="titled" title="a titled sentence that is long" style="width:60px;overflow:hidden;white-space:nowrap">a titled sentence that is long</div>
       </div>`,
    );
  });
  const cuts = (await truncatedWithoutTitle(app.page)).filter((cut) =>
    /#(clipped|spilled|hinted|titled)/.test(cut.what),
  );
  expect(cuts.map((cut) => cut.what).sort()).toEqual([
    'div#clipped',
    'div#spilled',
    'placeholder of input#hinted',
  ]);
});
