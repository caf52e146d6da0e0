// Verifies the ML-DSA-65 signature of CC-TSA tokens with @noble/post-quantum ml_dsa65, independently
// of our code and of BouncyCastle: for a `hybrid` token the signature in the SignerInfo's unsigned
// attribute {arc}.2.1 (docs/TOKENS.md), for an `ml-dsa-65` token the SignerInfo signature itself —
// both over the DER signed attributes (the [0] IMPLICIT set re-tagged as SET OF, RFC 5652 §5.4),
// under the ML-DSA-65 key of the certificate the token carries (certReq).
// Input: JSON lines {"token": hex (TimeStampResp or TimeStampToken), "expect": true|false} on stdin.
// Output: one JSON line {"total", "verified", "rejected", "mismatches", "errors"}; exit 1 on any mismatch.
import { readFileSync } from "node:fs";
import * as asn1js from "asn1js";
import { ml_dsa65 } from "@noble/post-quantum/ml-dsa.js";

const ID_ML_DSA_65 = "2.16.840.1.101.3.4.3.18";
// 2.25.170080572847273149973399383055229409230.2.1 as DER: asn1js prints arcs beyond 2^53 in hex, so compare bytes
const HYBRID_ATTRIBUTE_DER = "06166981fff4a9ead0a4ca80bdb7a5fbfaee9bd9af4e0201";

const parse = (bytes) => {
  const parsed = asn1js.fromBER(bytes);
  if (parsed.offset === -1 || parsed.offset !== bytes.byteLength) throw new Error("not a single DER value");
  return parsed.result;
};
const items = (node) => node.valueBlock.value;
const isContext = (node, n) => node.idBlock.tagClass === 3 && node.idBlock.tagNumber === n;
const oid = (node) => node.valueBlock.toString();
const bytesOf = (node) => new Uint8Array(node.valueBeforeDecodeView);
const isHybridAttribute = (attribute) => Buffer.from(bytesOf(items(attribute)[0])).toString("hex") === HYBRID_ATTRIBUTE_DER;

function signedData(bytes) {
  let top = parse(bytes);
  // TimeStampResp: SEQUENCE { PKIStatusInfo SEQUENCE, token }; a ContentInfo starts with an OID
  if (items(top)[0] instanceof asn1js.Sequence) top = items(top)[1];
  if (oid(items(top)[0]) !== "1.2.840.113549.1.7.2") throw new Error("not signedData");
  return items(items(items(top)[1])[0]);
}

function mlDsaKey(certificates) {
  for (const cert of certificates) {
    // Certificate → tbsCertificate → subjectPublicKeyInfo (after version, serial, sigAlg, issuer, validity, subject)
    const tbs = items(items(cert)[0]);
    const spki = items(tbs[isContext(tbs[0], 0) ? 6 : 5]);
    if (oid(items(spki[0])[0]) === ID_ML_DSA_65) return new Uint8Array(spki[1].valueBlock.valueHexView);
  }
  throw new Error("the token carries no ML-DSA-65 certificate");
}

function check(tokenHex) {
  const sd = signedData(Uint8Array.from(Buffer.from(tokenHex, "hex")));
  const certs = sd.find((n) => isContext(n, 0) && n.idBlock.isConstructed && n !== sd[2]);
  const signerInfo = items(sd[sd.length - 1])[0];
  const fields = items(signerInfo);
  const signed = bytesOf(fields[3]).slice();
  signed[0] = 0x31;
  let signature;
  const unsigned = fields.find((n, i) => i > 5 && isContext(n, 1));
  if (unsigned) {
    const attribute = items(unsigned).find(isHybridAttribute);
    if (!attribute) throw new Error("no hybrid signature attribute");
    const value = items(items(items(attribute)[1])[0]);
    if (oid(items(value[0])[0]) !== ID_ML_DSA_65) throw new Error("hybrid algorithm is not id-ml-dsa-65");
    signature = new Uint8Array(value[1].valueBlock.valueHexView);
  } else {
    if (oid(items(fields[4])[0]) !== ID_ML_DSA_65) throw new Error("neither hybrid nor an ML-DSA-65 SignerInfo");
    signature = new Uint8Array(fields[5].valueBlock.valueHexView);
  }
  return ml_dsa65.verify(signature, signed, mlDsaKey(certs ? items(certs) : []));
}

const input = readFileSync(0, "utf8");
let total = 0, verified = 0, rejected = 0, mismatches = 0;
const errors = [];
for (const line of input.split("\n")) {
  if (!line.trim()) continue;
  const { token, expect = true } = JSON.parse(line);
  let ok;
  try {
    ok = check(token);
  } catch (e) {
    ok = false;
    errors.push(String(e.message));
  }
  total++;
  if (ok) verified++; else rejected++;
  if (ok !== expect) mismatches++;
}
console.log(JSON.stringify({ total, verified, rejected, mismatches, errors }));
process.exit(mismatches === 0 && total > 0 ? 0 : 1);
