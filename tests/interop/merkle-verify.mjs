// Independent RFC 9162 verifier for the CC-TSA transparency log, written from the RFC text
// (§2.1.1 hashing, §2.1.3.2 inclusion verification, §2.1.4.2 consistency verification), not from
// the C# code. Input: JSON lines on stdin, each one of
//   {"kind":"inclusion","leafIndex":i,"treeSize":n,"entry":b64,"path":[b64...],"root":b64}
//   {"kind":"consistency","first":m,"second":n,"firstRoot":b64,"secondRoot":b64,"proof":[b64...]}
// Output: one JSON line {"results":[true|false,...]} in input order. Uses only node:crypto.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';

const sha256 = (...parts) => {
  const h = createHash('sha256');
  for (const p of parts) h.update(p);
  return h.digest();
};
const leafHash = (entry) => sha256(Buffer.from([0x00]), entry);
const nodeHash = (left, right) => sha256(Buffer.from([0x01]), left, right);
const b64 = (s) => Buffer.from(s, 'base64');

// sizes up to 100,000 fit in 53-bit numbers; BigInt keeps the shifts exact for any size anyway
function verifyInclusion(leafIndex, treeSize, entry, path, root) {
  let fn = BigInt(leafIndex);
  let sn = BigInt(treeSize) - 1n;
  if (fn > sn) return false;                                   // step 1: leaf_index >= tree_size
  let r = leafHash(entry);                                     // step 3
  for (const p of path) {                                      // step 4
    if (sn === 0n) return false;                               // 4a
    if ((fn & 1n) === 1n || fn === sn) {                       // 4b
      r = nodeHash(p, r);
      if ((fn & 1n) === 0n) {
        while ((fn & 1n) === 0n && fn !== 0n) { fn >>= 1n; sn >>= 1n; }
      }
    } else {                                                   // otherwise
      r = nodeHash(r, p);
    }
    fn >>= 1n; sn >>= 1n;                                      // 4c
  }
  return sn === 0n && r.equals(root);                          // step 5
}

function verifyConsistency(first, second, firstRoot, secondRoot, proof) {
  let m = BigInt(first), n = BigInt(second);
  if (m < 1n || m > n) return false;
  if (m === n) return proof.length === 0 && firstRoot.equals(secondRoot);
  if (proof.length === 0) return false;                        // step 1
  const path = (m & (m - 1n)) === 0n ? [firstRoot, ...proof] : [...proof]; // step 2
  let fn = m - 1n, sn = n - 1n;                                // step 3
  while ((fn & 1n) === 1n) { fn >>= 1n; sn >>= 1n; }           // step 4
  let fr = path[0], sr = path[0];                              // step 5
  for (const c of path.slice(1)) {                             // step 6
    if (sn === 0n) return false;                               // 6a
    if ((fn & 1n) === 1n || fn === sn) {                       // 6b
      fr = nodeHash(c, fr);
      sr = nodeHash(c, sr);
      if ((fn & 1n) === 0n) {
        while ((fn & 1n) === 0n && fn !== 0n) { fn >>= 1n; sn >>= 1n; }
      }
    } else {
      sr = nodeHash(sr, c);
    }
    fn >>= 1n; sn >>= 1n;                                      // 6c
  }
  return fr.equals(firstRoot) && sr.equals(secondRoot) && sn === 0n; // step 7
}

const results = [];
for (const line of readFileSync(0, 'utf8').split('\n')) {
  if (line.trim() === '') continue;
  const c = JSON.parse(line);
  if (c.kind === 'inclusion') {
    results.push(verifyInclusion(c.leafIndex, c.treeSize, b64(c.entry), c.path.map(b64), b64(c.root)));
  } else if (c.kind === 'consistency') {
    results.push(verifyConsistency(c.first, c.second, b64(c.firstRoot), b64(c.secondRoot), c.proof.map(b64)));
  } else {
    throw new Error(`unknown case kind: ${c.kind}`);
  }
}
process.stdout.write(JSON.stringify({ results }) + '\n');
