/**
 * The address check made before registering an agent: `any`, one address, or a network written with its base
 * address (host bits set, as in `10.0.0.1/8`, is refused, like Python's strict `ip_network`).
 */
import { isIP } from 'node:net';

function ipv4ToBigInt(address: string): bigint {
  return address.split('.').reduce((acc, part) => (acc << 8n) | BigInt(Number(part)), 0n);
}

function ipv6ToBigInt(address: string): bigint | undefined {
  let text = address;
  // An embedded IPv4 tail (`::ffff:1.2.3.4`) becomes two hex groups.
  const v4 = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (v4) {
    const n = ipv4ToBigInt(v4[1]);
    text = `${text.slice(0, -v4[1].length)}${(n >> 16n).toString(16)}:${(n & 0xffffn).toString(16)}`;
  }
  const [head, tail] = text.split('::');
  const headParts = head ? head.split(':') : [];
  const tailParts = tail === undefined ? [] : tail ? tail.split(':') : [];
  const missing = 8 - headParts.length - tailParts.length;
  if (text.includes('::') ? missing < 1 : missing !== 0) return undefined;
  const groups = [...headParts, ...Array<string>(text.includes('::') ? missing : 0).fill('0'), ...tailParts];
  return groups.reduce((acc, group) => (acc << 16n) | BigInt(parseInt(group, 16)), 0n);
}

export function isValidAgentIp(ip: string): boolean {
  if (ip === 'any') return true;
  const slash = ip.indexOf('/');
  if (slash < 0) return isIP(ip) !== 0;
  const address = ip.slice(0, slash);
  const prefixText = ip.slice(slash + 1);
  const family = isIP(address);
  if (family === 0 || !/^\d{1,3}$/.test(prefixText)) return false;
  const bits = family === 4 ? 32 : 128;
  const prefix = Number(prefixText);
  if (prefix > bits) return false;
  const value = family === 4 ? ipv4ToBigInt(address) : ipv6ToBigInt(address);
  if (value === undefined) return false;
  const hostMask = (1n << BigInt(bits - prefix)) - 1n;
  return (value & hostMask) === 0n;
}
