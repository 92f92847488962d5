import { ConfigError, loadConfig } from '../../src/config';

describe('replica settings', () => {
  it('reads a list of replica URLs, the lag limit and the check interval', () => {
    const config = loadConfig({
      DATABASE_REPLICA_URLS: ' postgres://u:p@replica-1:5432/hub , postgresql://u:p@replica-2/hub ,',
      REPLICA_MAX_LAG_MS: '1500',
      REPLICA_CHECK_MS: '100',
    });
    expect(config.replicas).toEqual({ urls: ['postgres://u:p@replica-1:5432/hub', 'postgresql://u:p@replica-2/hub'], maxLagMs: 1500, checkMs: 100 });
    expect(loadConfig({}).replicas).toEqual({ urls: [], maxLagMs: 5000, checkMs: 200 });
  });

  it('lists every wrong replica setting at once', () => {
    let error: ConfigError | undefined;
    try {
      loadConfig({ DATABASE_REPLICA_URLS: 'postgres://ok/hub,mysql://replica/hub', REPLICA_MAX_LAG_MS: 'soon', REPLICA_CHECK_MS: '5' });
    } catch (err) {
      error = err as ConfigError;
    }
    expect(error?.problems).toEqual([
      expect.stringMatching(/^DATABASE_REPLICA_URLS=.*must be a comma-separated list of postgres:\/\/ or postgresql:\/\/ URLs/),
      expect.stringMatching(/^REPLICA_MAX_LAG_MS="soon": must be a whole number/),
      expect.stringMatching(/^REPLICA_CHECK_MS="5": must be at least 10/),
    ]);
  });
});
