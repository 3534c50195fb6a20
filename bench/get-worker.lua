-- wrk script: GET /api/v1/workers/{id} for ids from ids.txt (shuffled when the bench picked
-- them), with a bearer token. Reads WORKER_IDS (file) and BENCH_TOKEN from the environment.
-- The requests are formatted once, up front, and cycled: the load generator shares the
-- machine's two cores with the server and PostgreSQL, so it should spend as little as it can.
local requests = {}
local token = os.getenv("BENCH_TOKEN")
for line in io.lines(os.getenv("WORKER_IDS")) do
  requests[#requests + 1] = wrk.format("GET", "/api/v1/workers/" .. line, { ["Authorization"] = "Bearer " .. token })
end
local next_index = 0
init = function(args)
  -- Each wrk thread starts at a different place in the list.
  next_index = math.random(#requests)
end
request = function()
  next_index = next_index % #requests + 1
  return requests[next_index]
end
