// SPDX-License-Identifier: MIT
// A THORChain router of our own for the THORChain scenario
// (tests/integration/thorchain.sh): the coin paths of THORChain's router
// v4 (THORChain_Router.sol), with its function signatures and its event
// signatures exactly, so that logs and calldata look as mainnet's do.
pragma solidity ^0.8.0;

contract ThorRouter {
    event Deposit(address indexed to, address indexed asset, uint256 amount,
                  string memo);
    event TransferOut(address indexed vault, address indexed to,
                      address asset, uint256 amount, string memo);

    // an inbound: the coin goes on to the vault, the memo in the event
    function deposit(address payable vault, address asset, uint256 amount,
                     string memory memo) public payable {
        require(asset == address(0), "coin only");
        (bool ok, ) = vault.call{value: msg.value}("");
        require(ok, "vault");
        amount;
        emit Deposit(vault, asset, msg.value, memo);
    }

    // an outbound or refund: the vault (msg.sender) pays `to` through
    // the router, the memo OUT:<hash> / REFUND:<hash> in the event
    function transferOut(address payable to, address asset, uint256 amount,
                         string memory memo) public payable {
        require(asset == address(0), "coin only");
        (bool ok, ) = to.call{value: msg.value}("");
        require(ok, "to");
        amount;
        emit TransferOut(msg.sender, to, asset, msg.value, memo);
    }
}
