/** Shared test fixtures: temp key repositories and a quiet logger that records. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Logger } from '@keystone-ts/plugin-sdk';

export function tempDir(prefix = 'fernet-'): { path: string; cleanup: () => void } {
  const path = mkdtempSync(join(tmpdir(), prefix));
  return { path, cleanup: () => rmSync(path, { recursive: true, force: true }) };
}

export interface RecordingLogger extends Logger {
  lines: Array<[string, string]>;
}

export function recordingLogger(): RecordingLogger {
  const lines: Array<[string, string]> = [];
  const log = (level: string) => (msg: string) => void lines.push([level, msg]);
  return { lines, debug: log('debug'), info: log('info'), warn: log('warn'), error: log('error') };
}
