import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AuthenticationError, WazuhPermissionError } from '../../src/core/errors';
import { wazuhPaths } from '../../src/core/paths';
import { createSecurity } from '../../src/rbac';
import { LoginGuard } from '../../src/rbac/login-guard';

const codeOf = (fn: () => unknown): number | string => {
  try {
    fn();
    return 'ok';
  } catch (error) {
    return (error as WazuhPermissionError).code;
  }
};

describe('LoginGuard', () => {
  it('blocks after max failures, for block_time from the block, and refunds successes', () => {
    let clock = 0;
    const blocked: string[] = [];
    const guard = new LoginGuard(() => ({ maxAttempts: 3, blockTime: 10 }), {
      now: () => clock,
      onBlock: (ip) => blocked.push(ip),
    });
    guard.reserve('a').refund();
    guard.reserve('a').fail();
    guard.reserve('a').fail();
    clock = 5_000;
    guard.reserve('a').fail();
    expect(blocked).toEqual(['a']);
    expect(codeOf(() => guard.reserve('a'))).toBe(6000);
    expect(codeOf(() => guard.reserve('b'))).toBe('ok');
    clock = 14_999;
    expect(codeOf(() => guard.reserve('a'))).toBe(6000);
    clock = 15_000;
    expect(codeOf(() => guard.reserve('a'))).toBe('ok');
  });

  it('forgets failures once block_time has passed since the first one', () => {
    let clock = 0;
    const guard = new LoginGuard(() => ({ maxAttempts: 2, blockTime: 10 }), { now: () => clock });
    guard.reserve('a').fail();
    clock = 10_000;
    guard.reserve('a').fail();
    expect(guard.isBlocked('a')).toBe(false);
    expect(codeOf(() => guard.reserve('a'))).toBe('ok');
  });

  it('keeps a bounded table of IPs', () => {
    const guard = new LoginGuard(() => ({ maxAttempts: 1, blockTime: 60 }), { maxTrackedIps: 2 });
    guard.reserve('a').fail();
    expect(codeOf(() => guard.reserve('a'))).toBe(6000);
    guard.reserve('b').fail();
    guard.reserve('c').fail();
    // 'a' was the least recently seen and has been dropped.
    expect(codeOf(() => guard.reserve('a'))).toBe('ok');
  });
});

describe('guarded logins', () => {
  it('lets at most max_login_attempts of 2x that many parallel bad logins reach the password check', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'rbac-guard-'));
    const max = 5;
    const security = createSecurity({
      paths: wazuhPaths(dir),
      nodeName: 'node01',
      loginLimits: () => ({ maxAttempts: max, blockTime: 60 }),
    });
    try {
      let checked = 0;
      const outcomes = await Promise.all(
        Array.from({ length: 2 * max }, () =>
          security
            .guardedLogin('10.0.0.1', () => {
              checked += 1;
              return security.login('wazuh', 'wrong-password');
            })
            .then(
              () => 'token',
              (error) => (error instanceof AuthenticationError ? 401 : (error as WazuhPermissionError).code),
            ),
        ),
      );
      expect(checked).toBe(max);
      expect(outcomes.filter((o) => o === 401)).toHaveLength(max);
      expect(outcomes.filter((o) => o === 6000)).toHaveLength(max);
      // Even the right password is refused while blocked; another IP is unaffected.
      await expect(security.guardedLogin('10.0.0.1', () => security.login('wazuh', 'wazuh'))).rejects.toMatchObject({
        code: 6000,
      });
      await expect(security.guardedLogin('10.0.0.2', () => security.login('wazuh', 'wazuh'))).resolves.toMatch(/\./);
    } finally {
      security.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
