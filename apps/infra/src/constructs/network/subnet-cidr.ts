/** Like terraform's cidrsubnet(): the `netnum`-th block of `newBits` extra prefix bits inside an IPv4 CIDR. */
export function subnetCidr(cidr: string, newBits: number, netnum: number): string {
  const [address, prefixText] = cidr.split('/');
  const prefix = Number(prefixText);
  const newPrefix = prefix + newBits;
  if (newPrefix > 28) throw new RangeError(`subnet prefix must be at most /28, got /${newPrefix} from ${cidr}`);
  if (netnum < 0 || netnum >= 2 ** newBits)
    throw new RangeError(`subnet number must be below ${2 ** newBits}, got ${netnum}`);
  const base = address.split('.').reduce((acc, octet) => acc * 256 + Number(octet), 0);
  const network = base - (base % 2 ** (32 - prefix));
  const value = network + netnum * 2 ** (32 - newPrefix);
  const octets = [24, 16, 8, 0].map((shift) => Math.floor(value / 2 ** shift) % 256);
  return `${octets.join('.')}/${newPrefix}`;
}
