// Verifies FROST(Ed25519, SHA-512) aggregate signatures with @noble/curves' ed25519 — an
// implementation independent of ours — in strict RFC 8032 mode (zip215: false).
// Input: JSON lines {"publicKey": hex, "message": hex, "signature": hex, "expect": true|false}
// from the file named by argv[2], or stdin. "expect" (default true) lets the caller include
// deliberately broken signatures, proving the verifier is not accepting everything.
// Output: one JSON line {"total", "verified", "rejected", "mismatches"}; exit 1 on any mismatch.
import { readFileSync } from 'node:fs';
import { ed25519 } from '@noble/curves/ed25519.js';

const hex = (s) => Uint8Array.from(Buffer.from(s, 'hex'));
const input = readFileSync(process.argv[2] ?? 0, 'utf8');
let total = 0, verified = 0, rejected = 0, mismatches = 0;
for (const line of input.split('\n')) {
  if (!line.trim()) continue;
  const { publicKey, message, signature, expect = true } = JSON.parse(line);
  let ok;
  try {
    ok = ed25519.verify(hex(signature), hex(message), hex(publicKey), { zip215: false });
  } catch {
    ok = false;
  }
  total++;
  if (ok) verified++; else rejected++;
  if (ok !== expect) mismatches++;
}
console.log(JSON.stringify({ total, verified, rejected, mismatches }));
process.exit(mismatches === 0 && total > 0 ? 0 : 1);
