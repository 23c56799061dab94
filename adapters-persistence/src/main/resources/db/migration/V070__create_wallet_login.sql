-- Wallet login (DESIGN §6): the signed messages already used, and the Sign-In with Ethereum nonces
-- issued. Both are shared by every instance; a row can be deleted once it can no longer be accepted
-- anyway (its message is out of the time window, or the nonce expired).

CREATE TABLE wallet_login_replay (
    address        bytea       NOT NULL CHECK (length(address) = 20),
    message_sha256 bytea       NOT NULL CHECK (length(message_sha256) = 32),
    forget_after   timestamptz NOT NULL,
    PRIMARY KEY (address, message_sha256)
);
CREATE INDEX wallet_login_replay_by_expiry ON wallet_login_replay (forget_after);

CREATE TABLE wallet_login_nonce (
    nonce      text        PRIMARY KEY CHECK (nonce ~ '^[0-9a-f]{32}$'),
    expires_at timestamptz NOT NULL
);
CREATE INDEX wallet_login_nonce_by_expiry ON wallet_login_nonce (expires_at);
