export type { Cidr, ParsedIp } from './ip.js';
export {
  cidrBounds,
  cidrContains,
  cidrContainsCidr,
  familyBits,
  formatIp,
  ipFamily,
  makeCidr,
  parseCidr,
  parseIp,
} from './ip.js';
export type { IpInterval } from './ip-range-set.js';
export { IpRangeSet } from './ip-range-set.js';
export { formatPortRange, isEveryPort, parsePortRange, portInRange } from './port-range.js';
