-- HTTP composite (ML-DSA-65 + ECDSA-P256) sign of BENCH_MESSAGE (base64) with key version 1.
path = "/api/v1/signature/sign"
body = string.format('{"message":"%s","key_version":1,"algorithm":"Composite-ML-DSA"}',
  os.getenv("BENCH_MESSAGE"))
expect = '"signature":"'
dofile(os.getenv("BENCH_LUA_DIR") .. "/common.lua")
