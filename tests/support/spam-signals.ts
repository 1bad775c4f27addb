/**
 * What SpamAssassin's HTML rules look for in a message body, checked on rendered HTML: text
 * hidden from the reader (FONT_INVIS_*: display:none, visibility:hidden, a 0–1px font, zero
 * opacity or height) and text in a colour too close to its background (HTML_FONT_LOW_CONTRAST).
 * Every email we send must be free of both.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';

/** Relative luminance of a #rgb or #rrggbb colour (WCAG 2). */
function luminance(hex: string): number {
  const full = hex.length === 4 ? hex.replace(/^#(.)(.)(.)$/, '#$1$1$2$2$3$3') : hex;
  const [r, g, b] = [1, 3, 5].map((at) => {
    const channel = Number.parseInt(full.slice(at, at + 2), 16) / 255;
    return channel <= 0.03928 ? channel / 12.92 : ((channel + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** WCAG contrast ratio of two colours. */
export function contrast(a: string, b: string): number {
  const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (light + 0.05) / (dark + 0.05);
}

const HIDING = [/display\s*:\s*none/i, /visibility\s*:\s*hidden/i, /font-size\s*:\s*[01](px)?\s*(;|$)/i, /opacity\s*:\s*0(\.0+)?\s*(;|$)/i, /max-height\s*:\s*0(px)?\s*(;|$)/i, /mso-hide\s*:\s*all/i];

/**
 * The spam signals in `html`, as readable strings (none: an empty list). A style's text colour
 * is compared with its own background when it sets one, else with the lightest and the darkest
 * backgrounds the message uses (text on the email's grey page or white card).
 */
export function spamSignals(html: string): string[] {
  const found: string[] = [];
  const styles = [...html.matchAll(/style="([^"]*)"/g)].map((match) => match[1] as string);
  const backgrounds = styles.flatMap((style) => [...style.matchAll(/background(?:-color)?\s*:\s*(#[0-9a-f]{3,6})\b/gi)].map((match) => match[1] as string));
  for (const style of styles) {
    for (const pattern of HIDING) if (pattern.test(style)) found.push(`hidden text: ${style}`);
    const color = /(?:^|;)\s*color\s*:\s*(#[0-9a-f]{3,6})\b/i.exec(style)?.[1];
    if (!color) continue;
    const own = /background(?:-color)?\s*:\s*(#[0-9a-f]{3,6})\b/i.exec(style)?.[1];
    for (const background of own ? [own] : backgrounds.filter((candidate) => !/#12466e/i.test(candidate))) {
      if (contrast(color, background) < 3) found.push(`low contrast ${color} on ${background}: ${style}`);
    }
  }
  return [...new Set(found)];
}

/** Whether SpamAssassin is installed here (`.ci/run` installs Debian's package). */
export const SPAMASSASSIN = existsSync('/usr/bin/spamassassin') ? '/usr/bin/spamassassin' : undefined;

/**
 * The rules SpamAssassin's local tests (`spamassassin -L -t`, no network) hit on a raw message,
 * with their points: `[]` when none scores.
 */
export function spamAssassinHits(raw: Buffer): Array<{ rule: string; points: number }> {
  if (!SPAMASSASSIN) throw new Error('spamassassin is not installed');
  const report = execFileSync(SPAMASSASSIN, ['-L', '-t'], { input: raw, encoding: 'utf8', stdio: ['pipe', 'pipe', 'ignore'] });
  const table = report.slice(report.indexOf('---- ----'));
  return [...table.matchAll(/^\s*(-?\d+(?:\.\d+)?)\s+([A-Z0-9_]+)\s/gm)]
    .map((match) => ({ rule: match[2] as string, points: Number(match[1]) }))
    .filter((hit) => hit.points !== 0);
}
