/**
 * Hostile files and streams (docs/limits.md): what a careless or malicious
 * change can put in front of the CLI ends with one line and exit 2, never a
 * hang, a stack trace or gigabytes read.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BIN, faultline, ROOT } from './support.js';

const dir = mkdtempSync(join(tmpdir(), 'faultline-hostile-'));
// The CLI runs on Linux here (CI, the Debian image): /dev/zero, /dev/full,
// /proc and mkfifo are all there, so each test runs; none is skipped quietly.
execFileSync('mkfifo', [join(dir, 'pipe.yaml')]);

describe('files that are not files', () => {
  it('lint /dev/zero is refused at once, not read forever', () => {
    const r = faultline(['lint', '/dev/zero']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('faultline: error: cannot read "/dev/zero": not a regular file (a device, a FIFO or a socket) (name a manifest file or a directory of them)\n');
  });

  it('a config or baseline that is a device is refused the same way', () => {
    for (const flag of ['--config', '--baseline']) {
      const r = faultline(['lint', 'fixtures/aws-2021.yaml', flag, '/dev/zero']);
      expect(r.code).toBe(2);
      expect(r.stderr).toBe('faultline: error: cannot read "/dev/zero": not a regular file (a device, a FIFO or a socket) (name a manifest file or a directory of them)\n');
    }
  });

  it('a FIFO named on the command line is refused, never waited on', () => {
    const r = faultline(['lint', join(dir, 'pipe.yaml')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/cannot read ".*pipe\.yaml": not a regular file/);
  });

  it('a FIFO found in a directory is skipped; the manifests beside it are read', () => {
    const inside = join(dir, 'with-fifo');
    mkdirSync(inside);
    execFileSync('mkfifo', [join(inside, 'a-pipe.yaml')]);
    writeFileSync(join(inside, 'm.yaml'), 'apiVersion: faultline/v1\ncomponents:\n  api: { kind: service }\n');
    const r = faultline(['lint', inside]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
  });

  it('a file past the size limit is refused with the limit and how to raise it', () => {
    const big = join(dir, 'big.yaml');
    writeFileSync(big, `apiVersion: faultline/v1\ncomponents:\n${'  # padding\n'.repeat(100_000)}  api: { kind: service }\n`);
    const r = faultline(['lint', big], { env: { FAULTLINE_MAX_FILE_MB: '1' } });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(
      /^faultline: error: cannot read ".*big\.yaml": larger than 1 MB \(faultline reads files up to 1 MB; set FAULTLINE_MAX_FILE_MB to raise the limit, see docs\/limits\.md\)\n$/,
    );
    expect(faultline(['lint', big]).code).toBe(0);
  });

  it('init /proc/x fails at once instead of spinning', () => {
    const r = faultline(['init', '/proc/faultline-x']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^faultline: error: cannot create "\/proc\/faultline-x": E[A-Z]+ \(check the path\)\n$/);
  });

  it('a file that reports no size (/proc) is still read, within the limit', () => {
    const r = faultline(['lint', '/proc/self/status']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^\/proc\/self\/status:1:1: error: missing apiVersion/);
  });
});

describe('streams that fail', () => {
  it('a full disk is one line and exit 2, for every format', () => {
    for (const format of ['text', 'json']) {
      const r = spawnSync('sh', ['-c', `"${process.execPath}" "${BIN}" lint fixtures/aws-2021.yaml --format ${format} > /dev/full`], {
        cwd: ROOT,
        encoding: 'utf8',
        env: { ...process.env, NO_COLOR: '1' },
      });
      expect(r.status).toBe(2);
      expect(r.stderr).toBe('faultline: error: cannot write to stdout: ENOSPC (check the disk space and where the output goes)\n');
    }
  });

  it('a reader that stops early ends the run quietly, with the status the command had', () => {
    const r = spawnSync('bash', ['-c', `set -o pipefail; "${process.execPath}" "${BIN}" simulate fixtures/example --fail us-east-1 --format json | head -1; echo "status=$?"`], {
      cwd: ROOT,
      encoding: 'utf8',
    });
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe('{\nstatus=0\n');
  });
});
