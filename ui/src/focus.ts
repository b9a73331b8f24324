/** Follows an in-page link to a hop and moves the keyboard focus there too (a fragment link alone only scrolls). */
export function focusTarget(event: MouseEvent): void {
  const href = (event.currentTarget as HTMLAnchorElement | null)?.getAttribute('href') ?? '';
  const target = href.startsWith('#') ? document.getElementById(href.slice(1)) : null;
  if (target === null) return;
  event.preventDefault();
  target.scrollIntoView({ block: 'center' });
  target.focus({ preventScroll: true });
}
