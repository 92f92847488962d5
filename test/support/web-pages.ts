import type { BrowserContext, Page } from 'playwright-core';

/** Drops a file on an element as a person dragging it from their file manager would (a real drop event). */
export async function dropFile(page: Page, selector: string, name: string, content: string): Promise<void> {
  const transfer = await page.evaluateHandle(
    ({ name, content }) => {
      // Runs in the page (the test's tsconfig has no DOM types).
      const g = globalThis as unknown as { DataTransfer: new () => { items: { add(f: unknown): void } }; File: new (parts: string[], name: string, o: object) => unknown };
      const transfer = new g.DataTransfer();
      transfer.items.add(new g.File([content], name, { type: 'text/csv' }));
      return transfer;
    },
    { name, content },
  );
  await page.dispatchEvent(selector, 'dragover', { dataTransfer: transfer });
  await page.dispatchEvent(selector, 'drop', { dataTransfer: transfer });
}

/** The cells of a row of the submission page's problem table (0: the first problem). */
export async function reportRow(page: Page, index: number): Promise<string[]> {
  return page.getByRole('region', { name: 'Kết quả kiểm tra' }).getByRole('table').locator('tbody tr').nth(index).locator('td').allTextContents();
}

/**
 * Keeps a handle on every WebSocket the pages of a context open (an init script, before the app's own code),
 * so that a test can drop the live connection as a failing network or hub would.
 */
export async function trackWebSockets(context: BrowserContext): Promise<void> {
  await context.addInitScript(() => {
    const g = globalThis as unknown as { WebSocket: new (...args: unknown[]) => object; __sockets: object[] };
    const Original = g.WebSocket;
    g.__sockets = [];
    g.WebSocket = class extends Original {
      constructor(...args: unknown[]) {
        super(...args);
        g.__sockets.push(this);
      }
    } as typeof g.WebSocket;
  });
}

/**
 * Closes the page's WebSockets with a close code. 4401 is what the hub sends when it will not take the
 * connection back (its credentials no longer hold): the client stops retrying, as after a long outage.
 */
export async function dropWebSockets(page: Page, code: number): Promise<number> {
  return page.evaluate((code) => {
    const sockets = (globalThis as unknown as { __sockets: Array<{ readyState: number; close(code: number, reason: string): void }> }).__sockets;
    const open = sockets.filter((s) => s.readyState === 1);
    open.forEach((s) => s.close(code, 'test: connection dropped'));
    return open.length;
  }, code);
}
