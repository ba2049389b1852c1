// Runs one VACUUM INTO on its own connection in a worker thread (db/backup.ts), so the server's
// event loop keeps answering webhooks while a large database is copied. Plain JavaScript: it is
// loaded as it is, both from the sources (tsx) and next to the production bundle (dist/).
import { parentPort, workerData } from 'node:worker_threads';
import Database from 'libsql';

const { source, target, timeoutMs } = workerData;
try {
  const db = new Database(source, { timeout: timeoutMs });
  try {
    db.exec(`VACUUM INTO '${String(target).replace(/'/g, "''")}'`);
  } finally {
    db.close();
  }
  parentPort.postMessage({ ok: true });
} catch (err) {
  parentPort.postMessage({ ok: false, message: err instanceof Error ? err.message : String(err), code: err && err.code });
}
