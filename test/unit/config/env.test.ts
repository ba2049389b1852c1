import { describe, expect, it } from 'vitest';
import { EnvError, parseEnv, telegramEnabled, zaloEnabled } from '../../../src/config/env';

describe('parseEnv', () => {
  it('has the defaults of SPEC §2 and leaves both platforms off', () => {
    const env = parseEnv({});
    expect(env).toMatchObject({
      PORT: 8787,
      DATABASE_URL: 'file:./data/loa.db',
      TIMEZONE: 'Asia/Ho_Chi_Minh',
      DIGEST_TIME: '07:00',
      TELEGRAM_API_ROOT: 'https://api.telegram.org',
      ZALO_API_ROOT: 'https://openapi.zalo.me',
      ZALO_OAUTH_ROOT: 'https://oauth.zaloapp.com',
      OFFICIALS: [],
    });
    expect(telegramEnabled(env)).toBe(false);
    expect(zaloEnabled(env)).toBe(false);
  });

  it('lists every problem, one line each, without echoing secrets', () => {
    let err: unknown;
    try {
      parseEnv({
        PORT: 'abc',
        DIGEST_TIME: '7h',
        TIMEZONE: 'Mars/Olympus',
        OFFICIALS: 'telegram:1,facebook:2',
        TELEGRAM_BOT_TOKEN: '123456:ABCDEFGHIJKLMNOPQRSTUVWXYZ',
        ZALO_APP_ID: '123',
        DATABASE_URL: 'postgres://x',
      });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(EnvError);
    const problems = (err as EnvError).problems;
    const keys = problems.map((p) => p.split(' ')[0]);
    expect(keys).toEqual(
      expect.arrayContaining(['PORT', 'DIGEST_TIME', 'TIMEZONE', 'OFFICIALS', 'TELEGRAM_WEBHOOK_SECRET', 'ZALO_APP_SECRET', 'ZALO_OA_SECRET_KEY', 'DATABASE_URL']),
    );
    expect((err as EnvError).message).not.toContain('ABCDEFGHIJKLMNOPQRSTUVWXYZ');
    for (const p of problems) expect(p).not.toContain('\n');
  });

  it('parses OFFICIALS and enables a platform when its settings are complete', () => {
    const env = parseEnv({
      OFFICIALS: 'telegram:111, zalo:6025512893746510384',
      TELEGRAM_BOT_TOKEN: '123456:ABCDEFGHIJKLMNOPQRSTUVWXYZ',
      TELEGRAM_WEBHOOK_SECRET: 's3cret',
      ZALO_APP_ID: '123',
      ZALO_APP_SECRET: 'x',
      ZALO_OA_SECRET_KEY: 'y',
    });
    expect(env.OFFICIALS).toEqual([
      { platform: 'telegram', externalId: '111' },
      { platform: 'zalo', externalId: '6025512893746510384' },
    ]);
    expect(telegramEnabled(env)).toBe(true);
    expect(zaloEnabled(env)).toBe(true);
  });
});
