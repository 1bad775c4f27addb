/**
 * The console's menu: the WAI-ARIA tabs pattern (https://www.w3.org/WAI/ARIA/apg/patterns/tabs/)
 * over its sections, so each task is one click away and none needs a long scroll.
 *
 * - Click, Enter or Space on a tab shows its panel; Left/Right move to the previous/next tab
 *   (wrapping) and show it, Home/End the first/last. Only the selected tab is in the Tab order;
 *   Tab then goes into the panel.
 * - The URL fragment names the panel (`/admin#members-panel`): a link or a reload opens it.
 * - Review queue, Approved and Rejected show how many cities each holds.
 */
import { byId, el, replace } from './dom';

export type PanelId = 'review' | 'approved' | 'rejected' | 'inquiries' | 'members' | 'newsletter';

const tablist = byId('console-tabs');
const tabs = [...tablist.querySelectorAll<HTMLButtonElement>('[role=tab]')];

const idOf = (tab: HTMLElement): PanelId => tab.id.replace(/^tab-/, '') as PanelId;
const panelOf = (tab: HTMLElement): HTMLElement => byId(tab.getAttribute('aria-controls') ?? '');

/** Shows one section and hides the others; `focus` moves the keyboard focus to its tab. */
export function selectTab(id: PanelId, options: { focus?: boolean; remember?: boolean } = {}): void {
  for (const tab of tabs) {
    const selected = idOf(tab) === id;
    tab.setAttribute('aria-selected', String(selected));
    tab.tabIndex = selected ? 0 : -1;
    panelOf(tab).hidden = !selected;
    if (selected && options.focus) tab.focus();
  }
  // The fragment follows the choice without adding a history entry per click.
  if (options.remember) history.replaceState(null, '', `#${id}-panel`);
}

/** The section a URL fragment names (`#members-panel`, or `#members`), if any. */
function fromHash(): PanelId | undefined {
  const name = decodeURIComponent(location.hash.slice(1)).replace(/-panel$/, '');
  return tabs.map(idOf).find((id) => id === name);
}

/** Opens the section a URL fragment names, or the review queue. */
export function selectFromUrl(): void {
  selectTab(fromHash() ?? 'review');
}

/** Shows how many items a section holds, on its tab (`Review queue, 3`). */
export function setCount(id: PanelId, count: number | undefined): void {
  const badge = document.getElementById(`count-${id}`);
  if (!badge) return;
  if (count === undefined) {
    badge.hidden = true;
    badge.replaceChildren();
    return;
  }
  replace(badge, el('span', { class: 'visually-hidden' }, ', '), String(count));
  badge.hidden = false;
}

for (const tab of tabs) {
  tab.addEventListener('click', () => selectTab(idOf(tab), { remember: true }));
  tab.addEventListener('keydown', (event) => {
    const index = tabs.indexOf(tab);
    const target =
      event.key === 'ArrowRight' ? tabs[(index + 1) % tabs.length]
      : event.key === 'ArrowLeft' ? tabs[(index - 1 + tabs.length) % tabs.length]
      : event.key === 'Home' ? tabs[0]
      : event.key === 'End' ? tabs[tabs.length - 1]
      : undefined;
    if (!target) return;
    event.preventDefault();
    selectTab(idOf(target), { focus: true, remember: true });
  });
}

window.addEventListener('hashchange', () => {
  const id = fromHash();
  if (id) selectTab(id);
});
