/**
 * A 64-bit hash of a packed state, as two 32-bit lanes computed in one pass (MurmurHash3's block
 * mixing and finaliser, with different constants per lane so the lanes are not the same function).
 * The exact set indexes by lane 0 and compares words; the fingerprint set stores both lanes as the
 * state's 64-bit fingerprint; the bitstate set derives its k bit positions from both lanes (double
 * hashing). Results go to `out` so the hot loop allocates nothing.
 */

/** Writes the two 32-bit lanes of the hash of `words[offset .. offset + length)` to out[0], out[1]. */
export function hashState(words: Uint32Array, offset: number, length: number, out: Int32Array): void {
  let h1 = 0x9747b28c;
  let h2 = 0x2f0b3e51;
  for (let i = offset; i < offset + length; i++) {
    const w = words[i] as number;
    let k1 = Math.imul(w, 0xcc9e2d51);
    k1 = Math.imul((k1 << 15) | (k1 >>> 17), 0x1b873593);
    h1 ^= k1;
    h1 = (Math.imul((h1 << 13) | (h1 >>> 19), 5) + 0xe6546b64) | 0;
    let k2 = Math.imul(w, 0x85ebca77);
    k2 = Math.imul((k2 << 17) | (k2 >>> 15), 0xc2b2ae3d);
    h2 ^= k2;
    h2 = (Math.imul((h2 << 11) | (h2 >>> 21), 9) + 0x27d4eb2f) | 0;
  }
  out[0] = fmix(h1 ^ length);
  out[1] = fmix(h2 ^ (length << 8));
}

/** MurmurHash3's 32-bit finaliser: every input bit affects every output bit. */
function fmix(h: number): number {
  let x = h;
  x ^= x >>> 16;
  x = Math.imul(x, 0x85ebca6b);
  x ^= x >>> 13;
  x = Math.imul(x, 0xc2b2ae35);
  return x ^ (x >>> 16);
}
