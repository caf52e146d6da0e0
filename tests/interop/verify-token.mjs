// Independent verifier of CC-TSA time-stamp tokens: asn1js/pkijs to parse, node:crypto for hashes
// and signatures (Ed25519, ECDSA P-384); an ECDSA signature must also pass @noble/curves' p384, a
// second implementation independent of OpenSSL (the threshold ECDSA tokens of issue 15).
// Usage: node verify-token.mjs --data FILE --token FILE.tsr --ca CA.pem [--tsa-cert TSA.pem]
// Prints one JSON line {valid, failure?, reason?, ...}; exit 0 valid, 1 invalid, 2 usage.
import { readFileSync } from "node:fs";
import { createHash, verify as verifySignature, X509Certificate } from "node:crypto";
import * as asn1js from "asn1js";
import * as pkijs from "pkijs";
import { p384 } from "@noble/curves/nist.js";

const OID = {
  signedData: "1.2.840.113549.1.7.2",
  tstInfo: "1.2.840.113549.1.9.16.1.4",
  contentType: "1.2.840.113549.1.9.3",
  messageDigest: "1.2.840.113549.1.9.4",
  signingCertificateV2: "1.2.840.113549.1.9.16.2.47",
  timeStamping: "1.3.6.1.5.5.7.3.8",
  eku: "2.5.29.37",
  ed25519: "1.3.101.112",
  ecdsaSha384: "1.2.840.10045.4.3.3",
};
const HASHES = {
  "2.16.840.1.101.3.4.2.1": "sha256", "2.16.840.1.101.3.4.2.2": "sha384", "2.16.840.1.101.3.4.2.3": "sha512",
  "2.16.840.1.101.3.4.2.8": "sha3-256", "2.16.840.1.101.3.4.2.9": "sha3-384",
};

class Invalid extends Error {
  constructor(failure, reason) { super(reason); this.failure = failure; }
}
const fail = (failure, reason) => { throw new Invalid(failure, reason); };
const hash = (name, bytes) => new Uint8Array(createHash(name).update(bytes).digest());
const equal = (a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)) === 0;
const pemToDer = (text) => {
  const m = /-----BEGIN CERTIFICATE-----([\s\S]*?)-----END CERTIFICATE-----/.exec(text);
  if (!m) throw new Error("no CERTIFICATE block");
  return new Uint8Array(Buffer.from(m[1].replace(/\s+/g, ""), "base64"));
};
const parseDer = (bytes, what) => {
  const parsed = asn1js.fromBER(bytes);
  if (parsed.offset === -1 || parsed.offset !== bytes.byteLength) fail("Malformed", `${what} is not a single BER/DER value`);
  return parsed.result;
};

function args() {
  const out = {};
  const argv = process.argv.slice(2);
  for (let i = 0; i < argv.length; i += 2) out[argv[i].replace(/^--/, "")] = argv[i + 1];
  if (!out.data || !out.token || !out.ca) {
    console.error("usage: node verify-token.mjs --data FILE --token FILE.tsr --ca CA.pem [--tsa-cert TSA.pem]");
    process.exit(2);
  }
  return out;
}

function unwrapToken(bytes) {
  const top = parseDer(bytes, "input");
  const first = top.valueBlock?.value?.[0];
  if (first && first.idBlock.tagClass === 1 && first.idBlock.tagNumber === 16) {
    // TimeStampResp: status must be granted(0) or grantedWithMods(1), and a token present
    const status = first.valueBlock.value[0].valueBlock.valueDec;
    if (status > 1 || top.valueBlock.value.length < 2) fail("NotGranted", `response status ${status}, no token`);
    return top.valueBlock.value[1];
  }
  return top;
}

function main() {
  const a = args();
  const data = readFileSync(a.data);
  const caDer = pemToDer(readFileSync(a.ca, "utf8"));
  const tokenAsn = unwrapToken(new Uint8Array(readFileSync(a.token)));

  let contentInfo, signedData;
  try {
    contentInfo = new pkijs.ContentInfo({ schema: tokenAsn });
    if (contentInfo.contentType !== OID.signedData) fail("Malformed", "ContentInfo is not signedData");
    signedData = new pkijs.SignedData({ schema: contentInfo.content });
  } catch (e) {
    if (e instanceof Invalid) throw e;
    fail("Malformed", "not a CMS SignedData: " + e.message);
  }
  if (signedData.encapContentInfo.eContentType !== OID.tstInfo) fail("ContentTypeMismatch", "eContentType is not id-ct-TSTInfo");
  const eContent = new Uint8Array(signedData.encapContentInfo.eContent.getValue());
  const tst = new pkijs.TSTInfo({ schema: parseDer(eContent, "TSTInfo") });

  const imprintHash = HASHES[tst.messageImprint.hashAlgorithm.algorithmId];
  if (!imprintHash) fail("UnsupportedAlgorithm", "imprint hash algorithm not supported");
  if (!equal(hash(imprintHash, data), tst.messageImprint.hashedMessage.valueBlock.valueHexView))
    fail("ImprintMismatch", "message imprint does not match the data");

  if (signedData.signerInfos.length !== 1) fail("Malformed", "expected exactly one SignerInfo");
  const si = signedData.signerInfos[0];
  if (!si.signedAttrs) fail("Malformed", "no signed attributes");
  const attr = (oid) => {
    const found = si.signedAttrs.attributes.filter((x) => x.type === oid);
    if (found.length !== 1 || found[0].values.length !== 1) fail("Malformed", `attribute ${oid} missing or repeated`);
    return found[0].values[0];
  };
  if (attr(OID.contentType).valueBlock.toString() !== OID.tstInfo) fail("ContentTypeMismatch", "content-type attribute is not id-ct-TSTInfo");
  const digestName = HASHES[si.digestAlgorithm.algorithmId];
  if (!digestName) fail("UnsupportedAlgorithm", "digest algorithm not supported");
  if (!equal(hash(digestName, eContent), attr(OID.messageDigest).valueBlock.valueHexView))
    fail("MessageDigestMismatch", "message-digest attribute does not match the TSTInfo");

  // SigningCertificateV2 ::= SEQUENCE { certs SEQUENCE OF ESSCertIDv2 }; hashAlgorithm DEFAULT sha256
  const essFirst = attr(OID.signingCertificateV2).valueBlock.value[0].valueBlock.value[0].valueBlock.value;
  let essAlg = "sha256", essIndex = 0;
  if (essFirst[0].idBlock.tagNumber === 16) {
    essAlg = HASHES[essFirst[0].valueBlock.value[0].valueBlock.toString()];
    essIndex = 1;
  }
  const essHash = essFirst[essIndex].valueBlock.valueHexView;

  // Certificates: exact DER as carried in the token (re-encoding could change bytes), plus --tsa-cert
  const candidates = [];
  const certsField = contentInfo.content.valueBlock.value.find((v) => v.idBlock.tagClass === 3 && v.idBlock.tagNumber === 0);
  if (certsField) for (const c of certsField.valueBlock.value) candidates.push(new Uint8Array(c.valueBeforeDecodeView));
  if (a["tsa-cert"]) candidates.unshift(pemToDer(readFileSync(a["tsa-cert"], "utf8")));
  if (candidates.length === 0) fail("SignerCertificateMissing", "no TSA certificate in the token or given");
  const tsaDer = candidates.find((c) => equal(hash(essAlg, c), essHash));
  if (!tsaDer) fail("EssCertIdMismatch", "ESSCertIDv2 does not match the TSA certificate");
  const tsaCert = new pkijs.Certificate({ schema: parseDer(tsaDer, "TSA certificate") });

  const sid = si.sid;
  if (!(sid instanceof pkijs.IssuerAndSerialNumber) || !sid.issuer.isEqual(tsaCert.issuer) ||
      !equal(sid.serialNumber.valueBlock.valueHexView, tsaCert.serialNumber.valueBlock.valueHexView))
    fail("SignerIdentifierMismatch", "SignerInfo sid does not name the TSA certificate");

  const sigOid = si.signatureAlgorithm.algorithmId;
  if (sigOid !== OID.ed25519 && sigOid !== OID.ecdsaSha384) fail("UnsupportedAlgorithm", `signature algorithm ${sigOid}`);
  // both identifiers have absent parameters (RFC 8419 §2.3, RFC 5758 §3.2)
  if (si.signatureAlgorithm.algorithmParams !== undefined) fail("UnsupportedAlgorithm", `${sigOid} must have absent parameters`);
  if (sigOid === OID.ecdsaSha384 && digestName !== "sha384") fail("UnsupportedAlgorithm", "ecdsa-with-SHA384 with a signer digest other than SHA-384");
  const tsaX509 = new X509Certificate(Buffer.from(tsaDer));
  const signed = new Uint8Array(si.signedAttrs.encodedValue); // pkijs already re-tags [0] as SET (0x31)
  const signature = new Uint8Array(si.signature.valueBlock.valueHexView);
  const ok = verifySignature(sigOid === OID.ed25519 ? null : "sha384", signed, tsaX509.publicKey, Buffer.from(signature));
  if (!ok) fail("SignatureInvalid", "signature does not verify under the TSA certificate key");
  if (sigOid === OID.ecdsaSha384) {
    const point = new Uint8Array(tsaCert.subjectPublicKeyInfo.subjectPublicKey.valueBlock.valueHexView);
    let nobleOk = false;
    try {
      nobleOk = p384.verify(signature, signed, point, { format: "der", prehash: true, lowS: false });
    } catch {
      nobleOk = false;
    }
    if (!nobleOk) fail("SignatureInvalid", "ECDSA signature refused by @noble/curves p384 although node:crypto accepted it");
  }

  const ekuExt = (tsaCert.extensions || []).filter((e) => e.extnID === OID.eku);
  if (ekuExt.length !== 1 || !ekuExt[0].critical || ekuExt[0].parsedValue.keyPurposes.length !== 1 || ekuExt[0].parsedValue.keyPurposes[0] !== OID.timeStamping)
    fail("KeyUsageInvalid", "EKU is not critical id-kp-timeStamping only");

  const ca = new X509Certificate(Buffer.from(caDer));
  if (!tsaX509.checkIssued(ca) || !tsaX509.verify(ca.publicKey)) fail("ChainInvalid", "TSA certificate is not issued by the CA");
  const genTime = tst.genTime;
  for (const [name, c] of [["TSA", tsaX509], ["CA", ca]]) {
    if (genTime < new Date(c.validFrom) || genTime > new Date(c.validTo)) fail("NotValidAtGenTime", `${name} certificate not valid at genTime`);
  }
  if (tst.tsa) {
    if (tst.tsa.type !== 4 || !tst.tsa.value.isEqual(tsaCert.subject)) fail("TsaNameMismatch", "tsa name is not the TSA certificate subject");
  }
  return {
    valid: true,
    genTime: genTime.toISOString(),
    serial: Buffer.from(tst.serialNumber.valueBlock.valueHexView).toString("hex"),
    policy: tst.policy,
    signatureAlgorithm: sigOid === OID.ed25519 ? "Ed25519" : "ecdsa-with-SHA384",
    signer: tsaX509.subject.replace(/\n/g, ","),
  };
}

try {
  console.log(JSON.stringify(main()));
  process.exit(0);
} catch (e) {
  if (e instanceof Invalid) {
    console.log(JSON.stringify({ valid: false, failure: e.failure, reason: e.message }));
    process.exit(1);
  }
  console.log(JSON.stringify({ valid: false, failure: "Malformed", reason: String(e && e.message) }));
  process.exit(1);
}
