// SPDX-License-Identifier: MIT
// thornode_router.sol - the part of THORChain's router (ethereum/contracts/
// THORChain_Router.sol, v4) that pays an outbound in the chain's coin:
// transferOut sends msg.value to `to` and emits TransferOut with the
// real event signature (topic0 0xa9cd03aa...), vault = msg.sender. For
// tests/nodes/thor_eth_scenario.js only.
pragma solidity ^0.8.0;

contract Router {
    event TransferOut(address indexed vault, address indexed to,
                      address asset, uint256 amount, string memo);

    function transferOut(address payable to, address asset, uint256 amount,
                         string memory memo) public payable {
        amount; // the coin: what is paid is msg.value, as the router does
        require(to.send(msg.value), "send failed");
        emit TransferOut(msg.sender, to, asset, msg.value, memo);
    }
}
