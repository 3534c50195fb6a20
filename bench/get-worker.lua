-- wrk script: GET /api/v1/workers/{id} for random ids from ids.txt, with a bearer token.
-- Reads WORKER_IDS (file) and BENCH_TOKEN from the environment.
local ids = {}
for line in io.lines(os.getenv("WORKER_IDS")) do ids[#ids + 1] = line end
local token = os.getenv("BENCH_TOKEN")
math.randomseed(os.time())
request = function()
  local id = ids[math.random(#ids)]
  return wrk.format("GET", "/api/v1/workers/" .. id, { ["Authorization"] = "Bearer " .. token })
end
