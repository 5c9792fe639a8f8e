// eth_scenario.js OUTDIR - drives anvil (started by nodes.sh on
// $ANVIL_PORT) through the Ethereum scenario of the integration tests and
// writes OUTDIR/eth.json: { tip, token, addresses: { addr: { eth, token } }
// } with balances in base units read with eth_getBalance and balanceOf at
// the tip. Scenario: plain transfers (to an account and to a fresh
// address); the 24-byte forwarder of NODES.md sending ETH on (an internal
// transfer); an ERC-20 (token.sol, compiled offline with solc, evmVersion
// paris) minted and transferred; a reverted transaction that carried
// value (the forwarder calling the token, which refuses ETH).
'use strict';
const http = require('http');
const fs = require('fs');
const path = require('path');
const solc = require('solc');

const PORT = Number(process.env.ANVIL_PORT || 8545);
let nextId = 1;

function rpc(method, params = []) {
  return new Promise((resolve, reject) => {
    const body = JSON.stringify({ jsonrpc: '2.0', id: nextId++, method,
      params });
    const req = http.request({ host: '127.0.0.1', port: PORT, method: 'POST',
      path: '/', headers: { 'Content-Type': 'application/json' } }, (res) => {
      let buf = '';
      res.on('data', (c) => { buf += c; });
      res.on('end', () => {
        try {
          const r = JSON.parse(buf);
          if (r.error) reject(new Error(`${method}: ${JSON.stringify(r.error)}`));
          else resolve(r.result);
        } catch (e) { reject(new Error(`${method}: ${buf}`)); }
      });
    });
    req.on('error', reject);
    req.write(body);
    req.end();
  });
}
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const hex = (n) => '0x' + BigInt(n).toString(16);
const word = (v) => BigInt(v).toString(16).padStart(64, '0');
const addrWord = (a) => a.slice(2).toLowerCase().padStart(64, '0');

async function send(tx) {
  const h = await rpc('eth_sendTransaction', [tx]);
  for (let i = 0; i < 100; i++) {
    const r = await rpc('eth_getTransactionReceipt', [h]);
    if (r) return r;
    await sleep(50);
  }
  throw new Error('no receipt for ' + h);
}

function compileToken() {
  const src = fs.readFileSync(path.join(__dirname, 'token.sol'), 'utf8');
  const input = { language: 'Solidity', sources: { 'token.sol': {
    content: src } }, settings: { evmVersion: 'paris', optimizer: {
    enabled: true, runs: 200 }, outputSelection: { '*': { '*': [
    'evm.bytecode.object'] } } } };
  const out = JSON.parse(solc.compile(JSON.stringify(input)));
  for (const e of out.errors || [])
    if (e.severity === 'error') throw new Error(e.formattedMessage);
  return out.contracts['token.sol'].Token.evm.bytecode.object;
}

async function balanceOf(token, who, block) {
  const r = await rpc('eth_call', [{ to: token,
    data: '0x70a08231' + addrWord(who) }, block]);
  return BigInt(r).toString();
}

// until the node answers (10 s at most)
async function waitNode() {
  for (let i = 0; ; i++) {
    try { await rpc('eth_blockNumber'); return; } catch (e) {
      if (i > 100) throw e;
      await sleep(100);
    }
  }
}

async function main() {
  const out = process.argv[2];
  await waitNode();
  const acc = await rpc('eth_accounts');
  const fresh = '0x00000000000000000000000000000000000c0ffe';
  const fresh2 = '0x000000000000000000000000000000000000beef';
  const E = 10n ** 18n;
  await send({ from: acc[0], to: acc[1], value: hex(E) });
  await send({ from: acc[1], to: fresh, value: hex(E / 2n) });
  // the forwarder: calls the address in calldata word 0 with the value
  const runtime = '6000600060006000346000355af115601357005b600080fd';
  const fwd = (await send({ from: acc[0],
    data: '0x6018' + '80600b6000396000f3' + runtime })).contractAddress;
  const internal = await send({ from: acc[2], to: fwd, value: hex(2n * E),
    data: '0x' + addrWord(fresh2) });
  if (internal.status !== '0x1') throw new Error('forward failed');
  const token = (await send({ from: acc[0], data: '0x' + compileToken() +
    word(1000000000n), gas: hex(2000000) })).contractAddress;
  const tr = await send({ from: acc[0], to: token, data: '0xa9059cbb' +
    addrWord(acc[3]) + word(250000000n) });
  if (tr.status !== '0x1') throw new Error('token transfer failed');
  await send({ from: acc[3], to: token, data: '0xa9059cbb' +
    addrWord(fresh) + word(1000n) });
  // reverted with value: the token has no payable fallback
  const bad = await send({ from: acc[4], to: fwd, value: hex(3n * E),
    data: '0x' + addrWord(token), gas: hex(200000) });
  if (bad.status !== '0x0') throw new Error('expected a revert');
  await rpc('anvil_mine', [hex(3)]);

  const tip = Number(await rpc('eth_blockNumber'));
  const tipHex = hex(tip);
  // the fee recipient earns the priority fees (block-level reward legs)
  const miner = (await rpc('eth_getBlockByNumber', [tipHex, false])).miner;
  const who = [acc[0], acc[1], acc[2], acc[3], acc[4], fresh, fresh2, fwd,
    token, miner];
  const addresses = {};
  for (const a of who) {
    addresses[a.toLowerCase()] = {
      eth: BigInt(await rpc('eth_getBalance', [a, tipHex])).toString(),
      token: await balanceOf(token, a, tipHex),
    };
  }
  // the miner is the zero address on anvil, where token mints come from:
  // its token balance has no meaning, only its ETH income is compared
  addresses[miner.toLowerCase()].token = null;
  fs.writeFileSync(`${out}/eth.json`, JSON.stringify({ tip, token:
    token.toLowerCase(), forwarder: fwd.toLowerCase(), addresses,
    reverted: bad.transactionHash, internal: internal.transactionHash }));
}

// the RPC helpers serve tests/nodes/dex_scenario.js too
module.exports = { rpc, send, waitNode, hex, word, addrWord };
if (require.main === module)
  main().catch((e) => { console.error(e.stack || e); process.exit(1); });
