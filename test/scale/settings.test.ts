import os from 'node:os';
import { ConfigError, loadConfig } from '../../src/config';

describe('scale-out settings', () => {
  it('runs one worker per core by default, one under NODE_ENV=test, and what HUB_WORKERS says otherwise', () => {
    expect(loadConfig({}).workers).toBe(os.availableParallelism());
    expect(loadConfig({ NODE_ENV: 'test' }).workers).toBe(1);
    expect(loadConfig({ HUB_WORKERS: '3' }).workers).toBe(3);
    expect(loadConfig({ HUB_WORKERS: ' ' }).workers).toBe(os.availableParallelism());
  });

  it('keeps shared state in PostgreSQL unless REDIS_URL names a Redis', () => {
    expect(loadConfig({}).redisUrl).toBeUndefined();
    expect(loadConfig({ REDIS_URL: 'redis://cache.internal:6379/2' }).redisUrl).toBe('redis://cache.internal:6379/2');
    expect(loadConfig({ REDIS_URL: 'rediss://user:secret@cache.internal:6380' }).redisUrl).toBe('rediss://user:secret@cache.internal:6380');
  });

  it('lists every wrong value at once', () => {
    let problems: string[] = [];
    try {
      loadConfig({ HUB_WORKERS: '0', REDIS_URL: 'http://cache.internal' });
    } catch (err) {
      problems = (err as ConfigError).problems;
    }
    expect(problems).toEqual(['HUB_WORKERS="0": must be at least 1', 'REDIS_URL="http://cache.internal": must be a redis:// or rediss:// URL']);
    expect(() => loadConfig({ HUB_WORKERS: 'two' })).toThrow('HUB_WORKERS="two": must be a whole number');
  });
});
