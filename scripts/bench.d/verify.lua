-- HTTP Dilithium3 verify of a valid signature (BENCH_SIGNATURE) over BENCH_MESSAGE: every answer
-- must say valid; a 200 with "valid":false counts as invalid.
path = "/api/v1/signature/verify"
body = string.format('{"message":"%s","signature":"%s","key_version":1,"algorithm":"Dilithium3"}',
  os.getenv("BENCH_MESSAGE"), os.getenv("BENCH_SIGNATURE"))
expect = '"valid":true'
dofile(os.getenv("BENCH_LUA_DIR") .. "/common.lua")
