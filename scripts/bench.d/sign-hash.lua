-- HTTP Dilithium3 sign-hash (HashML-DSA-65) of BENCH_HASH, the precomputed SHA-256 (base64) of
-- the message.
path = "/api/v1/signature/sign-hash"
body = string.format(
  '{"hash":"%s","hash_algorithm":"SHA-256","key_version":1,"algorithm":"Dilithium3"}',
  os.getenv("BENCH_HASH"))
expect = '"signature":"'
dofile(os.getenv("BENCH_LUA_DIR") .. "/common.lua")
