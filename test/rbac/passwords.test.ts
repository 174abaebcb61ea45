import { checkPasswordStrength, hashPassword, verifyPassword } from '../../src/rbac/passwords';
import { WazuhError } from '../../src/core/errors';

// Hashes computed with CPython's hashlib the way Werkzeug builds them (`method$salt$hexdigest`).
const VECTORS: [string, string][] = [
  [
    'scrypt:32768:8:1$AbCdEfGh12345678$a2d9e7d070033fde9f52e215a2c67436b345ff591cc4027c427cdc889758fa6b7c1cd5526535791d15fba630284d975d4ba49d8d1f6a5e8d30d706213b9f2024',
    'Wazuh-Pass1!',
  ],
  ['pbkdf2:sha256:150000$x1y2z3$ed144ccc4f4da47c5556f34bfeeea26935a1e3ac373f1912ca3d4af2040dca1f', 'wazuh'],
  [
    'pbkdf2:sha512:1000$s$d7687eb75ee86cd0af726031c66a275f3f3d43d36d479f30089d5bf7449eb3853d07dabeb20adb84d5ca30bcf78aff0d186114de445707c953d848d5846f2320',
    'pässwörd',
  ],
  [
    'scrypt:16384:8:2$q$760988a66635696da40c2e20d9bf9e5c20d7b27c5a0d0582e3416ab8d21abf47df1ca214d536c8f62ca05590ddb644bd270a1b0d1f07a534936710fab4491995',
    'é',
  ],
];

describe('Werkzeug password hashes', () => {
  it.each(VECTORS)('verifies %s', async (hash, password) => {
    await expect(verifyPassword(hash, password)).resolves.toBe(true);
    await expect(verifyPassword(hash, `${password}x`)).resolves.toBe(false);
  });

  it('writes scrypt hashes in the 4.14 format and reads them back', async () => {
    const hash = await hashPassword('S3cret-pass');
    expect(hash).toMatch(/^scrypt:32768:8:1\$[A-Za-z0-9]{16}\$[0-9a-f]{128}$/);
    expect(hash).toHaveLength(162);
    await expect(verifyPassword(hash, 'S3cret-pass')).resolves.toBe(true);
    await expect(verifyPassword(hash, 'S3cret-pasS')).resolves.toBe(false);
    expect(await hashPassword('S3cret-pass')).not.toBe(hash);
  });

  it('refuses unreadable or unknown hash formats instead of throwing', async () => {
    for (const bad of ['', 'plain', 'md5$a$b', 'scrypt:3:8:1$a$00', 'pbkdf2:nope:10$a$00', 'scrypt:1048576:64:64$a$00']) {
      await expect(verifyPassword(bad, 'x')).resolves.toBe(false);
    }
  });
});

describe('password strength', () => {
  const codeOf = (password: string) => {
    try {
      checkPasswordStrength(password);
      return 0;
    } catch (error) {
      return (error as WazuhError).code;
    }
  };

  it('applies the length rule first (5009), then the character classes (5007)', () => {
    expect(codeOf('Aa1!')).toBe(5009);
    expect(codeOf(`Aa1!${'x'.repeat(61)}`)).toBe(5009);
    expect(codeOf(`Aa1!${'x'.repeat(60)}`)).toBe(0);
    expect(codeOf('abcdefgh')).toBe(5007);
    expect(codeOf('Abcdefgh1')).toBe(5007);
    expect(codeOf('Abcdefgh!')).toBe(5007);
    expect(codeOf('abcdefg1!')).toBe(5007);
    expect(codeOf('Wazuh-1234')).toBe(0);
    expect(codeOf('Wazuh 1234')).toBe(0);
    expect(codeOf('Wazu\nh-1234')).toBe(5007);
  });
});
