// The daily backup job (SPEC §9), Node only: with BACKUP_DIR set, a snapshot at BACKUP_TIME (in
// TIMEZONE), the newest BACKUP_KEEP kept. The copy runs in a worker thread (db/backup.ts).
import type { Env } from '../config/env';
import { operatorMessage } from '../config/operator-errors';
import { errorFields } from '../core/logger';
import type { Job } from '../jobs/schedule';
import { backupDatabase } from '../../db/backup';

export function backupJob(env: Env): Job {
  const [hh, mm] = env.BACKUP_TIME.split(':').map(Number);
  return {
    name: 'backup',
    cron: `${mm} ${hh} * * *`,
    async run(ctx, now) {
      try {
        const res = await backupDatabase({ databaseUrl: env.DATABASE_URL, dir: env.BACKUP_DIR!, now, keep: env.BACKUP_KEEP, inWorker: true });
        ctx.core.log.info('backup written', { file: res.file, bytes: res.bytes, ms: res.ms, removed: res.removed.length });
        return res;
      } catch (err) {
        ctx.core.log.error('backup failed', { reason: operatorMessage(err, { databaseUrl: env.DATABASE_URL }), ...errorFields(err) });
        return null;
      }
    },
  };
}
