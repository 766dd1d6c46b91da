/**
 * antd's Select and DatePicker draw their clear (×) as a button in the Tab order, labelled "Clear" in
 * English whatever the locale: a clerk who picks a value with the arrow keys and Enter
 * and presses Tab lands on it, and the next field's typing goes nowhere (issue 19,
 * item 9). The mouse still clears; the keyboard clears with Backspace/Delete in the box.
 * One observer takes every such button out of the Tab order and names it in the
 * window's language.
 */
const SELECTOR = 'button.ant-select-clear, button.ant-picker-clear';

let label = '清除';

function fix(root: ParentNode): void {
  root.querySelectorAll<HTMLButtonElement>(SELECTOR).forEach((b) => {
    if (b.tabIndex !== -1) b.tabIndex = -1;
    if (b.getAttribute('aria-label') !== label) b.setAttribute('aria-label', label);
  });
}

let observer: MutationObserver | null = null;

/** Starts (once) and sets the label for the window's language. */
export function keepClearButtonsOutOfTabOrder(name: string): void {
  label = name;
  fix(document);
  if (observer) return;
  observer = new MutationObserver((mutations) => {
    for (const m of mutations) {
      for (const node of m.addedNodes) {
        if (node instanceof HTMLElement) {
          if (node.matches(SELECTOR)) fix(node.parentElement ?? document);
          else if (node.querySelector(SELECTOR)) fix(node);
        }
      }
    }
  });
  observer.observe(document.body, { childList: true, subtree: true });
}
