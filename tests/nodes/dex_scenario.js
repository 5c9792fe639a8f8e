// dex_scenario.js OUTDIR - the DEX swap scenario of
// tests/integration/dex_anvil.sh on anvil (started by nodes.sh on
// $ANVIL_PORT); writes OUTDIR/dex.json. Two tokens and a pool of our own
// (dex_pool.sol, compiled offline with solc, evmVersion paris). The
// deployer (the victim) loses 400000 A to the thief S, who passes them to
// the hacker H; H also gets 600000 clean A from C; H sells all 1000000 A
// to the pool for B (approve, then swap: A in by transferFrom, B out,
// Uniswap v2's Swap event) and passes every B to the mule M, who sells
// them back to the pool for A (a chain of two swaps) and passes the A to
// N, who pays X (an exchange).
'use strict';
const fs = require('fs');
const path = require('path');
const solc = require('solc');
const { rpc, send, waitNode, hex, word, addrWord } =
  require('./eth_scenario.js');

function compile() {
  const src = fs.readFileSync(path.join(__dirname, 'dex_pool.sol'), 'utf8');
  const input = { language: 'Solidity', sources: { 'dex_pool.sol': {
    content: src } }, settings: { evmVersion: 'paris', optimizer: {
    enabled: true, runs: 200 }, outputSelection: { '*': { '*': [
    'evm.bytecode.object', 'evm.methodIdentifiers'] } } } };
  const out = JSON.parse(solc.compile(JSON.stringify(input)));
  for (const e of out.errors || [])
    if (e.severity === 'error') throw new Error(e.formattedMessage);
  return out.contracts['dex_pool.sol'];
}

async function ok(tx, what) {
  const r = await send(tx);
  if (r.status !== '0x1') throw new Error(what + ' failed');
  return r;
}

async function main() {
  const out = process.argv[2];
  await waitNode();
  const c = compile();
  const tok = c.DexToken, pool = c.DexPool;
  const sel = (k, sig) => '0x' + k.evm.methodIdentifiers[sig];
  const acc = await rpc('eth_accounts');
  const [victim, thief, hacker, clean, exch, mule, mule2] = acc;
  const deploy = async (code, args) => (await ok({ from: victim,
    data: '0x' + code + args, gas: hex(3000000) }, 'deploy')).contractAddress;
  const a = await deploy(tok.evm.bytecode.object, word(10n ** 12n));
  const b = await deploy(tok.evm.bytecode.object, word(10n ** 12n));
  const p = await deploy(pool.evm.bytecode.object, addrWord(a) + addrWord(b));
  const transfer = (from, t, to, v) => ok({ from, to: t,
    data: sel(tok, 'transfer(address,uint256)') + addrWord(to) + word(v) },
  'transfer');
  await transfer(victim, a, p, 10000000n); // the pool's reserves
  await transfer(victim, b, p, 20000000n);
  const theft = await transfer(victim, a, thief, 400000n);
  await transfer(victim, a, clean, 600000n);
  await transfer(thief, a, hacker, 400000n);
  await transfer(clean, a, hacker, 600000n);
  // who sells amount of token t (zeroForOne: A for B) to the pool
  const sell = async (who, t, amount, zeroForOne) => {
    await ok({ from: who, to: t, data: sel(tok, 'approve(address,uint256)')
      + addrWord(p) + word(amount) }, 'approve');
    return ok({ from: who, to: p, gas: hex(300000),
      data: sel(pool, 'swap(uint256,bool,address)') + word(amount) +
      word(zeroForOne ? 1n : 0n) + addrWord(who) }, 'swap');
  };
  const bal = async (t, who) => BigInt(await rpc('eth_call', [{ to: t,
    data: sel(tok, 'balanceOf(address)') + addrWord(who) }, 'latest']));
  const swap = await sell(hacker, a, 1000000n, true);
  const got = await bal(b, hacker);
  await transfer(hacker, b, mule, got);
  const swap2 = await sell(mule, b, got, false);
  const back = await bal(a, mule);
  await transfer(mule, a, mule2, back);
  await transfer(mule2, a, exch, back);
  await rpc('anvil_mine', [hex(1)]);
  fs.writeFileSync(`${out}/dex.json`, JSON.stringify({
    tip: Number(await rpc('eth_blockNumber')),
    token_a: a.toLowerCase(), token_b: b.toLowerCase(),
    pool: p.toLowerCase(), victim, thief, hacker, clean, mule,
    exchange: exch,
    theft: theft.transactionHash, swap: swap.transactionHash,
    swap_topics: swap.logs.map((l) => l.topics[0]),
    bought: got.toString(), swap2: swap2.transactionHash,
    bought2: back.toString() }));
}

main().catch((e) => { console.error(e.stack || e); process.exit(1); });
