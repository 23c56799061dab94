-- The HTTP floor: GET /health/liveness, through the same server, filters and access log as every
-- request, with no body, no authentication and no signing: what any request costs the service.
method = "GET"
path = "/health/liveness"
expect = '"UP"'
dofile(os.getenv("BENCH_LUA_DIR") .. "/common.lua")
