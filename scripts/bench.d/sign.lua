-- HTTP Dilithium3 sign of BENCH_MESSAGE (base64) with key version 1.
path = "/api/v1/signature/sign"
body = string.format('{"message":"%s","key_version":1,"algorithm":"Dilithium3"}',
  os.getenv("BENCH_MESSAGE"))
expect = '"signature":"'
dofile(os.getenv("BENCH_LUA_DIR") .. "/common.lua")
