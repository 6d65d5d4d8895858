/**
 * One writer per index folder: a lock file created exclusively, naming its holder by pid, the
 * process's start time (so a recycled pid, or pid 1 in a container, is not mistaken for the
 * holder), host and a random token. A holder that exited but was never reaped (a zombie) is
 * gone. A stale lock is taken over atomically: it is renamed aside first, and only if what was
 * renamed is the stale lock that was read is it discarded. A holder on another host (or in a
 * container under another host name) cannot be asked whether it lives: its writer touches the
 * lock every LOCK_HEARTBEAT_MS, and a lock not touched for LOCK_STALE_MS is gone.
 */
import { randomUUID } from 'node:crypto';
import {
  closeSync,
  linkSync,
  openSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  utimesSync,
  writeSync,
} from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { SearchError } from '../../errors.js';

export const LOCK_FILE = 'write.lock';
/** How often a writer touches its lock, so that other hosts can tell it still runs. */
export const LOCK_HEARTBEAT_MS = 30_000;
/** A lock from another host untouched this long is stale (ten missed heartbeats). */
export const LOCK_STALE_MS = 10 * LOCK_HEARTBEAT_MS;

interface LockHolder {
  pid: number;
  /** Start time of the process in clock ticks since boot (Linux), when known. */
  started?: string | undefined;
  host?: string | undefined;
  token?: string | undefined;
}

/** Fields 3 onwards of /proc/PID/stat (state first), or undefined off Linux or once it is gone. */
function procStat(pid: number): string[] | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) may hold spaces and parentheses: count fields after the last ')'.
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  } catch {
    return undefined;
  }
}

/** The start time of a process (field 22 of /proc/PID/stat), or undefined off Linux. */
export function processStartTime(pid: number): string | undefined {
  return procStat(pid)?.[19];
}

/**
 * Whether a process has exited but not been reaped: a zombie (Z) or dying (X). A killed writer
 * stays one until its parent waits for it, forever under a container PID 1 that never does;
 * signal 0 still reaches it, but it holds nothing.
 */
export function processExited(pid: number): boolean {
  const state = procStat(pid)?.[0];
  return state === 'Z' || state === 'X';
}

function parseHolder(raw: string): LockHolder | undefined {
  const text = raw.trim();
  if (/^\d+$/.test(text)) return { pid: Number(text) }; // written by an older semsearch
  try {
    const value = JSON.parse(text) as Partial<LockHolder>;
    return typeof value.pid === 'number' && Number.isInteger(value.pid) ? (value as LockHolder) : undefined;
  } catch {
    return undefined;
  }
}

function untouchedMs(path: string): number {
  try {
    return Date.now() - statSync(path).mtimeMs;
  } catch {
    return 0;
  }
}

function holderAlive(holder: LockHolder, path: string): boolean {
  // Another host's pid means nothing here: its heartbeat tells.
  if (holder.host !== undefined && holder.host !== hostname()) return untouchedMs(path) < LOCK_STALE_MS;
  try {
    process.kill(holder.pid, 0);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EPERM') return false;
  }
  if (processExited(holder.pid)) return false;
  const started = processStartTime(holder.pid);
  return holder.started === undefined || started === undefined || started === holder.started;
}

function readLock(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
}

/** The calls that make the lock file (tests pass failing ones: a full disk, a read-only folder). */
export interface LockFileSystem {
  openSync(path: string, flags: string): number;
  writeSync(fd: number, text: string): number;
  closeSync(fd: number): void;
}
const NODE_FS: LockFileSystem = { openSync, writeSync, closeSync };

/** A failure to make the lock file, in words a user can act on. */
function lockFileError(error: unknown, dir: string): unknown {
  const code = String((error as NodeJS.ErrnoException).code);
  if (code === 'ENOSPC' || code === 'EDQUOT') {
    return new SearchError(
      'DISK_FULL',
      `Cannot write to the index in ${dir}: the disk is full (${code}); free space, then try again (what was committed is kept).`,
      { cause: error },
    );
  }
  if (code === 'EROFS' || code === 'EACCES' || code === 'EPERM') {
    return new SearchError(
      'INDEX_READ_ONLY',
      `The index folder ${dir} cannot be written (${code}); searching works, but to change it give the folder write permission or use --index with a writable folder.`,
      { cause: error },
    );
  }
  return error;
}

export function acquireWriteLock(dir: string, fs: LockFileSystem = NODE_FS): () => void {
  const path = join(dir, LOCK_FILE);
  const me: LockHolder = {
    pid: process.pid,
    started: processStartTime(process.pid),
    host: hostname(),
    token: randomUUID(),
  };
  let heartbeat: NodeJS.Timeout | undefined;
  const release = () => {
    clearInterval(heartbeat);
    // Remove the lock only while it is still ours.
    if (parseHolder(readLock(path) ?? '')?.token === me.token) rmSync(path, { force: true });
  };
  const beat = () => {
    try {
      const now = new Date();
      utimesSync(path, now, now);
    } catch {
      /* removed or unwritable: the next write reports it */
    }
  };
  for (let attempt = 0; attempt < 3; attempt++) {
    let fd: number | undefined;
    try {
      fd = fs.openSync(path, 'wx');
      try {
        fs.writeSync(fd, JSON.stringify(me));
      } finally {
        fs.closeSync(fd);
      }
      heartbeat = setInterval(beat, LOCK_HEARTBEAT_MS);
      heartbeat.unref();
      return release;
    } catch (err) {
      if (fd !== undefined) rmSync(path, { force: true }); // made but not written: no empty lock left
      if (fd !== undefined || (err as NodeJS.ErrnoException).code !== 'EEXIST') throw lockFileError(err, dir);
    }
    const raw = readLock(path);
    if (raw === undefined) continue; // released meanwhile
    const holder = parseHolder(raw);
    const elsewhere = holder?.host !== undefined && holder.host !== hostname();
    if (holder && (elsewhere || holder.pid !== process.pid) && holderAlive(holder, path)) {
      throw new SearchError(
        'INDEX_LOCKED',
        elsewhere
          ? `A process on host ${holder.host} (pid ${holder.pid}) is writing to the index in ${dir}; wait for it to finish (its lock lapses ${LOCK_STALE_MS / 60_000} minutes after it stops), or delete ${path} if no semsearch runs there.`
          : `Another process (pid ${holder.pid}) is writing to the index in ${dir}; wait for it to finish, then try again.`,
        { details: { pid: holder.pid, host: holder.host } },
      );
    }
    // Stale (its writer is gone; writes inside one process are queued, so our own pid is stale
    // too). Move it aside, and put it back if another process replaced it in the meantime.
    const aside = `${path}.stale-${me.token}`;
    try {
      renameSync(path, aside);
    } catch {
      continue;
    }
    const moved = readLock(aside);
    if (moved !== raw) {
      try {
        linkSync(aside, path);
      } catch {
        /* a third process holds the lock now; the one we moved was a fresh one, not ours to keep */
      }
    }
    rmSync(aside, { force: true });
  }
  throw new SearchError(
    'INDEX_LOCKED',
    `Could not take the write lock ${path}; remove it if no semsearch process is running.`,
  );
}
