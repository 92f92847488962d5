import type { Page } from 'playwright-core';

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
