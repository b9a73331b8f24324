/**
 * Fixed-size bitsets over class ids (32 bits a word). A rule's peer set and a subject's row are bitsets over peer
 * classes, so a subject row is the OR of its rules' rows and a pair's answer is one bit test.
 */
export type Bitset = Uint32Array;

function wordsFor(size: number): number {
  return (size + 31) >>> 5;
}

export function emptyBitset(size: number): Bitset {
  return new Uint32Array(wordsFor(size));
}

/** Every bit below `size` set; the bits past `size` stay clear so counts are exact. */
export function fullBitset(size: number): Bitset {
  const bits = new Uint32Array(wordsFor(size)).fill(0xffff_ffff);
  const tail = size & 31;
  if (tail !== 0) bits[bits.length - 1] = (1 << tail) - 1;
  return bits;
}

export function setBit(bits: Bitset, index: number): void {
  bits[index >>> 5] = ((bits[index >>> 5] ?? 0) | (1 << (index & 31))) >>> 0;
}

export function hasBit(bits: Bitset, index: number): boolean {
  return (((bits[index >>> 5] ?? 0) >>> (index & 31)) & 1) === 1;
}

/** target |= source (same size). */
export function orInto(target: Bitset, source: Bitset): void {
  for (let i = 0; i < target.length; i++) target[i] = ((target[i] ?? 0) | (source[i] ?? 0)) >>> 0;
}

export function countBits(bits: Bitset): number {
  let total = 0;
  for (const word of bits) {
    let v = word - ((word >>> 1) & 0x5555_5555);
    v = (v & 0x3333_3333) + ((v >>> 2) & 0x3333_3333);
    total += (((v + (v >>> 4)) & 0x0f0f_0f0f) * 0x0101_0101) >>> 24;
  }
  return total;
}

/** The set bits in increasing order. */
export function bitIndices(bits: Bitset): number[] {
  const out: number[] = [];
  bits.forEach((word, w) => {
    for (let b = 0; b < 32; b++) if (((word >>> b) & 1) === 1) out.push(w * 32 + b);
  });
  return out;
}
