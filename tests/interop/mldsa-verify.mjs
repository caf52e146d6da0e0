// Verifies ML-DSA-65 signatures (FIPS 204, pure mode) with @noble/post-quantum — an
// implementation independent of ours and of BouncyCastle — for the threshold ML-DSA tests.
// Input: JSON lines {"publicKey": hex, "message": hex, "context": hex, "signature": hex,
// "expect": true|false} from the file named by argv[2], or stdin. "expect" lets the caller include
// deliberately broken signatures, proving the verifier is not accepting everything.
// Output: one JSON line {"total", "verified", "rejected", "mismatches"}; exit 1 on any mismatch.
import { readFileSync } from 'node:fs';
import { ml_dsa65 } from '@noble/post-quantum/ml-dsa.js';

const hex = (s) => Uint8Array.from(Buffer.from(s, 'hex'));
const input = readFileSync(process.argv[2] ?? 0, 'utf8');
let total = 0, verified = 0, rejected = 0, mismatches = 0;
for (const line of input.split('\n')) {
  if (!line.trim()) continue;
  const { publicKey, message, context = '', signature, expect = true } = JSON.parse(line);
  let ok;
  try {
    ok = ml_dsa65.verify(hex(signature), hex(message), hex(publicKey), { context: hex(context) });
  } catch {
    ok = false;
  }
  total++;
  if (ok) verified++; else rejected++;
  if (ok !== expect) mismatches++;
}
console.log(JSON.stringify({ total, verified, rejected, mismatches }));
process.exit(mismatches === 0 && total > 0 ? 0 : 1);
