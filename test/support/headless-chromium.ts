/**
 * Debian's chromium, headless, driven by puppeteer-core (no browser download): launched per test file, closed in
 * the after-hook. `chromiumMissingReason` says why browser tests skip on a machine without it (scripts/setup.sh
 * installs it).
 */
import { existsSync } from 'node:fs';
import puppeteer, { type Browser } from 'puppeteer-core';

/** Where Debian puts chromium. */
export const CHROMIUM = '/usr/bin/chromium';

/** Why a browser test cannot run here, or undefined. */
export function chromiumMissingReason(): string | undefined {
  return existsSync(CHROMIUM)
    ? undefined
    : `${CHROMIUM} is not installed (bash scripts/setup.sh installs Debian's chromium)`;
}

/** Starts headless chromium (root needs --no-sandbox). */
export function launchChromium(): Promise<Browser> {
  return puppeteer.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--headless', '--disable-gpu', '--disable-dev-shm-usage'],
    protocolTimeout: 60_000,
  });
}
